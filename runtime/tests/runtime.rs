//! Native tests of the ServiceChain runtime: genesis presets, a real block with a signed
//! transfer (built, then re-executed with a state root check), pallet integrity and metadata.

mod common;

use codec::{Decode, Encode};
use frame_support::traits::IntegrityTest;
use servicechain_fuzz::{accounts::Key, chain::inherents};
use servicechain_runtime::{
	chain_properties, genesis_config_presets, AccountId, AllPalletsWithSystem, Balance, Block,
	Executive, Header, Runtime, RuntimeCall, RuntimeOrigin, UncheckedExtrinsic,
	EXISTENTIAL_DEPOSIT, SLOT_DURATION, UNIT, VERSION,
};
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	generic::{Digest, DigestItem},
	traits::{Block as BlockT, Header as HeaderT},
};

const PRESETS: [&str; 2] =
	[genesis_config_presets::DEVELOPMENT, genesis_config_presets::LOCAL_TESTNET];

use common::ext_from;

fn free(who: &AccountId) -> Balance {
	pallet_balances::Pallet::<Runtime>::free_balance(who)
}

#[test]
fn presets_are_listed_and_unknown_ones_are_not() {
	let names = genesis_config_presets::preset_names();
	assert_eq!(names.len(), 2);
	for p in PRESETS {
		assert!(names.contains(&p.into()));
	}
	assert!(genesis_config_presets::get_preset(&"no-such-preset".into()).is_none());
}

#[test]
fn genesis_presets_build_valid_state() {
	for preset in PRESETS {
		ext_from(preset).execute_with(|| {
			let alice = Sr25519Keyring::Alice.to_account_id();
			assert_eq!(free(&alice), genesis_config_presets::ENDOWMENT, "{preset}");
			for k in Sr25519Keyring::well_known() {
				assert_eq!(free(&k.to_account_id()), genesis_config_presets::ENDOWMENT);
			}
			assert_eq!(parachain_info::Pallet::<Runtime>::parachain_id(), 2000.into());
			let invulnerables = pallet_collator_selection::Invulnerables::<Runtime>::get();
			assert!(invulnerables.contains(&alice));
			let validators = pallet_session::Validators::<Runtime>::get();
			assert_eq!(validators.len(), invulnerables.len(), "{preset}: session keys");
			assert_eq!(
				pallet_aura::Authorities::<Runtime>::get().len(),
				invulnerables.len(),
				"{preset}: aura authorities"
			);
			assert!(
				pallet_balances::TotalIssuance::<Runtime>::get()
					>= genesis_config_presets::ENDOWMENT * 12
			);
			// Every pallet's own consistency checks hold on genesis state.
			AllPalletsWithSystem::integrity_test();
		});
	}
	// The two presets differ in their collator set.
	let dev = ext_from(genesis_config_presets::DEVELOPMENT)
		.execute_with(pallet_collator_selection::Invulnerables::<Runtime>::get);
	let local = ext_from(genesis_config_presets::LOCAL_TESTNET)
		.execute_with(pallet_collator_selection::Invulnerables::<Runtime>::get);
	assert_eq!((dev.len(), local.len()), (1, 2));
}

#[test]
fn authority_discovery_lists_the_session_collators_in_authoring_order() {
	use sp_authority_discovery::runtime_decl_for_authority_discovery_api::AuthorityDiscoveryApi;
	ext_from(genesis_config_presets::LOCAL_TESTNET).execute_with(|| {
		// Collator discovery expects the current collators in authoring order: the Aura order.
		let discovery = <Runtime as AuthorityDiscoveryApi<Block>>::authorities().encode();
		let aura = pallet_aura::Authorities::<Runtime>::get().into_inner();
		assert_eq!(aura.len(), 2);
		assert_eq!(discovery, aura.encode());
		// Each comes from that collator's session keys.
		let from_session: Vec<_> = pallet_session::Validators::<Runtime>::get()
			.iter()
			.map(|v| {
				pallet_session::NextKeys::<Runtime>::get(v)
					.expect("every validator has session keys")
					.authority_discovery
			})
			.collect();
		assert_eq!(discovery, from_session.encode());
	});
}

#[test]
fn integrity_test_of_every_pallet_passes() {
	sp_io::TestExternalities::new(Default::default())
		.execute_with(AllPalletsWithSystem::integrity_test);
}

