//! # ServiceChain runtime
//!
//! The WASM runtime of the ServiceChain parachain. It is a Cumulus parachain runtime (Aura
//! collators, async backing, XCM) whose native token is **ServiceCoin (SCV, 18 decimals)**.
//!
//! Layout:
//! - this file: primitive types, constants and the pallet composition;
//! - [`configs`]: one module per pallet or topic with each pallet's `Config`;
//! - [`apis`]: the runtime APIs the node and clients call;
//! - [`genesis_config_presets`]: the `development` and `local_testnet` genesis presets;
//! - [`weights`]: block and extrinsic base weights.
//!
//! Pallet indices are grouped by topic, with gaps for later pallets: 0-9 system, 10-19 money,
//! 20-29 collators, 30-39 XCM, 40-49 utilities and administration, 50-59 ServiceChain pallets.

#![cfg_attr(not(feature = "std"), no_std)]
// `#[frame_support::runtime]` expands to deeply nested types.
#![recursion_limit = "256"]

// Make the WASM binary available to the node (`WASM_BINARY`).
#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
pub mod weights;

use alloc::vec::Vec;
use smallvec::smallvec;
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

use frame_support::weights::{
	constants::WEIGHT_REF_TIME_PER_SECOND, Weight, WeightToFeeCoefficient, WeightToFeeCoefficients,
	WeightToFeePolynomial,
};
pub use sp_consensus_aura::sr25519::AuthorityId as AuraId;
pub use sp_runtime::{Perbill, Permill};

use weights::ExtrinsicBaseWeight;

/// Signature of a transaction: sr25519, ed25519 or ecdsa.
pub type Signature = MultiSignature;

/// An account on the chain: the public key (or its hash for ecdsa) of the signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// Balance of an account, in planck (10^-18 SCV).
pub type Balance = u128;

/// Index of a transaction of an account.
pub type Nonce = u32;

/// Hash of a block or of stored data.
pub type Hash = sp_core::H256;

/// Number of a block. `u32`, as the stock `polkadot-omni-node` expects.
pub type BlockNumber = u32;

/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;

/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// A block signed with a justification.
pub type SignedBlock = generic::SignedBlock<Block>;

/// The transaction extensions checked for every signed transaction.
///
/// `StorageWeightReclaim` wraps the whole tuple so that it reclaims both the unused ref time and
/// the unused proof size of every transaction.
pub type TxExtension = cumulus_pallet_weight_reclaim::StorageWeightReclaim<
	Runtime,
	(
		frame_system::CheckNonZeroSender<Runtime>,
		frame_system::CheckSpecVersion<Runtime>,
		frame_system::CheckTxVersion<Runtime>,
		frame_system::CheckGenesis<Runtime>,
		frame_system::CheckEra<Runtime>,
		frame_system::CheckNonce<Runtime>,
		frame_system::CheckWeight<Runtime>,
		pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
		frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	),
>;

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// The payload a signer signs: call, extensions and their implicit data.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Migrations to run on the next runtime upgrade: spec 1 → 2 (the security release) moves the
/// three ServiceChain pallets' storage from v0 to v1. The order matters: the payments
/// migration caps votes with the DAO pallet's v1 storage, and the registry's reads the payments'
/// v1 ledger. Spec 4 → 5 moves metered payments' channels into pages (v1 → v2), after the
/// registry's v1 migration (which reads the v1 ledger). Each runs once (a
/// `VersionedMigration`) and is a no-op on a chain at its target version.
pub type Migrations = (
	pallet_dao::migrations::MigrateV0ToV1<Runtime>,
	pallet_metered_payments::migrations::MigrateV0ToV1<Runtime, Dao>,
	pallet_service_registry::migrations::MigrateV0ToV1<Runtime>,
	pallet_metered_payments::migrations::MigrateV1ToV2<Runtime>,
);

/// Executive: dispatches calls to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

