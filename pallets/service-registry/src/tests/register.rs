//! Registering and updating services: deposits, indexes, every bad input named.

use super::*;

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
