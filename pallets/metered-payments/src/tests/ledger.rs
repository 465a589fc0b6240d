//! The payment ledger: entries, their deposits, and who may pay.

use super::*;

#[test]
fn a_ledger_entry_lives_until_its_payer_removes_it() {
	run_test(|| {
		let record_held = || Balances::balance_on_hold(&HoldReason::PaymentRecord.into(), &alice());
		let a = open(alice(), 1_000);
		assert!(System::events().iter().any(|r| r.event
			== Event::PaymentRecordCreated {
				who: alice(),
				service_id: 0,
				deposit: RECORD_DEPOSIT
			}
			.into()));
		// More channels to the same service share the entry and its deposit.
		let b = open(alice(), 1_000);
		assert_eq!(record_held(), RECORD_DEPOSIT);
		assert_eq!(PaidToService::<Test>::get(alice(), 0).map(|r| r.channels), Some(2));
		assert_noop!(
			Payments::remove_payment_record(RuntimeOrigin::signed(alice()), 0),
			Error::<Test>::ChannelsOpen
		);
		assert_noop!(
			Payments::remove_payment_record(RuntimeOrigin::signed(alice()), 5),
			Error::<Test>::NoPaymentRecord
		);
		assert_ok!(Payments::claim(RuntimeOrigin::signed(provider()), a, 10, sign_sr(a, 10)));
		for id in [a, b] {
			assert_ok!(Payments::close(RuntimeOrigin::signed(provider()), id, None));
		}
		assert_eq!(PaidToService::<Test>::get(alice(), 0).map(|r| r.channels), Some(0));
		assert_eq!(Pay::paid_to_service(&alice(), 0), 10 * PRICE);
		assert_ok!(Payments::remove_payment_record(RuntimeOrigin::signed(alice()), 0));
		assert_eq!(
			last_event(),
			Event::PaymentRecordRemoved { who: alice(), service_id: 0, deposit: RECORD_DEPOSIT }
				.into()
		);
		assert_eq!(record_held(), 0);
		assert_eq!(Pay::paid_to_service(&alice(), 0), 0);
		// A new payment makes a new entry.
		assert_ok!(Payments::pay(RuntimeOrigin::signed(alice()), 0, 1));
		assert_eq!(record_held(), RECORD_DEPOSIT);
		assert_eq!(Pay::paid_to_service(&alice(), 0), PRICE);
	});
}

#[test]
fn paying_ones_own_service_is_refused_by_name() {
	run_test(|| {
		assert_noop!(
			Payments::pay(RuntimeOrigin::signed(provider()), 0, 1),
			Error::<Test>::OwnService
		);
		assert_noop!(
			Payments::open_channel(RuntimeOrigin::signed(provider()), 0, MIN_DEPOSIT),
			Error::<Test>::OwnService
		);
	});
}

#[test]
fn a_payer_who_cannot_afford_the_ledger_deposit_is_refused() {
	run_test(|| {
		let poor = AccountId::from([0x55; 32]);
		// Enough for the payment but not for the payment and the ledger entry's deposit.
		assert_ok!(Balances::transfer_allow_death(
			RuntimeOrigin::signed(alice()),
			poor.clone(),
			RECORD_DEPOSIT
		));
		assert_noop!(
			Payments::pay(RuntimeOrigin::signed(poor), 0, 1),
			Error::<Test>::InsufficientRecordDeposit
		);
	});
}
