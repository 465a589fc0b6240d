//! Genesis presets (`sp-genesis-builder`): `development` and `local_testnet`.
//!
//! Both endow the well-known dev accounts with one million SCV each, set para id 2000, set the
//! registry's and payments' parameters and create the protocol DAO (DAO 0): share-voting Alice,
//! Bob and Charlie on `development`, token-weighted on `local_testnet`. `development` has Alice
//! as its only collator, `local_testnet` has Alice and Bob.
//!
//! Only `development` has a sudo key (Alice), for trying things out. `local_testnet`, like any
//! production chain, is governed by the protocol DAO alone: Root is reachable only through
//! `dao.dispatch_as_root` from a passed proposal of DAO 0.

use crate::{
	AccountId, Balance, BalancesConfig, BlockNumber, CollatorSelectionConfig, DaoConfig,
	MeteredPaymentsConfig, ParachainInfoConfig, PolkadotXcmConfig, Runtime, RuntimeGenesisConfig,
	ServiceRegistryConfig, SessionConfig, SessionKeys, SudoConfig, DAYS, EXISTENTIAL_DEPOSIT,
	HOURS, MILLIUNIT, MINUTES, PARACHAIN_ID, UNIT,
};
use alloc::{vec, vec::Vec};
use cumulus_primitives_core::ParaId;
use frame_support::build_struct_json_patch;
use pallet_dao::{DaoParams, GenesisDao, VotingMode};
use pallet_metered_payments::PaymentParams;
use pallet_service_registry::RegistryParams;
use serde_json::Value;
use sp_genesis_builder::PresetId;
use sp_keyring::Sr25519Keyring;
use sp_runtime::Perbill;

/// The default XCM version to set in genesis config.
const SAFE_XCM_VERSION: u32 = xcm::prelude::XCM_VERSION;

/// Each endowed dev account starts with one million SCV.
pub const ENDOWMENT: u128 = 1_000_000 * UNIT;

/// Name of the `development` preset (`servicechain-node --dev`).
pub const DEVELOPMENT: &str = sp_genesis_builder::DEV_RUNTIME_PRESET;
/// Name of the `local_testnet` preset (a relay chain with several collators).
pub const LOCAL_TESTNET: &str = sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET;

/// Builds the genesis patch shared by both presets.
fn servicechain_genesis(
	invulnerables: Vec<(AccountId, SessionKeys)>,
	endowed_accounts: Vec<AccountId>,
	root: Option<AccountId>,
	id: ParaId,
	registry: RegistryParams<Balance, BlockNumber>,
	payments: PaymentParams<Balance, BlockNumber>,
	protocol_dao: GenesisDao<Runtime>,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed_accounts.iter().cloned().map(|k| (k, ENDOWMENT)).collect::<Vec<_>>(),
		},
		parachain_info: ParachainInfoConfig { parachain_id: id },
		collator_selection: CollatorSelectionConfig {
			invulnerables: invulnerables.iter().cloned().map(|(acc, _)| acc).collect::<Vec<_>>(),
			candidacy_bond: EXISTENTIAL_DEPOSIT * 16,
			desired_candidates: 0,
		},
		session: SessionConfig {
			keys: invulnerables
				.into_iter()
				.map(|(acc, keys)| (acc.clone(), acc, keys))
				.collect::<Vec<_>>(),
		},
		polkadot_xcm: PolkadotXcmConfig { safe_xcm_version: Some(SAFE_XCM_VERSION) },
		sudo: SudoConfig { key: root },
		service_registry: ServiceRegistryConfig { params: Some(registry), services: Vec::new() },
		metered_payments: MeteredPaymentsConfig { params: Some(payments) },
		dao: DaoConfig { params: Some(dao_params()), daos: vec![protocol_dao] },
	})
}

/// Service registry parameters for a live network: a service record of ~300 bytes holds
/// ~1.3 SCV; heartbeats every 10 minutes are free; stale after an hour; reapable a day later.
pub fn registry_params() -> RegistryParams<Balance, BlockNumber> {
	RegistryParams {
		base_deposit: UNIT,
		byte_deposit: MILLIUNIT,
		heartbeat_interval: 10 * MINUTES,
		stale_after: HOURS,
		reap_after: DAYS,
		reap_reward: Perbill::from_percent(10),
		retirement_period: DAYS,
		min_paid_to_rate: UNIT,
	}
}

/// Service registry parameters for the development chain: the same deposits, short periods
/// (in blocks) so staleness and reaping can be tried within minutes.
pub fn dev_registry_params() -> RegistryParams<Balance, BlockNumber> {
	RegistryParams {
		heartbeat_interval: 5,
		stale_after: 20,
		reap_after: 10,
		retirement_period: 10,
		..registry_params()
	}
}

/// Metered payments parameters for a live network: a 1% protocol fee, channels of at least
/// 0.01 SCV, a day for the provider to settle after the consumer asks to close, batches of up
/// to 500 claims, and 0.1 SCV held for each payer's ledger entry of a service (about 100 bytes
/// with its rating, at the registry's 0.001 SCV per byte).
pub fn payment_params() -> PaymentParams<Balance, BlockNumber> {
	PaymentParams {
		protocol_fee: Perbill::from_percent(1),
		min_deposit: 10 * MILLIUNIT,
		settlement_window: DAYS,
		max_claims_per_batch: 500,
		record_deposit: 100 * MILLIUNIT,
	}
}

