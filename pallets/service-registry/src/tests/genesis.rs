//! Services registered in the genesis config.

use super::*;

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
