//! The attacker's tests of the security review (issue 14) that need several pallets together,
//! or the runtime's own configuration (XCM, genesis, sudo). Each was written first against the
//! code that had the defect, failed there, and stays as a regression test.

mod common;

use frame_support::{
	assert_ok,
	traits::{
		fungible::{Inspect, InspectFreeze},
		tokens::{Fortitude, Preservation},
	},
	weights::Weight,
};
use pallet_service_registry::{ServiceInput, UnitInput};
use servicechain_runtime::{
	configs::{
		servicechain::ProtocolTreasuryAccount,
		xcm_config::{Barrier, LocationToAccountId, XcmConfig},
	},
	genesis_config_presets, AccountId, Balance, Balances, Dao, MeteredPayments, Runtime,
	RuntimeCall, RuntimeFreezeReason, RuntimeGenesisConfig, RuntimeOrigin, ServiceRegistry, System,
	UNIT,
};
use sp_core::{sr25519, Pair};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::IdentifyAccount, BuildStorage, MultiSignature, MultiSigner};
use xcm::{
	latest::{prelude::*, AssetTransferFilter},
	VersionedLocation, VersionedXcm,
};
use xcm_executor::traits::{ConvertLocation, Properties, ShouldExecute};

const SCV: Balance = UNIT;

