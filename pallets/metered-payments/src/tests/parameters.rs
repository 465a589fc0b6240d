//! The pallet's parameters, set by governance only and validated.

use super::*;

#[test]
fn set_parameters_is_governance_only_and_validated() {
	run_test(|| {
		let mut p = Pay::params();
		p.protocol_fee = Perbill::from_percent(5);
		assert_noop!(
			Payments::set_parameters(RuntimeOrigin::signed(alice()), p.clone()),
			DispatchError::BadOrigin
		);
		for bad in [
			ParamsOf::<Test> { settlement_window: 0, ..p.clone() },
			ParamsOf::<Test> { max_claims_per_batch: 0, ..p.clone() },
			ParamsOf::<Test> { max_claims_per_batch: 9, ..p.clone() },
			// Every channel and ledger entry must cost something.
			ParamsOf::<Test> { min_deposit: 0, ..p.clone() },
			ParamsOf::<Test> { record_deposit: 0, ..p.clone() },
		] {
			assert_noop!(
				Payments::set_parameters(RuntimeOrigin::root(), bad),
				Error::<Test>::InvalidParameters
			);
		}
		assert_ok!(Payments::set_parameters(RuntimeOrigin::root(), p.clone()));
		assert_eq!(Pay::params(), p);
		// The next claim uses the new fee.
		let id = open(alice(), 1_000);
		assert_ok!(Payments::claim(RuntimeOrigin::signed(provider()), id, 10, sign_sr(id, 10)));
		assert_eq!(
			Balances::balance(&FeeAccount::get()),
			1 + Perbill::from_percent(5) * (10 * PRICE)
		);
	});
}
