//! Pausing, resuming, deregistering and withdrawing a service.

use super::*;

#[test]
fn pause_and_resume() {
	run_test(|| {
		let id = register(ALICE, "x", &["a"]);
		assert_ok!(Registry::pause_service(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(last_event(), Event::ServicePaused { service_id: id }.into());
		assert_eq!(info(id).status, ServiceStatus::Paused);
		assert!(ids(&Reg::find_services(filter(&["a"]), None, 10)).is_empty());
		let mut f = filter(&["a"]);
		f.include_stale = true;
		assert!(ids(&Reg::find_services(f, None, 10)).is_empty(), "paused is never listed");
		assert_noop!(
			Registry::pause_service(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::AlreadyPaused
		);
		goto(30);
		assert_ok!(Registry::resume_service(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(last_event(), Event::ServiceResumed { service_id: id }.into());
		assert_eq!(info(id).last_heartbeat, 30, "resuming counts as a heartbeat");
		assert_eq!(ids(&Reg::find_services(filter(&["a"]), None, 10)), vec![id]);
		assert_noop!(
			Registry::resume_service(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::NotPaused
		);
	});
}

#[test]
fn pause_resume_errors() {
	run_test(|| {
		let id = register(ALICE, "x", &[]);
		assert_noop!(
			Registry::pause_service(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotProvider
		);
		assert_noop!(
			Registry::resume_service(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotProvider
		);
		assert_noop!(
			Registry::pause_service(RuntimeOrigin::signed(ALICE), 5),
			Error::<Test>::UnknownService
		);
		assert_ok!(Registry::deregister_service(RuntimeOrigin::signed(ALICE), id));
		assert_noop!(
			Registry::pause_service(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::ServiceRetired
		);
		assert_noop!(
			Registry::resume_service(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::ServiceRetired
		);
	});
}

#[test]
fn deregister_then_withdraw_after_the_retirement_period() {
	run_test(|| {
		let id = register(ALICE, "x", &["a"]);
		let deposit = info(id).deposit;
		goto(5);
		assert_ok!(Registry::deregister_service(RuntimeOrigin::signed(ALICE), id));
		let unlock_at = 5 + RETIREMENT_PERIOD;
		assert_eq!(last_event(), Event::ServiceDeregistered { service_id: id, unlock_at }.into());
		assert_eq!(info(id).status, ServiceStatus::Retired { since: 5, unlock_at });
		assert!(ids(&Reg::find_services(filter(&["a"]), None, 10)).is_empty());
		assert_eq!(held(ALICE), deposit, "deposit stays held while channels settle");
		assert_noop!(
			Registry::deregister_service(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::ServiceRetired
		);

		goto(unlock_at - 1);
		assert_noop!(
			Registry::withdraw_deposit(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::DepositLocked
		);
		goto(unlock_at);
		assert_noop!(
			Registry::withdraw_deposit(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotProvider
		);
		assert_ok!(Registry::withdraw_deposit(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(
			last_event(),
			Event::DepositWithdrawn { service_id: id, provider: ALICE, amount: deposit }.into()
		);
		assert_eq!(held(ALICE), 0);
		assert_eq!(Balances::balance(&ALICE), INITIAL, "every unit came back");
		assert!(Services::<Test>::get(id).is_none());
		assert_eq!(ProviderServiceCount::<Test>::get(ALICE), 0);
		assert_eq!(ServiceCount::<Test>::get(), 0);
		assert_noop!(
			Registry::withdraw_deposit(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::UnknownService
		);
	});
}

#[test]
fn withdraw_requires_retirement_and_ratings_go_with_their_ledger_entries() {
	run_test(|| {
		let id = register(ALICE, "x", &[]);
		assert_noop!(
			Registry::withdraw_deposit(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::NotRetired
		);
		for rater in [BOB, CHARLIE] {
			MockPayments::pay(rater, id, MIN_PAID_TO_RATE);
			assert_ok!(Registry::rate_service(RuntimeOrigin::signed(rater), id, 4));
		}
		assert_ok!(Registry::deregister_service(RuntimeOrigin::signed(ALICE), id));
		goto(1 + RETIREMENT_PERIOD);
		assert_ok!(Registry::withdraw_deposit(RuntimeOrigin::signed(ALICE), id));
		// The ratings stay, backed by their raters' ledger deposits, until those go.
		assert_eq!(Ratings::<Test>::iter_prefix(id).count(), 2);
		for rater in [BOB, CHARLIE] {
			<Reg as servicechain_primitives::OnPaymentRecordRemoved<_>>::payment_record_removed(
				&rater, id,
			);
		}
		assert_eq!(Ratings::<Test>::iter_prefix(id).count(), 0);
	});
}

#[test]
fn paused_services_can_be_deregistered() {
	run_test(|| {
		let id = register(ALICE, "x", &["a"]);
		assert_ok!(Registry::pause_service(RuntimeOrigin::signed(ALICE), id));
		assert_ok!(Registry::deregister_service(RuntimeOrigin::signed(ALICE), id));
		assert!(info(id).is_retired());
	});
}

#[test]
fn deregister_errors() {
	run_test(|| {
		let id = register(ALICE, "x", &[]);
		assert_noop!(
			Registry::deregister_service(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotProvider
		);
		assert_noop!(
			Registry::deregister_service(RuntimeOrigin::signed(ALICE), 3),
			Error::<Test>::UnknownService
		);
	});
}
