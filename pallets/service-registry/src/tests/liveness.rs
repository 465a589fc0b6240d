//! Heartbeats, staleness and reaping stale services.

use super::*;

#[test]
fn one_heartbeat_per_interval_is_free() {
	run_test(|| {
		let id = register(ALICE, "x", &[]);
		let call = RuntimeCall::Registry(Call::heartbeat { service_id: id });
		assert_eq!(call.get_dispatch_info().pays_fee, Pays::Yes, "pays up front, refunded if free");

		// Registration counts as a heartbeat at block 1: block 10 is too early.
		goto(1 + HEARTBEAT_INTERVAL - 1);
		let post = Registry::heartbeat(RuntimeOrigin::signed(ALICE), id).unwrap();
		assert_eq!(post.pays_fee, Pays::Yes);
		assert_eq!(last_event(), Event::HeartbeatReceived { service_id: id, free: false }.into());
		assert_eq!(info(id).last_heartbeat, 10);

		goto(10 + HEARTBEAT_INTERVAL);
		let post = Registry::heartbeat(RuntimeOrigin::signed(ALICE), id).unwrap();
		assert_eq!(post.pays_fee, Pays::No);
		assert_eq!(last_event(), Event::HeartbeatReceived { service_id: id, free: true }.into());
		// A second one in the same interval pays.
		let post = Registry::heartbeat(RuntimeOrigin::signed(ALICE), id).unwrap();
		assert_eq!(post.pays_fee, Pays::Yes);
	});
}

#[test]
fn heartbeat_errors() {
	run_test(|| {
		let id = register(ALICE, "x", &[]);
		assert_noop!(
			Registry::heartbeat(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotProvider
		);
		assert_noop!(
			Registry::heartbeat(RuntimeOrigin::signed(ALICE), 9),
			Error::<Test>::UnknownService
		);
		assert_ok!(Registry::deregister_service(RuntimeOrigin::signed(ALICE), id));
		assert_noop!(
			Registry::heartbeat(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::ServiceRetired
		);
	});
}

#[test]
fn staleness_boundary_is_exact() {
	run_test(|| {
		let id = register(ALICE, "x", &["a"]);
		goto(1 + STALE_AFTER);
		assert!(!Reg::is_stale(&info(id)), "exactly stale_after blocks old is still fresh");
		assert_eq!(ids(&Reg::find_services(filter(&["a"]), None, 10)), vec![id]);
		goto(2 + STALE_AFTER);
		assert!(Reg::is_stale(&info(id)));
		assert!(ids(&Reg::find_services(filter(&["a"]), None, 10)).is_empty(), "hidden");
		let mut f = filter(&["a"]);
		f.include_stale = true;
		let page = Reg::find_services(f, None, 10);
		assert_eq!(ids(&page), vec![id]);
		assert!(page.services[0].stale);
		// A heartbeat revives it.
		assert_ok!(Registry::heartbeat(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(ids(&Reg::find_services(filter(&["a"]), None, 10)), vec![id]);
	});
}

#[test]
fn reap_timing_boundary_and_reward() {
	run_test(|| {
		let id = register(ALICE, "x", &["a"]);
		let deposit = info(id).deposit;
		// Stale after block 1 + STALE_AFTER; reapable only after REAP_AFTER more blocks.
		goto(1 + STALE_AFTER + REAP_AFTER);
		assert_noop!(
			Registry::reap_stale_service(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotReapable
		);
		goto(2 + STALE_AFTER + REAP_AFTER);
		let bob_before = Balances::balance(&BOB);
		assert_ok!(Registry::reap_stale_service(RuntimeOrigin::signed(BOB), id));
		let reward = Perbill::from_percent(10) * deposit;
		assert!(reward > 0);
		assert_eq!(Balances::balance(&BOB), bob_before + reward);
		let unlock_at = 2 + STALE_AFTER + REAP_AFTER + RETIREMENT_PERIOD;
		assert_eq!(
			last_event(),
			Event::ServiceReaped { service_id: id, reaper: BOB, reward, unlock_at }.into()
		);
		assert_eq!(info(id).deposit, deposit - reward);
		assert_eq!(held(ALICE), deposit - reward);
		assert!(ids(&Reg::find_services(
			ServiceFilter { include_stale: true, ..filter(&["a"]) },
			None,
			10
		))
		.is_empty());
		// The rest returns to the provider later.
		goto(unlock_at);
		assert_ok!(Registry::withdraw_deposit(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(Balances::balance(&ALICE), INITIAL - reward);
		assert_eq!(Balances::total_issuance(), INITIAL * 3 + 150, "nothing minted or burned");
	});
}

#[test]
fn reap_errors_and_heartbeats_prevent_it() {
	run_test(|| {
		let id = register(ALICE, "x", &[]);
		assert_noop!(
			Registry::reap_stale_service(RuntimeOrigin::signed(BOB), 42),
			Error::<Test>::UnknownService
		);
		goto(40);
		assert_ok!(Registry::heartbeat(RuntimeOrigin::signed(ALICE), id));
		goto(40 + STALE_AFTER + REAP_AFTER);
		assert_noop!(
			Registry::reap_stale_service(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotReapable
		);
		// Paused services are not listed, so not reaped.
		assert_ok!(Registry::pause_service(RuntimeOrigin::signed(ALICE), id));
		goto(1_000);
		assert_noop!(
			Registry::reap_stale_service(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotReapable
		);
		assert_ok!(Registry::deregister_service(RuntimeOrigin::signed(ALICE), id));
		assert_noop!(
			Registry::reap_stale_service(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::ServiceRetired
		);
	});
}

#[test]
fn provider_reaping_its_own_service_gets_no_reward() {
	run_test(|| {
		let id = register(ALICE, "x", &[]);
		let deposit = info(id).deposit;
		goto(1_000);
		assert_ok!(Registry::reap_stale_service(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(info(id).deposit, deposit);
	});
}