fn local_ext() -> sp_io::TestExternalities {
	let mut ext = common::ext_from(genesis_config_presets::LOCAL_TESTNET);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

fn dev_ext() -> sp_io::TestExternalities {
	let mut ext = common::ext_from(genesis_config_presets::DEVELOPMENT);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// A fresh account funded by Eve with `amount`.
fn funded(seed: &str, amount: Balance) -> (sr25519::Pair, AccountId) {
	let pair = sr25519::Pair::from_string(seed, None).expect("seed");
	let who = MultiSigner::from(pair.public()).into_account();
	assert_ok!(Balances::transfer_keep_alive(
		RuntimeOrigin::signed(Sr25519Keyring::Eve.to_account_id()),
		who.clone().into(),
		amount
	));
	(pair, who)
}

fn signed(who: &AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.clone())
}

fn free(who: &AccountId) -> Balance {
	Balances::balance(who)
}

fn total(who: &AccountId) -> Balance {
	Balances::total_balance(who)
}

/// Registers a service of `provider` at `price` per request; returns its id.
fn register(provider: &AccountId, price: Balance) -> u64 {
	let id = pallet_service_registry::NextServiceId::<Runtime>::get();
	assert_ok!(ServiceRegistry::register_service(
		signed(provider),
		ServiceInput {
			name: b"svc".to_vec(),
			endpoints: vec![b"https://svc.example".to_vec()],
			protocol: b"https".to_vec(),
			tags: vec![b"x".to_vec()],
			price_per_unit: price,
			unit: UnitInput::Request,
			metadata: None,
			beneficiary: None,
		}
	));
	id
}

/// Alice proposes a remark to the protocol DAO (token-weighted on the local preset).
fn propose() -> u32 {
	let id = pallet_dao::Daos::<Runtime>::get(0).expect("protocol DAO").next_proposal_id;
	let call = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
	assert_ok!(Dao::propose(
		signed(&Sr25519Keyring::Alice.to_account_id()),
		0,
		Box::new(call),
		vec![]
	));
	id
}

fn ayes(proposal: u32) -> Balance {
	pallet_dao::Proposals::<Runtime>::get(0, proposal).expect("live").tally.ayes
}

/// Moves out everything the freeze (and the holds that satisfy it) lets `who` move.
fn drain(who: &AccountId, to: &AccountId) {
	let movable = Balances::reducible_balance(who, Preservation::Preserve, Fortitude::Polite);
	if movable > 0 {
		assert_ok!(Balances::transfer_keep_alive(signed(who), to.clone().into(), movable));
	}
}

/// The property at stake: no account's vote lock exceeds what the account still holds.
fn assert_votes_backed() {
	for (who, locks) in pallet_dao::VoteLocks::<Runtime>::iter() {
		for (_, _, amount) in locks {
			assert!(
				amount <= total(&who),
				"a vote counts {amount} but {who} holds {}",
				total(&who)
			);
		}
		let frozen = Balances::balance_frozen(
			&RuntimeFreezeReason::Dao(pallet_dao::FreezeReason::Vote),
			&who,
		);
		assert!(frozen <= total(&who), "{who}'s freeze exceeds its balance");
	}
}

fn voucher(pair: &sr25519::Pair, channel: u64, units: u64) -> MultiSignature {
	pair.sign(&MeteredPayments::voucher_payload(channel, units)).into()
}

// --------------------------------------------------------------------------------------------
// 1. SCV frozen for a vote never reaches another account while the vote can count.

/// Vote with 999 SCV, fund a channel with 998 of them, let an accomplice claim them, and vote
/// again with the same SCV: the ayes must never exceed what the two ever had.
#[test]
fn a_vote_cannot_be_multiplied_through_a_payment_channel() {
	local_ext().execute_with(|| {
		let (mallory_key, mallory) = funded("//Mallory", 1_000 * SCV);
		let (_, trent) = funded("//Trent", 20 * SCV);
		let stake = 1_020 * SCV;
		let service = register(&trent, SCV);
		let proposal = propose();
		assert_ok!(Dao::vote(signed(&mallory), 0, proposal, true, Some(999 * SCV)));
		if MeteredPayments::open_channel(signed(&mallory), service, 998 * SCV).is_ok() {
			let channel = pallet_metered_payments::pages::channel_id(
				pallet_metered_payments::pages::group_of(service).expect("a small id"),
				pallet_metered_payments::NextChannelIndex::<Runtime>::get(service) - 1,
			);
			assert_ok!(MeteredPayments::claim(
				signed(&trent),
				channel,
				998,
				voucher(&mallory_key, channel, 998)
			));
			let _ = Dao::vote(signed(&trent), 0, proposal, true, Some(free(&trent)));
		}
		assert!(ayes(proposal) <= stake, "ayes {} from a stake of {stake}", ayes(proposal));
		assert_votes_backed();
	});
}

/// A channel funded before the vote: the consumer votes with the rest and moves out what it
/// can; the provider's claim of the whole deposit is never blocked, and the vote stays backed.
#[test]
fn a_channel_funded_before_a_vote_pays_in_full_and_the_vote_stays_backed() {
	local_ext().execute_with(|| {
		let (mallory_key, mallory) = funded("//Mallory", 1_000 * SCV);
		let (_, trent) = funded("//Trent", 20 * SCV);
		let service = register(&trent, SCV);
		assert_ok!(MeteredPayments::open_channel(signed(&mallory), service, 900 * SCV));
		let proposal = propose();
		assert_ok!(Dao::vote(signed(&mallory), 0, proposal, true, Some(free(&mallory))));
		drain(&mallory, &Sr25519Keyring::Ferdie.to_account_id());
		let before = free(&trent);
		let channel = pallet_metered_payments::pages::channel_id(
			pallet_metered_payments::pages::group_of(service).expect("a small id"),
			0,
		);
		assert_ok!(MeteredPayments::claim(
			signed(&trent),
			channel,
			900,
			voucher(&mallory_key, channel, 900)
		));
		assert_eq!(free(&trent) - before, 900 * SCV - 9 * SCV, "the claim paid in full");
		assert_votes_backed();
	});
}

/// The held service deposit satisfies the freeze while the provider moves its free balance out;
/// an accomplice then reaps the stale service for the reward.
#[test]
fn a_reap_reward_does_not_take_frozen_funds() {
	local_ext().execute_with(|| {
		let mut params = ServiceRegistry::params();
		params.stale_after = 1;
		params.reap_after = 1;
		assert_ok!(ServiceRegistry::set_parameters(RuntimeOrigin::root(), params));
		let (_, mallory) = funded("//Mallory", 1_000 * SCV);
		let (_, trent) = funded("//Trent", 20 * SCV);
		let service = register(&mallory, SCV);
		let proposal = propose();
		assert_ok!(Dao::vote(signed(&mallory), 0, proposal, true, Some(free(&mallory))));
		drain(&mallory, &trent);
		System::set_block_number(10);
		assert_ok!(ServiceRegistry::reap_stale_service(signed(&trent), service));
		assert_votes_backed();
	});
}

/// Governance slashes a deposit that satisfied a voter's freeze: the slash goes through, and
/// the vote counts no more than the voter still holds.
#[test]
fn a_slash_goes_through_and_the_vote_counts_only_what_is_left() {
	local_ext().execute_with(|| {
		let (_, mallory) = funded("//Mallory", 1_000 * SCV);
		let service = register(&mallory, SCV);
		let deposit = pallet_service_registry::Services::<Runtime>::get(service).unwrap().deposit;
		let proposal = propose();
		assert_ok!(Dao::vote(signed(&mallory), 0, proposal, true, Some(free(&mallory))));
		drain(&mallory, &Sr25519Keyring::Ferdie.to_account_id());
		let treasury = free(&ProtocolTreasuryAccount::get());
		assert_ok!(ServiceRegistry::slash_service(
			RuntimeOrigin::root(),
			service,
			deposit,
			Default::default()
		));
		assert_eq!(free(&ProtocolTreasuryAccount::get()), treasury + deposit, "slashed in full");
		assert!(ayes(proposal) <= total(&mallory));
		assert_votes_backed();
	});
}

// --------------------------------------------------------------------------------------------
// 7. XCM: SCV is the native asset at `Here`; foreign assets are refused; delivery is paid.

fn execute(origin: impl Into<Location>, message: Vec<Instruction<RuntimeCall>>) -> Outcome {
	let mut hash = [0u8; 32];
	<xcm_executor::XcmExecutor<XcmConfig> as ExecuteXcm<RuntimeCall>>::prepare_and_execute(
		origin,
		Xcm(message),
		&mut hash,
		Weight::MAX,
		Weight::zero(),
	)
}

fn beneficiary(who: &AccountId) -> Location {
	AccountId32 { network: None, id: who.clone().into() }.into()
}

/// The relay chain's token is not SCV: a reserve deposit of DOT must not mint SCV.
#[test]
fn a_reserve_deposit_of_the_relay_token_does_not_mint_scv() {
	dev_ext().execute_with(|| {
		let bob = Sr25519Keyring::Bob.to_account_id();
		let (before, issuance) = (free(&bob), Balances::total_issuance());
		let dot: Asset = (Parent, 10_000_000_000u128).into();
		let _ = execute(
			Parent,
			vec![
				UnpaidExecution { weight_limit: Unlimited, check_origin: None },
				ReserveAssetDeposited(dot.into()),
				ClearOrigin,
				DepositAsset { assets: AllCounted(1).into(), beneficiary: beneficiary(&bob) },
			],
		);
		assert_eq!(free(&bob), before, "DOT became SCV");
		assert_eq!(Balances::total_issuance(), issuance);
	});
}

/// SCV is `Here`: a sibling spends SCV from its sovereign account here and pays execution with it.
#[test]
fn scv_is_the_native_asset_at_here() {
	dev_ext().execute_with(|| {
		let sibling = Location::new(1, [Parachain(1000)]);
		let sovereign = LocationToAccountId::convert_location(&sibling).expect("sovereign");
		assert_ok!(Balances::transfer_keep_alive(
			signed(&Sr25519Keyring::Eve.to_account_id()),
			sovereign.into(),
			10 * SCV
		));
		let bob = Sr25519Keyring::Bob.to_account_id();
		let before = free(&bob);
		let scv: Asset = (Here, 5 * SCV).into();
		let outcome = execute(
			sibling,
			vec![
				WithdrawAsset(scv.clone().into()),
				BuyExecution { fees: scv, weight_limit: Unlimited },
				DepositAsset { assets: AllCounted(1).into(), beneficiary: beneficiary(&bob) },
			],
		);
		assert!(matches!(outcome, Outcome::Complete { .. }), "{outcome:?}");
		assert!(free(&bob) > before + 4 * SCV);
	});
}

/// `InitiateTransfer` to the relay chain is a reserve transfer like the ones the barrier denies.
#[test]
fn the_barrier_denies_initiate_transfer_to_the_relay_chain() {
	let scv: Asset = (Here, SCV).into();
	let mut message: Vec<Instruction<RuntimeCall>> = vec![
		WithdrawAsset(scv.clone().into()),
		BuyExecution { fees: scv.clone(), weight_limit: Unlimited },
		InitiateTransfer {
			destination: Parent.into(),
			remote_fees: Some(AssetTransferFilter::ReserveDeposit(Definite(scv.into()))),
			preserve_origin: false,
			assets: vec![AssetTransferFilter::ReserveDeposit(Wild(AllCounted(1)))]
				.try_into()
				.expect("one filter"),
			remote_xcm: Xcm(vec![]),
		},
	];
	let mut properties = Properties { weight_credit: Weight::zero(), message_id: None };
	let verdict = <Barrier as ShouldExecute>::should_execute(
		&Location::new(1, [Parachain(1000)]),
		&mut message,
		Weight::from_parts(10_000_000_000, 1_000_000),
		&mut properties,
	);
	assert!(verdict.is_err(), "InitiateTransfer to the relay chain passed the barrier");
}

/// `pallet_xcm` is charged with weights measured for this runtime, not its test weights.
#[test]
fn pallet_xcm_uses_benchmarked_weights() {
	use core::any::TypeId;
	assert_ne!(
		TypeId::of::<<Runtime as pallet_xcm::Config>::WeightInfo>(),
		TypeId::of::<pallet_xcm::TestWeightInfo>()
	);
}

/// Sending an XCM to the relay chain costs the sender a delivery fee, paid to the treasury.
#[test]
fn sending_an_xcm_charges_a_delivery_fee() {
	dev_ext().execute_with(|| {
		cumulus_pallet_parachain_system::HostConfiguration::<Runtime>::put(
			cumulus_primitives_core::AbridgedHostConfiguration {
				max_code_size: 3 * 1024 * 1024,
				max_head_data_size: 20 * 1024,
				max_upward_queue_count: 10,
				max_upward_queue_size: 1024 * 1024,
				max_upward_message_size: 64 * 1024,
				max_upward_message_num_per_candidate: 10,
				hrmp_max_message_num_per_candidate: 10,
				validation_upgrade_cooldown: 2,
				validation_upgrade_delay: 2,
				async_backing_params: cumulus_primitives_core::relay_chain::AsyncBackingParams {
					max_candidate_depth: 3,
					allowed_ancestry_len: 2,
				},
			},
		);
		let alice = Sr25519Keyring::Alice.to_account_id();
		let treasury = ProtocolTreasuryAccount::get();
		let (before, treasury_before) = (free(&alice), free(&treasury));
		assert_ok!(servicechain_runtime::PolkadotXcm::send(
			signed(&alice),
			Box::new(VersionedLocation::from(Location::parent())),
			Box::new(VersionedXcm::from(Xcm::<()>(vec![ClearOrigin]))),
		));
		let fee = before - free(&alice);
		assert!(fee > 0, "delivery was free");
		assert_eq!(free(&treasury), treasury_before + fee);
	});
}

// --------------------------------------------------------------------------------------------
// 9. The protocol DAO exists from genesis; 10. only the development chain has sudo.

/// DAO 0 holds Root: no genesis may leave it to the first `create_dao` caller. The default
/// genesis config creates a token holders' protocol DAO, and a genesis without one fails.
#[test]
fn a_genesis_without_the_protocol_dao_fails_to_build() {
	let storage = RuntimeGenesisConfig::default().build_storage().expect("the default builds");
	sp_io::TestExternalities::new(storage).execute_with(|| {
		let dao = pallet_dao::Daos::<Runtime>::get(0).expect("DAO 0 exists from genesis");
		assert!(matches!(dao.rules.voting_mode, pallet_dao::VotingMode::TokenWeighted { .. }));
	});
	let mut config = RuntimeGenesisConfig::default();
	config.dao.daos.clear();
	let built = std::panic::catch_unwind(|| config.build_storage());
	assert!(!matches!(built, Ok(Ok(_))), "a genesis without the protocol DAO built");
}

#[test]
fn only_the_development_preset_has_sudo() {
	dev_ext().execute_with(|| {
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(Sr25519Keyring::Alice.to_account_id()));
	});
	local_ext().execute_with(|| assert_eq!(pallet_sudo::Key::<Runtime>::get(), None));
}