/// Converts a weight into a fee.
///
/// The base weight of an extrinsic (the smallest non-zero weight) costs 0.0001 SCV
/// (`MILLIUNIT / 10`); the fee grows linearly with the weight, so a `transfer_keep_alive`
/// costs about 0.002 SCV including its length fee (measured on the dev node).
pub struct WeightToFee;
impl WeightToFeePolynomial for WeightToFee {
	type Balance = Balance;
	fn polynomial() -> WeightToFeeCoefficients<Self::Balance> {
		let p = MILLIUNIT / 10;
		let q = Balance::from(ExtrinsicBaseWeight::get().ref_time());
		smallvec![WeightToFeeCoefficient {
			degree: 1,
			negative: false,
			coeff_frac: Perbill::from_rational(p % q, q),
			coeff_integer: p / q,
		}]
	}
}

/// Opaque types: what the node needs to know of blocks without knowing the runtime's calls.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;
	use sp_runtime::{
		generic,
		traits::{BlakeTwo256, Hash as HashT},
	};

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;
}

impl_opaque_keys! {
	/// The session keys of a collator.
	pub struct SessionKeys {
		/// Key used to author blocks.
		pub aura: Aura,
		/// Key under which the collator publishes its network addresses, so the other
		/// collators find it and announce blocks to it directly (collator discovery).
		pub authority_discovery: AuthorityDiscovery,
	}
}

/// The runtime's version. Bump `spec_version` for every runtime upgrade.
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("servicechain"),
	impl_name: alloc::borrow::Cow::Borrowed("servicechain"),
	authoring_version: 1,
	spec_version: 6,
	impl_version: 0,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 2,
	system_version: 1,
};

/// Symbol of the native token, ServiceCoin.
pub const TOKEN_SYMBOL: &str = "SCV";
/// Decimals of the native token: 1 SCV = 10^18 planck.
pub const TOKEN_DECIMALS: u8 = 18;
/// SS58 address format: 42, the generic Substrate prefix.
pub const SS58_PREFIX: u16 = 42;
/// The parachain id ServiceChain uses on test relay chains.
pub const PARACHAIN_ID: u32 = 2000;

/// One ServiceCoin (SCV) in planck.
pub const UNIT: Balance = 1_000_000_000_000_000_000;
/// A thousandth of a SCV.
pub const MILLIUNIT: Balance = UNIT / 1_000;
/// A millionth of a SCV.
pub const MICROUNIT: Balance = UNIT / 1_000_000;

/// The existential deposit: 0.001 SCV. Accounts below it are reaped.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLIUNIT;

/// The average block time the parachain targets, in milliseconds: with elastic scaling, one
/// relay chain slot (6 s) divided among the `BLOCK_PROCESSING_VELOCITY` cores it may use (2 s
/// with 3 cores). With one core it makes a block every 6 s, as with async backing alone.
pub const MILLISECS_PER_BLOCK: u64 =
	RELAY_CHAIN_SLOT_DURATION_MILLIS as u64 / BLOCK_PROCESSING_VELOCITY as u64;

/// Aura slot duration: one relay chain slot, in which the slot's author builds up to
/// `BLOCK_PROCESSING_VELOCITY` blocks. It cannot be changed once the chain has started.
pub const SLOT_DURATION: u64 = 6000;

/// Blocks per minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;

/// About 5% of the block weight is consumed by `on_initialize` handlers; this limits the
/// maximal weight of a single extrinsic.
const AVERAGE_ON_INITIALIZE_RATIO: Perbill = Perbill::from_percent(5);

/// `Normal` extrinsics may fill up the block up to 75%; the rest is for `Operational` ones.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// 2 seconds of compute per block (async backing) and the relay chain's maximum PoV size.
const MAXIMUM_BLOCK_WEIGHT: Weight = Weight::from_parts(
	WEIGHT_REF_TIME_PER_SECOND.saturating_mul(2),
	cumulus_primitives_core::relay_chain::MAX_POV_SIZE as u64,
);