/// A signed, immortal extrinsic from `signer` with the runtime's full extension pipeline (the
/// fuzzer's, which builds every block the same way).
fn signed(
	signer: Sr25519Keyring,
	call: RuntimeCall,
	nonce: u32,
	genesis: H256,
) -> UncheckedExtrinsic {
	servicechain_fuzz::chain::signed(&Key::Sr(Box::new(signer.pair())), call, nonce, genesis)
}

/// Builds block 1 on top of genesis with `extrinsics` after the inherents.
fn build_block(genesis: &Header, slot: u64, extrinsics: Vec<UncheckedExtrinsic>) -> Block {
	let digest =
		Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, Slot::from(slot).encode())] };
	let header = Header::new(1, Default::default(), Default::default(), genesis.hash(), digest);
	Executive::initialize_block(&header);
	let mut all = inherents(genesis, slot);
	all.extend(extrinsics);
	for xt in &all {
		Executive::apply_extrinsic(xt.clone())
			.expect("valid transaction")
			.expect("dispatch succeeds");
	}
	let header = Executive::finalize_block();
	Block::new(header, all)
}

fn genesis_header(ext: &mut sp_io::TestExternalities) -> Header {
	let state_root = ext.execute_with(|| {
		H256::decode(&mut &sp_io::storage::root(VERSION.state_version())[..]).expect("root")
	});
	let extrinsics_root =
		<<Header as HeaderT>::Hashing as sp_runtime::traits::Hash>::ordered_trie_root(
			Vec::new(),
			VERSION.extrinsics_root_state_version(),
		);
	Header::new(0, extrinsics_root, state_root, Default::default(), Default::default())
}

#[test]
fn a_block_with_a_signed_transfer_executes() {
	let preset = genesis_config_presets::DEVELOPMENT;
	let alice = Sr25519Keyring::Alice.to_account_id();
	let bob = Sr25519Keyring::Bob.to_account_id();
	let amount = 10 * UNIT;
	// A slot in the present, as a collator would use.
	let slot = 1_800_000_000_000 / SLOT_DURATION;

	let mut builder = ext_from(preset);
	let genesis = genesis_header(&mut builder);
	let genesis_hash = genesis.hash();
	let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: bob.clone().into(),
		value: amount,
	});

	let block = builder.execute_with(|| {
		frame_system::BlockHash::<Runtime>::insert(0, genesis_hash);
		let block = build_block(
			&genesis,
			slot,
			vec![signed(Sr25519Keyring::Alice, transfer, 0, genesis_hash)],
		);
		// The transfer landed: Bob got exactly `amount`; Alice paid it plus a small fee.
		assert_eq!(free(&bob), genesis_config_presets::ENDOWMENT + amount);
		let paid = genesis_config_presets::ENDOWMENT - free(&alice);
		let fee = paid - amount;
		assert!(fee > 0 && fee < UNIT / 100, "fee {fee}");
		assert_eq!(frame_system::Pallet::<Runtime>::account_nonce(&alice), 1);
		assert!(frame_system::Pallet::<Runtime>::events().iter().any(|r| matches!(
			r.event,
			servicechain_runtime::RuntimeEvent::Balances(pallet_balances::Event::Transfer { .. })
		)));
		block
	});

	// An independent node imports the block from the same genesis: state and extrinsics roots
	// must match what the author computed.
	let mut importer = ext_from(preset);
	importer.execute_with(|| {
		frame_system::BlockHash::<Runtime>::insert(0, genesis_hash);
		Executive::execute_block(block.clone().into());
		assert_eq!(free(&bob), genesis_config_presets::ENDOWMENT + amount);
	});
}