/// Metered payments parameters for the development chain: a settlement window of 10 blocks.
pub fn dev_payment_params() -> PaymentParams<Balance, BlockNumber> {
	PaymentParams { settlement_window: 10, ..payment_params() }
}

/// DAO parameters: creating a DAO holds 10 SCV.
pub fn dao_params() -> DaoParams<Balance> {
	DaoParams { creation_deposit: 10 * UNIT }
}

/// The development protocol DAO: Alice, Bob and Charlie with one share each; two of them
/// approve a proposal at once (threshold 50%, quorum 50%); 10-block votes, 2-block delay, and
/// 100 blocks to execute an approved proposal.
pub fn dev_protocol_dao() -> GenesisDao<Runtime> {
	GenesisDao {
		name: b"ServiceChain protocol DAO".to_vec(),
		members: [Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
			.iter()
			.map(|k| (k.to_account_id(), 1))
			.collect(),
		rules: pallet_dao::DaoRules {
			voting_mode: VotingMode::Shares,
			voting_period: 10,
			quorum: Perbill::from_percent(50),
			approval_threshold: Perbill::from_percent(50),
			enactment_delay: 2,
			execution_period: 100,
			proposal_deposit: UNIT,
			max_members: 100,
		},
	}
}

/// The `local_testnet` protocol DAO: token-weighted. Anyone holding 100 SCV may propose;
/// votes last an hour, 10% of the issuance must vote and a majority approve; 10 minutes of
/// enactment delay, then a day to execute. Alice and Bob are members (for distributions).
pub fn token_protocol_dao() -> GenesisDao<Runtime> {
	GenesisDao {
		name: b"ServiceChain protocol DAO".to_vec(),
		members: vec![
			(Sr25519Keyring::Alice.to_account_id(), 1),
			(Sr25519Keyring::Bob.to_account_id(), 1),
		],
		rules: pallet_dao::DaoRules {
			voting_mode: VotingMode::TokenWeighted { min_proposer_balance: 100 * UNIT },
			voting_period: HOURS,
			quorum: Perbill::from_percent(10),
			approval_threshold: Perbill::from_percent(50),
			enactment_delay: 10 * MINUTES,
			execution_period: DAYS,
			proposal_deposit: 10 * UNIT,
			max_members: 100,
		},
	}
}

/// A dev collator: its account, and session keys (Aura, authority discovery) from the same
/// well-known sr25519 key.
fn collator(k: Sr25519Keyring) -> (AccountId, SessionKeys) {
	(
		k.to_account_id(),
		SessionKeys { aura: k.public().into(), authority_discovery: k.public().into() },
	)
}

fn dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect()
}

/// The `local_testnet` preset: two collators (Alice, Bob) on a relay chain.
fn local_testnet_genesis() -> Value {
	servicechain_genesis(
		vec![collator(Sr25519Keyring::Alice), collator(Sr25519Keyring::Bob)],
		dev_accounts(),
		None,
		PARACHAIN_ID.into(),
		registry_params(),
		payment_params(),
		token_protocol_dao(),
	)
}

/// The `development` preset: a single collator (Alice); the dev node seals blocks itself.
fn development_genesis() -> Value {
	servicechain_genesis(
		vec![collator(Sr25519Keyring::Alice)],
		dev_accounts(),
		Some(Sr25519Keyring::Alice.to_account_id()),
		PARACHAIN_ID.into(),
		dev_registry_params(),
		dev_payment_params(),
		dev_protocol_dao(),
	)
}

/// Returns the JSON patch of the named preset, or `None` for an unknown name.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		DEVELOPMENT => development_genesis(),
		LOCAL_TESTNET => local_testnet_genesis(),
		_ => return None,
	};
	serde_json::to_string(&patch).ok().map(|s| s.into_bytes())
}

/// The names of all presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![PresetId::from(DEVELOPMENT), PresetId::from(LOCAL_TESTNET)]
}

/// Merges `patch` into `base` as chain specs do (`sc-chain-spec`'s patch): objects key by key,
/// recursively; anything else replaced.
#[cfg(feature = "std")]
pub fn merge_json(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (key, value) in patch {
				merge_json(base.entry(key).or_insert(Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// The whole genesis config a node builds from a spec's `patch`: the patch merged into the
/// default config, as JSON.
#[cfg(feature = "std")]
pub fn config_with_patch(patch: Value) -> Option<Value> {
	let mut config = serde_json::to_value(crate::RuntimeGenesisConfig::default()).ok()?;
	merge_json(&mut config, patch);
	Some(config)
}

/// The whole genesis config a node builds from the named preset: the preset's patch merged
/// into the default config (objects recursively, everything else replaced), as JSON. For
/// tests and tools that start from a preset and change a few fields.
#[cfg(feature = "std")]
pub fn preset_config(name: &str) -> Option<Value> {
	config_with_patch(serde_json::from_slice(&get_preset(&name.into())?).ok()?)
}