/// Elastic scaling (docs/performance.md, "Elastic scaling"): parachain blocks the relay chain
/// may back per relay parent, one per core assigned to the parachain; the most cores it can use.
/// Collators author with `--authoring slot-based`.
pub const BLOCK_PROCESSING_VELOCITY: u32 = 3;
/// Relay parents the collators build behind the relay chain's best block, so that relay chain
/// forks do not drop parachain blocks (required with elastic scaling; the SDK recommends 1).
pub const RELAY_PARENT_OFFSET: u32 = 1;
/// Maximum number of blocks accepted by the runtime and not yet included by the relay chain:
/// the SDK's formula `(2 + RELAY_PARENT_OFFSET) * BLOCK_PROCESSING_VELOCITY + 1`.
const UNINCLUDED_SEGMENT_CAPACITY: u32 = (2 + RELAY_PARENT_OFFSET) * BLOCK_PROCESSING_VELOCITY + 1;
/// How far ahead in the relay chain's claim queue a collation may pick its core: 2 is the least
/// that keeps elastic scaling viable (see `RelayParentOffsetApi::max_claim_queue_offset`).
pub const MAX_CLAIM_QUEUE_OFFSET: u8 = 2;
/// Relay chain slot duration, in milliseconds.
const RELAY_CHAIN_SLOT_DURATION_MILLIS: u32 = 6000;

/// The consensus hook: async backing with a fixed velocity (up to `BLOCK_PROCESSING_VELOCITY`
/// blocks per relay chain slot).
type ConsensusHook = cumulus_pallet_aura_ext::FixedVelocityConsensusHook<
	Runtime,
	RELAY_CHAIN_SLOT_DURATION_MILLIS,
	BLOCK_PROCESSING_VELOCITY,
	UNINCLUDED_SEGMENT_CAPACITY,
>;

/// The runtime: its pallets and their indices.
#[frame_support::runtime]
mod runtime {
	/// The ServiceChain runtime.
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	// System support: 0-9.
	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type ParachainSystem = cumulus_pallet_parachain_system;
	#[runtime::pallet_index(2)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(3)]
	pub type ParachainInfo = parachain_info;
	#[runtime::pallet_index(4)]
	pub type WeightReclaim = cumulus_pallet_weight_reclaim;

	// Money: 10-19.
	#[runtime::pallet_index(10)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(11)]
	pub type TransactionPayment = pallet_transaction_payment;

	// Collators: 20-29. The order of these is important and shall not change.
	#[runtime::pallet_index(20)]
	pub type Authorship = pallet_authorship;
	#[runtime::pallet_index(21)]
	pub type CollatorSelection = pallet_collator_selection;
	#[runtime::pallet_index(22)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(23)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(24)]
	pub type AuraExt = cumulus_pallet_aura_ext;
	#[runtime::pallet_index(25)]
	pub type AuthorityDiscovery = pallet_authority_discovery;

	// XCM: 30-39.
	#[runtime::pallet_index(30)]
	pub type XcmpQueue = cumulus_pallet_xcmp_queue;
	#[runtime::pallet_index(31)]
	pub type PolkadotXcm = pallet_xcm;
	#[runtime::pallet_index(32)]
	pub type CumulusXcm = cumulus_pallet_xcm;
	#[runtime::pallet_index(33)]
	pub type MessageQueue = pallet_message_queue;

	// Utilities and administration: 40-49.
	#[runtime::pallet_index(40)]
	pub type Utility = pallet_utility;
	#[runtime::pallet_index(45)]
	pub type Sudo = pallet_sudo;

	// ServiceChain: 50-59.
	#[runtime::pallet_index(50)]
	pub type ServiceRegistry = pallet_service_registry;
	#[runtime::pallet_index(51)]
	pub type MeteredPayments = pallet_metered_payments;
	#[runtime::pallet_index(52)]
	pub type Dao = pallet_dao;
}

cumulus_pallet_parachain_system::register_validate_block! {
	Runtime = Runtime,
	BlockExecutor = cumulus_pallet_aura_ext::BlockExecutor::<Runtime, Executive>,
}

/// Chain properties for chain specs and wallets: token symbol, decimals and SS58 format.
pub fn chain_properties() -> serde_json::Map<alloc::string::String, serde_json::Value> {
	let mut properties = serde_json::Map::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}
