//! Runtime integration test of the service registry on the development preset:
//! register → discover through the runtime API → heartbeat → stale → reap → withdraw.

mod common;

use frame_support::{assert_ok, traits::fungible::InspectHold};
use pallet_service_registry::{
	runtime_api::runtime_decl_for_service_registry_api::ServiceRegistryApiV1, ServiceFilter,
	ServiceInput, UnitInput,
};
use servicechain_runtime::{
	configs::servicechain::ProtocolTreasuryAccount, genesis_config_presets, Balances, Runtime,
	RuntimeHoldReason, RuntimeOrigin, ServiceRegistry, System, EXISTENTIAL_DEPOSIT, UNIT,
};
use sp_keyring::Sr25519Keyring;

fn dev_ext() -> sp_io::TestExternalities {
	let mut ext = common::ext_from(genesis_config_presets::DEVELOPMENT);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

fn input(name: &str, tags: &[&str]) -> ServiceInput<servicechain_runtime::AccountId, u128> {
	ServiceInput {
		name: name.into(),
		endpoints: vec![b"https://llm.example.com/v1".to_vec()],
		protocol: b"https".to_vec(),
		tags: tags.iter().map(|t| t.as_bytes().to_vec()).collect(),
		price_per_unit: UNIT / 1_000,
		unit: UnitInput::Request,
		metadata: None,
		beneficiary: None,
	}
}

#[test]
fn register_discover_heartbeat_stale_reap_withdraw() {
	dev_ext().execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		let bob = Sr25519Keyring::Bob.to_account_id();
		let params = Runtime::parameters();
		assert_eq!(params, genesis_config_presets::dev_registry_params());

		assert_ok!(ServiceRegistry::register_service(
			RuntimeOrigin::signed(alice.clone()),
			input("llm", &["ai", "inference"])
		));
		assert_ok!(ServiceRegistry::register_service(
			RuntimeOrigin::signed(bob.clone()),
			input("store", &["storage"])
		));
		let held = Balances::balance_on_hold(
			&RuntimeHoldReason::ServiceRegistry(
				pallet_service_registry::HoldReason::ServiceDeposit,
			),
			&alice,
		);
		assert!(held > UNIT && held < 2 * UNIT, "deposit of about 1.2 SCV, got {held}");

		// Discover through the runtime API.
		let by_tag = |tags: &[&str], include_stale: bool| {
			let filter = ServiceFilter {
				tags: tags.iter().map(|t| t.as_bytes().to_vec()).collect(),
				include_stale,
				..Default::default()
			};
			Runtime::find_services(filter, None, 50)
				.services
				.into_iter()
				.map(|s| s.id)
				.collect::<Vec<_>>()
		};
		assert_eq!(by_tag(&["ai"], false), vec![0]);
		assert_eq!(by_tag(&["ai", "inference"], false), vec![0]);
		assert_eq!(by_tag(&["storage"], false), vec![1]);
		assert_eq!(Runtime::services_by_provider(alice.clone(), None, 10).services.len(), 1);
		assert_eq!(Runtime::service(0).map(|s| s.service.provider), Some(alice.clone()));

		// A free heartbeat after the interval keeps it fresh.
		let hb_at = 1 + params.heartbeat_interval;
		System::set_block_number(hb_at);
		assert_ok!(ServiceRegistry::heartbeat(RuntimeOrigin::signed(alice.clone()), 0));
		System::set_block_number(hb_at + params.stale_after);
		assert_eq!(by_tag(&["ai"], false), vec![0]);

		// No more heartbeats: stale, hidden from discovery unless asked.
		System::set_block_number(hb_at + params.stale_after + 1);
		assert!(by_tag(&["ai"], false).is_empty());
		assert_eq!(by_tag(&["ai"], true), vec![0]);
		assert!(Runtime::service(0).is_some_and(|s| s.stale));

		// Too early to reap; then Bob reaps it and earns the reward.
		assert!(ServiceRegistry::reap_stale_service(RuntimeOrigin::signed(bob.clone()), 0).is_err());
		let reap_at = hb_at + params.stale_after + params.reap_after + 1;
		System::set_block_number(reap_at);
		let bob_before = Balances::free_balance(&bob);
		assert_ok!(ServiceRegistry::reap_stale_service(RuntimeOrigin::signed(bob.clone()), 0));
		let reward = params.reap_reward * held;
		assert_eq!(Balances::free_balance(&bob), bob_before + reward);
		assert!(by_tag(&["ai"], true).is_empty());

		// After the retirement period Alice gets the rest back.
		System::set_block_number(reap_at + params.retirement_period);
		let alice_free = Balances::free_balance(&alice);
		assert_ok!(ServiceRegistry::withdraw_deposit(RuntimeOrigin::signed(alice.clone()), 0));
		assert_eq!(Balances::free_balance(&alice), alice_free + held - reward);
		assert!(Runtime::service(0).is_none());

		// Governance slashes Bob's service to the protocol treasury.
		let treasury = ProtocolTreasuryAccount::get();
		assert_ok!(ServiceRegistry::slash_service(
			RuntimeOrigin::root(),
			1,
			UNIT / 2,
			Default::default()
		));
		// The treasury was endowed with the existential deposit at genesis.
		assert_eq!(Balances::free_balance(&treasury), EXISTENTIAL_DEPOSIT + UNIT / 2);

		ServiceRegistry::do_try_state().expect("registry invariants");
	});
}
