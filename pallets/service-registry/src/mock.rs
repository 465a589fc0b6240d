//! A test runtime: System, Balances and the registry, with a mock payment ledger.

use crate as pallet_service_registry;
use crate::RegistryParams;
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{tokens::imbalance::ResolveTo, ConstU32},
};
use frame_system::EnsureRoot;
use servicechain_primitives::{PaymentInspect, ServiceId};
use sp_runtime::{BuildStorage, Perbill};
use std::collections::BTreeMap;

pub type AccountId = u64;
pub type Balance = u128;
type Block = frame_system::mocking::MockBlock<Test>;

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const POOR: AccountId = 4;
pub const TREASURY: AccountId = 99;
pub const ED: Balance = 1;
pub const INITIAL: Balance = 1_000_000;

/// Genesis parameters of the tests.
pub const BASE_DEPOSIT: Balance = 100;
pub const BYTE_DEPOSIT: Balance = 2;
pub const HEARTBEAT_INTERVAL: u64 = 10;
pub const STALE_AFTER: u64 = 50;
pub const REAP_AFTER: u64 = 20;
pub const RETIREMENT_PERIOD: u64 = 30;
pub const MIN_PAID_TO_RATE: Balance = 500;

#[frame_support::runtime]
mod runtime {
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
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(2)]
	pub type Registry = pallet_service_registry;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = frame_support::traits::ConstU128<ED>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// A stand-in for the DAO's vote freeze (`VOTE_FREEZE`), for the freeze tests.
	type FreezeIdentifier = u8;
	type MaxFreezes = ConstU32<1>;
}

/// The freeze id the tests use for a vote lock.
pub const VOTE_FREEZE: u8 = 0;

thread_local! {
	static PAID: RefCell<BTreeMap<(AccountId, ServiceId), Balance>> =
		const { RefCell::new(BTreeMap::new()) };
}

/// The mock payment ledger (the metered-payments pallet in the runtime).
pub struct MockPayments;
impl MockPayments {
	/// Records that `who` paid `amount` to `service`.
	pub fn pay(who: AccountId, service: ServiceId, amount: Balance) {
		PAID.with(|p| *p.borrow_mut().entry((who, service)).or_default() += amount);
	}
}
impl PaymentInspect<AccountId, Balance> for MockPayments {
	fn paid_to_service(who: &AccountId, id: ServiceId) -> Balance {
		PAID.with(|p| p.borrow().get(&(*who, id)).copied().unwrap_or_default())
	}
	fn weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

thread_local! {
	static REBALANCED: RefCell<Vec<AccountId>> = const { RefCell::new(Vec::new()) };
}

/// The mock voting pallet: records whose votes it was asked to cap.
pub struct MockVoteBacking;
impl MockVoteBacking {
	/// The accounts `rebalance` was called for, in order.
	pub fn rebalanced() -> Vec<AccountId> {
		REBALANCED.with(|r| r.borrow().clone())
	}
}
impl servicechain_primitives::VoteBacking<AccountId> for MockVoteBacking {
	fn rebalance(who: &AccountId) {
		REBALANCED.with(|r| r.borrow_mut().push(*who));
	}
	fn rebalance_weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

parameter_types! {
	pub const TreasuryAccount: AccountId = TREASURY;
}

impl pallet_service_registry::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Slash = ResolveTo<TreasuryAccount, Balances>;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type Payments = MockPayments;
	type VoteBacking = MockVoteBacking;
	type MaxNameLen = ConstU32<32>;
	type MaxEndpointLen = ConstU32<64>;
	type MaxEndpoints = ConstU32<3>;
	type MaxProtocolLen = ConstU32<8>;
	type MaxTagLen = ConstU32<16>;
	type MaxTags = ConstU32<4>;
	type MaxUnitLen = ConstU32<8>;
	type MaxMetadataLen = ConstU32<46>;
	type MaxServicesPerProvider = ConstU32<50>;
	type MaxPageSize = ConstU32<10>;
	type MaxScan = ConstU32<40>;
	type WeightInfo = ();
}

/// The parameters the tests start with.
pub fn test_params() -> crate::ParamsOf<Test> {
	RegistryParams {
		base_deposit: BASE_DEPOSIT,
		byte_deposit: BYTE_DEPOSIT,
		heartbeat_interval: HEARTBEAT_INTERVAL,
		stale_after: STALE_AFTER,
		reap_after: REAP_AFTER,
		reap_reward: Perbill::from_percent(10),
		retirement_period: RETIREMENT_PERIOD,
		min_paid_to_rate: MIN_PAID_TO_RATE,
	}
}

/// Externalities with funded accounts (POOR has almost nothing) at block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	PAID.with(|p| p.borrow_mut().clear());
	REBALANCED.with(|r| r.borrow_mut().clear());
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE, INITIAL), (BOB, INITIAL), (CHARLIE, INITIAL), (POOR, 150)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_service_registry::GenesisConfig::<Test> {
		params: Some(test_params()),
		services: Vec::new(),
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs a test and then checks every invariant of the pallet.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Registry::do_try_state().expect("registry invariants hold after the test");
	});
}
