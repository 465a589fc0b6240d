//! ServiceChain's own pallets: the service registry, metered payments and DAOs.
//!
//! Governance: the registry's, payments' and DAO pallet's parameters (and slashing) are set by
//! [`Governance`] = Root or the protocol DAO (DAO 0); the protocol DAO may also dispatch as
//! Root (`dao.dispatch_as_root`, e.g. `system.authorize_upgrade`). Protocol fees and slashes go
//! to the protocol DAO's treasury.

use crate::{
	AccountId, Balances, Dao, MeteredPayments, Runtime, RuntimeCall, RuntimeFreezeReason,
	RuntimeHoldReason, RuntimeOrigin, ServiceRegistry, Signature,
};
use frame_support::{
	parameter_types,
	traits::{tokens::imbalance::ResolveTo, ConstU32, EitherOfDiverse},
	PalletId,
};
use frame_system::EnsureRoot;
use pallet_dao::{DaoId, EnsureDao};
use sp_runtime::traits::AccountIdConversion;

parameter_types! {
	/// The DAO pallet's id: DAO treasuries are its sub-accounts.
	pub const DaoPalletId: PalletId = PalletId(*b"sc/daos_");
	/// The metered-payments pallet's id: its account escrows every channel's deposit.
	pub const PaymentsPalletId: PalletId = PalletId(*b"sc/chans");
	/// The protocol DAO, created at genesis.
	pub const ProtocolDaoId: DaoId = 0;
	/// The protocol treasury: the protocol DAO's treasury account. It receives protocol fees
	/// and slashed deposits.
	pub ProtocolTreasuryAccount: AccountId =
		DaoPalletId::get().into_sub_account_truncating(ProtocolDaoId::get());
}

/// Who governs the chain: Root (sudo, on development chains) or the protocol DAO.
pub type Governance = EitherOfDiverse<EnsureRoot<AccountId>, EnsureDao<ProtocolDaoId>>;

impl pallet_service_registry::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// Slashed deposits go to the protocol treasury: nothing is burned.
	type Slash = ResolveTo<ProtocolTreasuryAccount, Balances>;
	/// Root or the protocol DAO.
	type GovernanceOrigin = Governance;
	/// Who may rate a service, and how much a rating weighs, is decided by the
	/// metered-payments ledger.
	type Payments = MeteredPayments;
	/// A slashed provider's votes in DAOs are capped at what it still holds.
	type VoteBacking = Dao;
	type MaxNameLen = ConstU32<64>;
	type MaxEndpointLen = ConstU32<256>;
	type MaxEndpoints = ConstU32<8>;
	type MaxProtocolLen = ConstU32<16>;
	type MaxTagLen = ConstU32<32>;
	type MaxTags = ConstU32<10>;
	type MaxUnitLen = ConstU32<16>;
	/// A CIDv1 in base32 is 59 characters; a hex sha-256 is 64.
	type MaxMetadataLen = ConstU32<64>;
	type MaxServicesPerProvider = ConstU32<100>;
	type MaxPageSize = ConstU32<100>;
	type MaxScan = ConstU32<1_000>;
	type WeightInfo = pallet_service_registry::weights::SubstrateWeight<Runtime>;
}

impl pallet_metered_payments::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// Vouchers are signed like transactions: sr25519, ed25519 or ecdsa.
	type Signature = Signature;
	/// Services, their payees, prices and liveness come from the registry.
	type Services = ServiceRegistry;
	/// A payer's rating goes with the ledger entry that backed it.
	type OnPaymentRecordRemoved = ServiceRegistry;
	/// Channel deposits are escrowed in this pallet's account.
	type PalletId = PaymentsPalletId;
	/// Protocol fees go to the protocol treasury.
	type FeeDestination = ProtocolTreasuryAccount;
	/// Root or the protocol DAO.
	type GovernanceOrigin = Governance;
	/// Benchmarked up to this many claims per batch; `max_claims_per_batch` may be lower.
	type MaxClaimsPerBatch = ConstU32<500>;
	/// A payer's open channels to one service (read when it rates the service).
	type MaxOpenChannelsPerService = ConstU32<8>;
	type WeightInfo = pallet_metered_payments::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = PaymentsBenchmarkHelper;
}

/// Benchmarks of metered payments: services are registered in the real registry; voucher keys
/// live in the benchmark keystore.
#[cfg(feature = "runtime-benchmarks")]
pub struct PaymentsBenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_metered_payments::benchmarking::BenchmarkHelper<AccountId, crate::Balance, Signature>
	for PaymentsBenchmarkHelper
{
	fn create_service(
		provider: &AccountId,
		payee: &AccountId,
		price: crate::Balance,
	) -> pallet_service_registry::ServiceId {
		use pallet_service_registry::{ServiceInput, UnitInput};
		let id = pallet_service_registry::NextServiceId::<Runtime>::get();
		let input = ServiceInput {
			name: b"benchmark service".to_vec(),
			endpoints: alloc::vec![b"https://service.example/v1".to_vec()],
			protocol: b"https".to_vec(),
			tags: alloc::vec![b"benchmark".to_vec()],
			price_per_unit: price,
			unit: UnitInput::Request,
			metadata: None,
			beneficiary: Some(payee.clone()),
		};
		let registered = ServiceRegistry::register_service(
			crate::RuntimeOrigin::signed(provider.clone()),
			input,
		);
		assert!(registered.is_ok(), "benchmark service registers: {registered:?}");
		id
	}

	fn signer(kind: pallet_metered_payments::SignatureKind, index: u32) -> AccountId {
		pallet_metered_payments::benchmarking::multi_signature_keys::signer(kind, index)
	}

	fn sign(
		kind: pallet_metered_payments::SignatureKind,
		index: u32,
		message: &[u8],
	) -> Option<Signature> {
		pallet_metered_payments::benchmarking::multi_signature_keys::sign(kind, index, message)
	}
}

impl pallet_dao::Config for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type PalletId = DaoPalletId;
	/// Root or the protocol DAO set the DAO creation deposit.
	type GovernanceOrigin = Governance;
	/// Only the protocol DAO may act as Root (runtime upgrades through
	/// `system.authorize_upgrade`, and anything else that needs Root).
	type RootDispatchOrigin = EnsureDao<ProtocolDaoId>;
	type MaxNameLen = ConstU32<64>;
	type MaxMembers = ConstU32<100>;
	/// Parameter changes and spends are a few dozen bytes; runtime code goes through
	/// `system.authorize_upgrade(code_hash)`.
	type MaxCallLen = ConstU32<2_048>;
	/// A CID or a hash, with room for a short title.
	type MaxMetadataLen = ConstU32<128>;
	type MaxLiveProposals = ConstU32<32>;
	/// One account fills at most 4 of a DAO's 32 slots; the rest of squatting costs a deposit
	/// per slot, slashed when the junk is rejected or ends without quorum.
	type MaxProposalsPerProposer = ConstU32<4>;
	type MaxVotesPerAccount = ConstU32<16>;
	type WeightInfo = pallet_dao::weights::SubstrateWeight<Runtime>;
}
