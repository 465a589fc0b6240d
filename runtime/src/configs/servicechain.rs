//! ServiceChain's own pallets: the service registry (and, later, payments and DAOs).

use crate::{AccountId, Balances, Runtime, RuntimeHoldReason};
use frame_support::{
	parameter_types,
	traits::{tokens::imbalance::ResolveTo, ConstU32},
	PalletId,
};
use frame_system::EnsureRoot;
use sp_runtime::traits::AccountIdConversion;

parameter_types! {
	/// The protocol treasury's pallet id; it receives slashed deposits (and, later, protocol
	/// fees). The protocol DAO will control it.
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
	/// No payment ledger yet: until the metered-payments pallet is in the runtime nobody has
	/// paid any service, so rating needs `min_paid_to_rate = 0`.
	type Payments = ();
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