/// Issue 14, item 10: transaction fees are not burned; 80% go to the protocol treasury and the
/// rest, with any tip, to the block's author.
#[test]
fn fees_go_to_the_treasury_and_the_block_author() {
	use servicechain_runtime::configs::servicechain::ProtocolTreasuryAccount;
	let slot = 1_800_000_000_000 / SLOT_DURATION;
	let mut builder = ext_from(genesis_config_presets::DEVELOPMENT);
	let genesis = genesis_header(&mut builder);
	let genesis_hash = genesis.hash();
	builder.execute_with(|| {
		frame_system::BlockHash::<Runtime>::insert(0, genesis_hash);
		let (alice, bob) =
			(Sr25519Keyring::Alice.to_account_id(), Sr25519Keyring::Bob.to_account_id());
		let treasury = ProtocolTreasuryAccount::get();
		let (treasury_before, author_before) = (free(&treasury), free(&alice));
		let issuance = pallet_balances::TotalIssuance::<Runtime>::get();
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: Sr25519Keyring::Charlie.to_account_id().into(),
			value: UNIT,
		});
		build_block(&genesis, slot, vec![signed(Sr25519Keyring::Bob, transfer, 0, genesis_hash)]);
		let fee = genesis_config_presets::ENDOWMENT - UNIT - free(&bob);
		assert!(fee > 0);
		let (to_treasury, to_author) =
			(free(&treasury) - treasury_before, free(&alice) - author_before);
		assert_eq!(to_treasury + to_author, fee, "fees were burned");
		assert!(to_treasury >= fee * 79 / 100 && to_treasury <= fee * 81 / 100, "{to_treasury}");
		assert_eq!(pallet_balances::TotalIssuance::<Runtime>::get(), issuance);
	});
}

#[test]
fn a_transfer_below_the_existential_deposit_to_a_new_account_fails() {
	ext_from(genesis_config_presets::DEVELOPMENT).execute_with(|| {
		let fresh: AccountId = [7u8; 32].into();
		let err = pallet_balances::Pallet::<Runtime>::transfer_keep_alive(
			RuntimeOrigin::signed(Sr25519Keyring::Alice.to_account_id()),
			fresh.into(),
			EXISTENTIAL_DEPOSIT - 1,
		)
		.expect_err("below ED");
		assert_eq!(err, sp_runtime::TokenError::BelowMinimum.into());
	});
}

#[test]
fn metadata_is_v15_and_v16_and_names_scv_properties() {
	sp_io::TestExternalities::new(Default::default()).execute_with(check_metadata);
}

fn check_metadata() {
	use frame_metadata::{RuntimeMetadata, RuntimeMetadataPrefixed};
	let versions = Runtime::metadata_versions();
	assert!(versions.contains(&15), "metadata versions {versions:?}");

	let bytes = Runtime::metadata_at_version(15).expect("v15");
	let prefixed = RuntimeMetadataPrefixed::decode(&mut &bytes[..]).expect("decodes");
	let RuntimeMetadata::V15(meta) = prefixed.1 else { panic!("not v15") };

	let pallet = |name: &str| {
		meta.pallets.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("pallet {name}"))
	};
	// Topic-grouped indices.
	for (name, index) in [
		("System", 0),
		("ParachainSystem", 1),
		("Timestamp", 2),
		("ParachainInfo", 3),
		("Balances", 10),
		("TransactionPayment", 11),
		("Authorship", 20),
		("CollatorSelection", 21),
		("Session", 22),
		("Aura", 23),
		("AuraExt", 24),
		("XcmpQueue", 30),
		("PolkadotXcm", 31),
		("CumulusXcm", 32),
		("MessageQueue", 33),
		("Utility", 40),
		("Sudo", 45),
	] {
		assert_eq!(pallet(name).index, index, "{name}");
	}
	let constant = |p: &str, c: &str| {
		pallet(p)
			.constants
			.iter()
			.find(|k| k.name == c)
			.unwrap_or_else(|| panic!("{p}.{c}"))
			.value
			.clone()
	};
	assert_eq!(u16::decode(&mut &constant("System", "SS58Prefix")[..]).unwrap(), 42);
	assert_eq!(
		u128::decode(&mut &constant("Balances", "ExistentialDeposit")[..]).unwrap(),
		EXISTENTIAL_DEPOSIT
	);
	// Offline signers need `CheckMetadataHash` among the transaction extensions.
	assert!(meta.extrinsic.signed_extensions.iter().any(|e| e.identifier == "CheckMetadataHash"));
	// The token properties wallets read (chain spec `properties`).
	let props = chain_properties();
	assert_eq!(props["tokenSymbol"], "SCV");
	assert_eq!(props["tokenDecimals"], 18);
	assert_eq!(props["ss58Format"], 42);
	assert_eq!(UNIT, 10u128.pow(18));
}
