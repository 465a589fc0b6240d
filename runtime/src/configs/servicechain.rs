//! ServiceChain's own pallets: the service registry and metered payments (and, later, DAOs).

use crate::{
	AccountId, Balances, MeteredPayments, Runtime, RuntimeHoldReason, ServiceRegistry, Signature,
};
use frame_support::{
	parameter_types,
	traits::{tokens::imbalance::ResolveTo, ConstU32},
	PalletId,
};
use frame_system::EnsureRoot;
use sp_runtime::traits::AccountIdConversion;

parameter_types! {
	/// The protocol treasury's pallet id; it receives slashed deposits and protocol fees. The
	/// protocol DAO will control it.
	pub const ProtocolTreasuryPalletId: PalletId = PalletId(*b"sc/trsry");
	/// The protocol treasury's account.
	pub ProtocolTreasuryAccount: AccountId = ProtocolTreasuryPalletId::get().into_account_truncating();
}

impl pallet_service_registry::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// Slashed deposits go to the protocol treasury: nothing is burned.
	type Slash = ResolveTo<ProtocolTreasuryAccount, Balances>;
	/// Root (sudo) until the protocol DAO takes over governance.
	type GovernanceOrigin = EnsureRoot<AccountId>;
	/// Who may rate a service is decided by the metered-payments ledger.
	type Payments = MeteredPayments;
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
	type MaxRatingsPerService = ConstU32<1_000>;
	type WeightInfo = pallet_service_registry::weights::SubstrateWeight<Runtime>;
}

impl pallet_metered_payments::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// Vouchers are signed like transactions: sr25519, ed25519 or ecdsa.
	type Signature = Signature;
	/// Services, their payees, prices and liveness come from the registry.
	type Services = ServiceRegistry;
	/// Protocol fees go to the protocol treasury.
	type FeeDestination = ProtocolTreasuryAccount;
	/// Root (sudo) until the protocol DAO takes over governance.
	type GovernanceOrigin = EnsureRoot<AccountId>;
	/// Benchmarked up to this many claims per batch; `max_claims_per_batch` may be lower.
	type MaxClaimsPerBatch = ConstU32<500>;
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
			beneficiary: Some(frame_benchmarking::account("beneficiary", 0, 0)),
		};
		let registered = ServiceRegistry::register_service(
			crate::RuntimeOrigin::signed(provider.clone()),
			input,
		);
		assert!(registered.is_ok(), "benchmark service registers: {registered:?}");
		id
	}

	fn signer(kind: pallet_metered_payments::benchmarking::SignatureKind) -> AccountId {
		pallet_metered_payments::benchmarking::multi_signature_keys::signer(kind)
	}

	fn sign(
		kind: pallet_metered_payments::benchmarking::SignatureKind,
		message: &[u8],
	) -> Option<Signature> {
		pallet_metered_payments::benchmarking::multi_signature_keys::sign(kind, message)
	}
}
