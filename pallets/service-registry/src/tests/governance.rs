//! Governance: slashing, forced deregistration, parameters.

use super::*;

#[test]
fn slash_moves_up_to_the_deposit_to_the_treasury() {
	run_test(|| {
		let id = register(ALICE, "x", &[]);
		let deposit = info(id).deposit;
		let reason = sp_core::H256::repeat_byte(7);
		assert_noop!(
			Registry::slash_service(RuntimeOrigin::signed(BOB), id, 10, reason),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Registry::slash_service(RuntimeOrigin::root(), 9, 10, reason),
			Error::<Test>::UnknownService
		);
		assert_ok!(Registry::slash_service(RuntimeOrigin::root(), id, 10, reason));
		assert_eq!(
			last_event(),
			Event::ServiceSlashed { service_id: id, amount: 10, reason }.into()
		);
		assert_eq!(Balances::balance(&TREASURY), 10);
		assert_eq!(info(id).deposit, deposit - 10);
		assert_eq!(held(ALICE), deposit - 10);
		// More than what is left: only the rest is taken.
		assert_ok!(Registry::slash_service(RuntimeOrigin::root(), id, deposit * 5, reason));
		assert_eq!(Balances::balance(&TREASURY), deposit);
		assert_eq!((info(id).deposit, held(ALICE)), (0, 0));
		assert_eq!(Balances::balance(&ALICE), INITIAL - deposit);
		assert_eq!(Balances::total_issuance(), INITIAL * 3 + 150);
	});
}

#[test]
fn force_deregister() {
	run_test(|| {
		let id = register(ALICE, "x", &["a"]);
		assert_noop!(
			Registry::force_deregister_service(RuntimeOrigin::signed(ALICE), id),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Registry::force_deregister_service(RuntimeOrigin::root(), 3),
			Error::<Test>::UnknownService
		);
		assert_ok!(Registry::force_deregister_service(RuntimeOrigin::root(), id));
		let unlock_at = 1 + RETIREMENT_PERIOD;
		assert_eq!(
			last_event(),
			Event::ServiceForceDeregistered { service_id: id, unlock_at }.into()
		);
		assert_noop!(
			Registry::force_deregister_service(RuntimeOrigin::root(), id),
			Error::<Test>::ServiceRetired
		);
	});
}

#[test]
fn set_parameters_is_governance_only_and_validated() {
	run_test(|| {
		let mut p = test_params();
		p.base_deposit = 1_000;
		assert_noop!(
			Registry::set_parameters(RuntimeOrigin::signed(ALICE), p.clone()),
			DispatchError::BadOrigin
		);
		for broken in [
			ParamsOf::<Test> { heartbeat_interval: 0, ..p.clone() },
			ParamsOf::<Test> { stale_after: 0, ..p.clone() },
			ParamsOf::<Test> { reap_after: 0, ..p.clone() },
			ParamsOf::<Test> { retirement_period: 0, ..p.clone() },
		] {
			assert_noop!(
				Registry::set_parameters(RuntimeOrigin::root(), broken),
				Error::<Test>::InvalidParameters
			);
		}
		assert_ok!(Registry::set_parameters(RuntimeOrigin::root(), p.clone()));
		assert_eq!(last_event(), Event::ParametersSet { params: p.clone() }.into());
		assert_eq!(Reg::params(), p);
		// New deposits use the new parameters.
		let id = register(BOB, "x", &[]);
		assert_eq!(info(id).deposit, 1_000 + BYTE_DEPOSIT * info(id).encoded_size() as Balance);
	});
}

#[test]
fn genesis_and_default_parameters() {
	run_test(|| {
		assert_eq!(Reg::params(), test_params());
		assert!(Reg::params_valid(&Reg::default_params()));
	});
}
