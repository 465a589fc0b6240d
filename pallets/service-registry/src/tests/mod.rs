//! Tests of the service registry. Every test ends with `do_try_state` (see `mock::run_test`).

use crate::{mock::*, *};
use codec::Encode;
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{GetDispatchInfo, Pays},
	traits::fungible::{Inspect, InspectHold},
	BoundedVec,
};
use sp_runtime::{DispatchError, Perbill};

type Reg = crate::Pallet<Test>;

mod migration;
mod security;

fn input(name: &str, tags: &[&str]) -> ServiceInput<AccountId, Balance> {
	ServiceInput {
		name: name.as_bytes().to_vec(),
		endpoints: vec![b"https://api.example.com".to_vec()],
		protocol: b"https".to_vec(),
		tags: tags.iter().map(|t| t.as_bytes().to_vec()).collect(),
		price_per_unit: 10,
		unit: UnitInput::Request,
		metadata: None,
		beneficiary: None,
	}
}

fn register(who: AccountId, name: &str, tags: &[&str]) -> ServiceId {
	let id = NextServiceId::<Test>::get();
	assert_ok!(Registry::register_service(RuntimeOrigin::signed(who), input(name, tags)));
	id
}

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::ServiceDeposit.into(), &who)
}

fn info(id: ServiceId) -> ServiceInfo<Test> {
	Services::<Test>::get(id).expect("service exists")
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

fn goto(n: u64) {
	System::set_block_number(n);
}

fn ids(page: &crate::discovery::PageOf<Test>) -> Vec<ServiceId> {
	page.services.iter().map(|s| s.id).collect()
}

fn filter(tags: &[&str]) -> ServiceFilter<Balance> {
	ServiceFilter {
		tags: tags.iter().map(|t| t.as_bytes().to_vec()).collect(),
		..Default::default()
	}
}

// ---------------------------------------------------------------- register

#[test]
fn register_holds_deposit_indexes_and_emits() {
	run_test(|| {
		let id = register(ALICE, "llm", &["ai", "gpu"]);
		assert_eq!(id, 0);
		let s = info(id);
		let expected = BASE_DEPOSIT + BYTE_DEPOSIT * s.encoded_size() as Balance;
		assert_eq!(s.deposit, expected);
		assert_eq!(held(ALICE), expected);
		assert_eq!(Balances::balance(&ALICE), INITIAL - expected);
		assert_eq!((s.version, s.registered_at, s.last_heartbeat), (0, 1, 1));
		assert_eq!(s.status, ServiceStatus::Active);
		assert!(ServicesByTag::<Test>::contains_key(s.details.tags[0].clone(), Reg::id_key(id)));
		assert_eq!(ProviderServiceCount::<Test>::get(ALICE), 1);
		assert_eq!(NextServiceId::<Test>::get(), 1);
		assert_eq!(
			last_event(),
			Event::ServiceRegistered { service_id: 0, provider: ALICE, deposit: expected }.into()
		);
	});
}

#[test]
fn register_stores_every_field() {
	run_test(|| {
		let mut i = input("full", &["a"]);
		i.endpoints.push(b"/ip4/127.0.0.1/tcp/4001/p2p/12D3Koo".to_vec());
		i.unit = UnitInput::Custom(b"token".to_vec());
		i.metadata = Some(
			b"bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi".to_vec()[..46].to_vec(),
		);
		i.beneficiary = Some(TREASURY);
		i.protocol = b"libp2p".to_vec();
		assert_ok!(Registry::register_service(RuntimeOrigin::signed(ALICE), i));
		let s = info(0);
		assert_eq!(s.details.endpoints.len(), 2);
		assert_eq!(s.details.unit, Unit::Custom(b"token".to_vec().try_into().unwrap()));
		assert_eq!(s.details.metadata.as_ref().map(|m| m.len()), Some(46));
		assert_eq!(s.payee(), &TREASURY);
		assert_eq!(s.details.protocol.as_slice(), b"libp2p");
	});
}

#[test]
fn ids_are_sequential_and_never_reused() {
	run_test(|| {
		let a = register(ALICE, "a", &[]);
		let b = register(BOB, "b", &[]);
		assert_eq!((a, b), (0, 1));
		assert_ok!(Registry::deregister_service(RuntimeOrigin::signed(ALICE), a));
		goto(1 + RETIREMENT_PERIOD);
		assert_ok!(Registry::withdraw_deposit(RuntimeOrigin::signed(ALICE), a));
		assert_eq!(register(ALICE, "c", &[]), 2);
	});
}

#[test]
fn register_rejects_every_bad_input_with_a_named_error() {
	run_test(|| {
		let o = || RuntimeOrigin::signed(ALICE);
		type Mutation = Box<dyn Fn(&mut ServiceInput<AccountId, Balance>)>;
		let cases: Vec<(Mutation, Error<Test>)> = vec![
			(Box::new(|i| i.name = vec![]), Error::EmptyName),
			(Box::new(|i| i.name = vec![b'x'; 33]), Error::NameTooLong),
			(Box::new(|i| i.endpoints = vec![]), Error::NoEndpoints),
			(Box::new(|i| i.endpoints = vec![b"e".to_vec(); 4]), Error::TooManyEndpoints),
			(Box::new(|i| i.endpoints = vec![vec![]]), Error::EmptyEndpoint),
			(Box::new(|i| i.endpoints = vec![vec![b'e'; 65]]), Error::EndpointTooLong),
			(Box::new(|i| i.protocol = vec![]), Error::EmptyProtocol),
			(Box::new(|i| i.protocol = vec![b'p'; 9]), Error::ProtocolTooLong),
			(Box::new(|i| i.tags = vec![b"t".to_vec(); 5]), Error::TooManyTags),
			(Box::new(|i| i.tags = vec![vec![]]), Error::EmptyTag),
			(Box::new(|i| i.tags = vec![vec![b't'; 17]]), Error::TagTooLong),
			(Box::new(|i| i.tags = vec![b"ai".to_vec(), b"ai".to_vec()]), Error::DuplicateTag),
			(Box::new(|i| i.price_per_unit = 0), Error::ZeroPrice),
			(Box::new(|i| i.unit = UnitInput::Custom(vec![])), Error::EmptyUnit),
			(Box::new(|i| i.unit = UnitInput::Custom(vec![b'u'; 9])), Error::UnitTooLong),
			(Box::new(|i| i.metadata = Some(vec![])), Error::EmptyMetadata),
			(Box::new(|i| i.metadata = Some(vec![b'm'; 47])), Error::MetadataTooLong),
		];
		for (mutate, error) in cases {
			let mut i = input("svc", &["ai"]);
			mutate(&mut i);
			assert_noop!(Registry::register_service(o(), i), error);
		}
		// Exactly at every bound is fine.
		let mut i = input("svc", &[]);
		i.name = vec![b'x'; 32];
		i.endpoints = vec![vec![b'e'; 64]; 3];
		i.protocol = vec![b'p'; 8];
		i.tags = (0..4u8).map(|n| vec![n + b'a'; 16]).collect();
		i.unit = UnitInput::Custom(vec![b'u'; 8]);
		i.metadata = Some(vec![b'm'; 46]);
		assert_ok!(Registry::register_service(o(), i));
	});
}

#[test]
fn register_needs_a_signed_origin_and_enough_balance() {
	run_test(|| {
		assert_noop!(
			Registry::register_service(RuntimeOrigin::root(), input("x", &[])),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Registry::register_service(RuntimeOrigin::signed(POOR), input("x", &["a"])),
			Error::<Test>::InsufficientBalance
		);
		assert_eq!(held(POOR), 0);
	});
}

#[test]
fn register_is_capped_per_provider() {
	run_test(|| {
		for n in 0..50 {
			register(ALICE, &format!("s{n}"), &[]);
		}
		assert_noop!(
			Registry::register_service(RuntimeOrigin::signed(ALICE), input("one too many", &[])),
			Error::<Test>::TooManyServices
		);
		// Others are not affected.
		register(BOB, "b", &[]);
	});
}

// ---------------------------------------------------------------- update

#[test]
fn update_tops_up_or_releases_deposit_and_bumps_version() {
	run_test(|| {
		let id = register(ALICE, "x", &["a"]);
		let before = info(id).deposit;
		let mut bigger = input("a much longer name", &["a", "b", "c"]);
		bigger.metadata = Some(vec![b'm'; 40]);
		assert_ok!(Registry::update_service(RuntimeOrigin::signed(ALICE), id, bigger));
		let s = info(id);
		assert!(s.deposit > before);
		assert_eq!(s.deposit, BASE_DEPOSIT + BYTE_DEPOSIT * s.encoded_size() as Balance);
		assert_eq!(held(ALICE), s.deposit);
		assert_eq!(s.version, 1);
		assert_eq!(
			last_event(),
			Event::ServiceUpdated { service_id: id, version: 1, deposit: s.deposit }.into()
		);

		assert_ok!(Registry::update_service(RuntimeOrigin::signed(ALICE), id, input("y", &[])));
		let s = info(id);
		assert!(s.deposit < before, "shrinking releases the surplus");
		assert_eq!(held(ALICE), s.deposit);
		assert_eq!(Balances::balance(&ALICE), INITIAL - s.deposit);
		assert_eq!(s.version, 2);
		assert_eq!(TagServiceCount::<Test>::iter().count(), 0, "old tags left the index");
	});
}

#[test]
fn update_reindexes_tags() {
	run_test(|| {
		let id = register(ALICE, "x", &["old", "kept"]);
		assert_ok!(Registry::update_service(
			RuntimeOrigin::signed(ALICE),
			id,
			input("x", &["kept", "new"])
		));
		assert!(ids(&Reg::find_services(filter(&["old"]), None, 10)).is_empty());
		assert_eq!(ids(&Reg::find_services(filter(&["new"]), None, 10)), vec![id]);
		assert_eq!(ids(&Reg::find_services(filter(&["kept"]), None, 10)), vec![id]);
	});
}

#[test]
fn update_errors() {
	run_test(|| {
		let id = register(ALICE, "x", &[]);
		assert_noop!(
			Registry::update_service(RuntimeOrigin::signed(BOB), id, input("y", &[])),
			Error::<Test>::NotProvider
		);
		assert_noop!(
			Registry::update_service(RuntimeOrigin::signed(ALICE), 7, input("y", &[])),
			Error::<Test>::UnknownService
		);
		assert_noop!(
			Registry::update_service(RuntimeOrigin::signed(ALICE), id, input("", &[])),
			Error::<Test>::EmptyName
		);
		let mut huge = input("y", &[]);
		huge.endpoints = vec![vec![b'e'; 64]; 3];
		huge.name = vec![b'x'; 32];
		// A service cannot grow beyond what its provider can hold.
		let small: AccountId = 5;
		assert_ok!(Balances::force_set_balance(RuntimeOrigin::root(), small, 500));
		let poor = NextServiceId::<Test>::get();
		assert_ok!(Registry::register_service(RuntimeOrigin::signed(small), input("p", &[])));
		assert_noop!(
			Registry::update_service(RuntimeOrigin::signed(small), poor, huge),
			Error::<Test>::InsufficientBalance
		);
		assert_ok!(Registry::deregister_service(RuntimeOrigin::signed(ALICE), id));
		assert_noop!(
			Registry::update_service(RuntimeOrigin::signed(ALICE), id, input("y", &[])),
			Error::<Test>::ServiceRetired
		);
	});
}

#[test]
fn update_works_while_paused_without_relisting() {
	run_test(|| {
		let id = register(ALICE, "x", &["a"]);
		assert_ok!(Registry::pause_service(RuntimeOrigin::signed(ALICE), id));
		assert_ok!(Registry::update_service(RuntimeOrigin::signed(ALICE), id, input("x", &["b"])));
		assert!(ids(&Reg::find_services(filter(&["b"]), None, 10)).is_empty());
		assert_ok!(Registry::resume_service(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(ids(&Reg::find_services(filter(&["b"]), None, 10)), vec![id]);
	});
}

// ---------------------------------------------------------------- heartbeat & staleness

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

// ---------------------------------------------------------------- pause / resume

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

// ---------------------------------------------------------------- deregister / withdraw

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

// ---------------------------------------------------------------- reap

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

// ---------------------------------------------------------------- ratings

/// Found by the runtime fuzzer: a payer rates, then the provider makes it the payee. Its rating
/// goes (nobody rates a service that pays them); the others' stay.
#[test]
fn a_rater_that_becomes_the_payee_loses_its_rating() {
	run_test(|| {
		let id = register(ALICE, "x", &[]);
		MockPayments::pay(BOB, id, MIN_PAID_TO_RATE);
		MockPayments::pay(CHARLIE, id, MIN_PAID_TO_RATE);
		assert_ok!(Registry::rate_service(RuntimeOrigin::signed(BOB), id, 5));
		assert_ok!(Registry::rate_service(RuntimeOrigin::signed(CHARLIE), id, 1));
		let mut to_bob = input("x", &[]);
		to_bob.beneficiary = Some(BOB);
		assert_ok!(Registry::update_service(RuntimeOrigin::signed(ALICE), id, to_bob));
		assert!(Ratings::<Test>::get(id, BOB).is_none());
		assert!(Ratings::<Test>::get(id, CHARLIE).is_some());
		assert_eq!((info(id).rating_count, info(id).average_rating_centi()), (1, Some(100)));
		assert_noop!(
			Registry::rate_service(RuntimeOrigin::signed(BOB), id, 5),
			Error::<Test>::OwnService
		);
	});
}

#[test]
fn only_payers_rate_once_and_may_update() {
	run_test(|| {
		let id = register(ALICE, "x", &[]);
		assert_noop!(
			Registry::rate_service(RuntimeOrigin::signed(BOB), id, 5),
			Error::<Test>::NotAPayer
		);
		MockPayments::pay(BOB, id, MIN_PAID_TO_RATE - 1);
		assert_noop!(
			Registry::rate_service(RuntimeOrigin::signed(BOB), id, 5),
			Error::<Test>::NotAPayer
		);
		MockPayments::pay(BOB, id, 1);
		assert_ok!(Registry::rate_service(RuntimeOrigin::signed(BOB), id, 5));
		assert_eq!(
			last_event(),
			Event::ServiceRated { service_id: id, rater: BOB, score: 5, previous: None }.into()
		);
		// Charlie paid 20 times what Bob did: his rating weighs 20 times as much.
		MockPayments::pay(CHARLIE, id, 20 * MIN_PAID_TO_RATE);
		assert_ok!(Registry::rate_service(RuntimeOrigin::signed(CHARLIE), id, 2));
		let m = MIN_PAID_TO_RATE;
		assert_eq!(
			(info(id).rating_count, info(id).rating_weight, info(id).rating_points),
			(2, 21 * m, 5 * m + 2 * 20 * m)
		);
		// (5 × 1 + 2 × 20) / 21 = 2.14
		assert_eq!(info(id).average_rating_centi(), Some(214));
		// Updating replaces, it does not add.
		assert_ok!(Registry::rate_service(RuntimeOrigin::signed(BOB), id, 3));
		assert_eq!(
			last_event(),
			Event::ServiceRated { service_id: id, rater: BOB, score: 3, previous: Some(5) }.into()
		);
		assert_eq!(
			(info(id).rating_count, info(id).rating_weight, info(id).rating_points),
			(2, 21 * m, 3 * m + 2 * 20 * m)
		);
		// Paying another service does not count.
		let other = register(ALICE, "y", &[]);
		assert_noop!(
			Registry::rate_service(RuntimeOrigin::signed(BOB), other, 5),
			Error::<Test>::NotAPayer
		);
	});
}

#[test]
fn rating_errors() {
	run_test(|| {
		let id = register(ALICE, "x", &[]);
		MockPayments::pay(BOB, id, MIN_PAID_TO_RATE);
		for bad in [0u8, 6, 255] {
			assert_noop!(
				Registry::rate_service(RuntimeOrigin::signed(BOB), id, bad),
				Error::<Test>::RatingOutOfRange
			);
		}
		assert_noop!(
			Registry::rate_service(RuntimeOrigin::signed(BOB), 77, 3),
			Error::<Test>::UnknownService
		);
		assert_noop!(
			Registry::rate_service(RuntimeOrigin::signed(ALICE), id, 5),
			Error::<Test>::OwnService
		);
		assert_ok!(Registry::rate_service(RuntimeOrigin::signed(BOB), id, 3));
		assert_ok!(Registry::deregister_service(RuntimeOrigin::signed(ALICE), id));
		assert_noop!(
			Registry::rate_service(RuntimeOrigin::signed(BOB), id, 3),
			Error::<Test>::ServiceRetired
		);
	});
}

// ---------------------------------------------------------------- governance

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

// ---------------------------------------------------------------- discovery

#[test]
fn find_by_one_and_two_tags_uses_the_rarest_index() {
	run_test(|| {
		let a = register(ALICE, "a", &["ai", "gpu"]);
		let b = register(BOB, "b", &["ai"]);
		let c = register(CHARLIE, "c", &["ai", "gpu", "eu"]);
		let _d = register(ALICE, "d", &["storage"]);
		assert_eq!(ids(&Reg::find_services(filter(&["ai"]), None, 10)), vec![a, b, c]);
		assert_eq!(ids(&Reg::find_services(filter(&["ai", "gpu"]), None, 10)), vec![a, c]);
		assert_eq!(ids(&Reg::find_services(filter(&["gpu", "eu"]), None, 10)), vec![c]);
		assert!(ids(&Reg::find_services(filter(&["nope"]), None, 10)).is_empty());
		assert!(ids(&Reg::find_services(filter(&["ai", "nope"]), None, 10)).is_empty());
		assert_eq!(TagServiceCount::<Test>::get(BoundedVec::try_from(b"ai".to_vec()).unwrap()), 3);
		// No tags: everything listed.
		assert_eq!(Reg::find_services(filter(&[]), None, 10).services.len(), 4);
	});
}

#[test]
fn filter_combinations() {
	run_test(|| {
		let cheap = register(ALICE, "cheap", &["ai"]);
		let mut i = input("pricey", &["ai"]);
		i.price_per_unit = 1_000;
		i.protocol = b"grpc".to_vec();
		assert_ok!(Registry::register_service(RuntimeOrigin::signed(BOB), i));
		let pricey = cheap + 1;
		MockPayments::pay(CHARLIE, pricey, MIN_PAID_TO_RATE);
		assert_ok!(Registry::rate_service(RuntimeOrigin::signed(CHARLIE), pricey, 5));

		let f = |m: &dyn Fn(&mut ServiceFilter<Balance>)| {
			let mut f = filter(&["ai"]);
			m(&mut f);
			ids(&Reg::find_services(f, None, 10))
		};
		assert_eq!(f(&|f| f.max_price_per_unit = Some(10)), vec![cheap]);
		assert_eq!(f(&|f| f.max_price_per_unit = Some(9)), Vec::<u64>::new());
		assert_eq!(f(&|f| f.protocol = Some(b"grpc".to_vec())), vec![pricey]);
		assert_eq!(f(&|f| f.protocol = Some(b"https".to_vec())), vec![cheap]);
		assert_eq!(f(&|f| f.min_average_rating_centi = Some(400)), vec![pricey]);
		assert_eq!(f(&|f| f.min_average_rating_centi = Some(501)), Vec::<u64>::new());
		assert_eq!(
			f(&|f| {
				f.protocol = Some(b"grpc".to_vec());
				f.max_price_per_unit = Some(10);
			}),
			Vec::<u64>::new()
		);
		// Tags that cannot exist match nothing rather than erroring.
		assert!(
			ids(&Reg::find_services(filter(&["a-tag-longer-than-sixteen"]), None, 10)).is_empty()
		);
		assert!(ids(&Reg::find_services(filter(&["a", "b", "c", "d", "e"]), None, 10)).is_empty());
	});
}

#[test]
fn pagination_across_pages_by_tag_and_without_tags() {
	run_test(|| {
		let mut expected = vec![];
		for n in 0..25u32 {
			let who = [ALICE, BOB, CHARLIE][n as usize % 3];
			let tags: &[&str] = if n % 2 == 0 { &["even", "all"] } else { &["all"] };
			let id = register(who, &format!("s{n}"), tags);
			if n % 2 == 0 {
				expected.push(id);
			}
		}
		for f in [filter(&["even"]), filter(&["all", "even"])] {
			let mut got = vec![];
			let mut cursor = None;
			let mut pages = 0;
			loop {
				let page = Reg::find_services(f.clone(), cursor, 4);
				assert!(page.services.len() <= 4);
				got.extend(ids(&page));
				pages += 1;
				match page.next_cursor {
					Some(c) => cursor = Some(c),
					None => break,
				}
			}
			assert_eq!(got, expected, "ascending, complete, no duplicates");
			assert!(pages >= 4);
		}
		// Without tags every id is visited once.
		let mut all = vec![];
		let mut cursor = None;
		loop {
			let page = Reg::find_services(filter(&[]), cursor, 7);
			all.extend(ids(&page));
			match page.next_cursor {
				Some(c) => cursor = Some(c),
				None => break,
			}
		}
		assert_eq!(all, (0..25).collect::<Vec<_>>());
		// The limit is capped at MaxPageSize (10); zero returns nothing.
		assert_eq!(Reg::find_services(filter(&["all"]), None, 1_000).services.len(), 10);
		assert!(Reg::find_services(filter(&["all"]), None, 0).services.is_empty());
	});
}

#[test]
fn a_scan_stops_at_max_scan_with_a_cursor() {
	run_test(|| {
		// 45 services whose price filters them all out except the last one.
		for n in 0..45u32 {
			let mut i = input(&format!("s{n}"), &["t"]);
			i.price_per_unit = if n == 44 { 1 } else { 100 };
			assert_ok!(Registry::register_service(
				RuntimeOrigin::signed(ALICE + (n as u64 % 3)),
				i
			));
		}
		let f = ServiceFilter { max_price_per_unit: Some(1), ..filter(&["t"]) };
		let first = Reg::find_services(f.clone(), None, 10);
		assert!(first.services.is_empty());
		assert_eq!(first.next_cursor, Some(39), "examined MaxScan = 40 candidates");
		let second = Reg::find_services(f, first.next_cursor, 10);
		assert_eq!(ids(&second), vec![44]);
		assert_eq!(second.next_cursor, None);
	});
}

#[test]
fn services_by_provider_pages_and_includes_every_status() {
	run_test(|| {
		let mine: Vec<_> = (0..12).map(|n| register(BOB, &format!("b{n}"), &[])).collect();
		register(ALICE, "a", &[]);
		assert_ok!(Registry::pause_service(RuntimeOrigin::signed(BOB), mine[1]));
		assert_ok!(Registry::deregister_service(RuntimeOrigin::signed(BOB), mine[2]));
		let first = Reg::services_by_provider(&BOB, None, 5);
		assert_eq!(ids(&first), mine[..5].to_vec());
		let second = Reg::services_by_provider(&BOB, first.next_cursor, 5);
		assert_eq!(ids(&second), mine[5..10].to_vec());
		let third = Reg::services_by_provider(&BOB, second.next_cursor, 5);
		assert_eq!(ids(&third), mine[10..].to_vec());
		assert_eq!(third.next_cursor, None);
		assert!(Reg::services_by_provider(&POOR, None, 5).services.is_empty());
	});
}

#[test]
fn service_view_reports_staleness_and_rating() {
	run_test(|| {
		let id = register(ALICE, "x", &[]);
		assert!(Reg::service(99).is_none());
		let s = Reg::service(id).unwrap();
		assert!(!s.stale);
		assert_eq!(s.average_rating_centi, None);
		goto(100);
		assert!(Reg::service(id).unwrap().stale);
	});
}

#[test]
fn try_state_detects_a_corrupted_deposit() {
	new_test_ext().execute_with(|| {
		let id = register(ALICE, "x", &["a"]);
		Services::<Test>::mutate(id, |s| s.as_mut().unwrap().deposit += 1);
		assert!(Reg::do_try_state().is_err());
	});
	new_test_ext().execute_with(|| {
		let id = register(ALICE, "x", &["a"]);
		ServicesByTag::<Test>::remove(info(id).details.tags[0].clone(), Reg::id_key(id));
		assert!(Reg::do_try_state().is_err());
	});
}

#[test]
fn integrity_test_passes() {
	use frame_support::traits::Hooks;
	new_test_ext().execute_with(<Registry as Hooks<u64>>::integrity_test);
}

#[test]
fn service_terms_for_payments_follow_status_and_liveness() {
	use servicechain_primitives::ServiceInspect;
	run_test(|| {
		let mut i = input("x", &[]);
		i.beneficiary = Some(TREASURY);
		assert_ok!(Registry::register_service(RuntimeOrigin::signed(ALICE), i));
		let terms = Reg::service_terms(0).unwrap();
		assert_eq!((terms.provider, terms.payee, terms.price_per_unit), (ALICE, TREASURY, 10));
		assert!(terms.available);
		assert_ok!(Registry::pause_service(RuntimeOrigin::signed(ALICE), 0));
		assert!(!Reg::service_terms(0).unwrap().available);
		assert_ok!(Registry::resume_service(RuntimeOrigin::signed(ALICE), 0));
		goto(2 + STALE_AFTER);
		assert!(!Reg::service_terms(0).unwrap().available, "stale");
		assert!(Reg::service_terms(5).is_none());
		let id = register(BOB, "y", &[]);
		assert_eq!(Reg::service_terms(id).unwrap().payee, BOB, "no beneficiary: the provider");
	});
}

/// Builds externalities whose genesis registers `services`.
fn genesis_with(
	services: Vec<(AccountId, Vec<GenesisService<Balance>>)>,
) -> sp_io::TestExternalities {
	use sp_runtime::BuildStorage;
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE, INITIAL), (BOB, INITIAL), (POOR, 150)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	crate::GenesisConfig::<Test> { params: Some(test_params()), services }
		.assimilate_storage(&mut storage)
		.unwrap();
	storage.into()
}

fn tag(t: &str) -> TagOf<Test> {
	t.as_bytes().to_vec().try_into().unwrap()
}

fn genesis_service(name: &str, tags: &[&str], unit: &str) -> GenesisService<Balance> {
	GenesisService {
		name: name.into(),
		endpoints: vec!["https://api.example.com".into()],
		protocol: "https".into(),
		tags: tags.iter().map(|t| (*t).into()).collect(),
		price_per_unit: 10,
		unit: unit.into(),
	}
}

#[test]
fn genesis_services_are_registered_like_register_service() {
	genesis_with(vec![
		(ALICE, vec![genesis_service("a", &["llm"], "Request")]),
		(BOB, vec![genesis_service("b", &["llm", "geo"], "token")]),
		(ALICE, vec![genesis_service("c", &[], "Second")]),
	])
	.execute_with(|| {
		assert_eq!(NextServiceId::<Test>::get(), 3);
		assert_eq!(ServiceCount::<Test>::get(), 3);
		assert_eq!(ProviderServiceCount::<Test>::get(ALICE), 2);
		assert_eq!(TagServiceCount::<Test>::get(tag("llm")), 2);
		let b = Services::<Test>::get(1).unwrap();
		assert_eq!(b.provider, BOB);
		assert_eq!(b.details.unit, Unit::Custom(b"token".to_vec().try_into().unwrap()));
		assert_eq!(b.last_heartbeat, 0);
		// The deposits are held from the providers, sized as for a registration.
		assert_eq!(held(BOB), b.deposit);
		assert_eq!(held(BOB), Reg::required_deposit(&b));
		let a =
			Services::<Test>::get(0).unwrap().deposit + Services::<Test>::get(2).unwrap().deposit;
		assert_eq!(held(ALICE), a);
		Reg::do_try_state().expect("genesis services keep the invariants");
	});
}

#[test]
#[should_panic(expected = "genesis service 1 of the service registry")]
fn a_genesis_service_that_cannot_be_registered_stops_the_chain_spec() {
	// POOR cannot hold a deposit.
	genesis_with(vec![
		(ALICE, vec![genesis_service("a", &[], "Request")]),
		(POOR, vec![genesis_service("b", &[], "Request")]),
	]);
}

#[test]
#[should_panic(expected = "genesis service 0 of the service registry")]
fn an_invalid_genesis_service_stops_the_chain_spec() {
	let mut s = genesis_service("a", &[], "Request");
	s.endpoints.clear();
	genesis_with(vec![(ALICE, vec![s])]);
}
