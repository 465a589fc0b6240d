//! A test runtime with real `MultiSignature` accounts and a mock service registry.

use crate as pallet_metered_payments;
use crate::PaymentParams;
use core::cell::RefCell;
use frame_support::{derive_impl, parameter_types, traits::ConstU32};
use frame_system::EnsureRoot;
use servicechain_primitives::{ServiceId, ServiceInspect, ServiceTerms};
use sp_runtime::{
	traits::{IdentifyAccount, IdentityLookup, Verify},
	BuildStorage, MultiSignature, Perbill,
};
use std::collections::BTreeMap;

pub type Signature = MultiSignature;
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
pub type Balance = u128;
type Block = frame_system::mocking::MockBlock<Test>;

pub const INITIAL: Balance = 1_000_000_000;
pub const PRICE: Balance = 7;
pub const WINDOW: u64 = 10;
pub const MIN_DEPOSIT: Balance = 100;

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
	pub type Payments = pallet_metered_payments;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = frame_support::traits::ConstU128<1>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// A stand-in for the DAO's vote freeze (`VOTE_FREEZE`), for the freeze tests.
	type FreezeIdentifier = u8;
	type MaxFreezes = ConstU32<1>;
}

/// The freeze id the tests use for a vote lock.
pub const VOTE_FREEZE: u8 = 0;

thread_local! {
	static SERVICES: RefCell<BTreeMap<ServiceId, ServiceTerms<AccountId, Balance>>> =
		const { RefCell::new(BTreeMap::new()) };
}

/// The mock registry.
pub struct MockServices;
impl MockServices {
	/// Registers or replaces a service.
	pub fn set(id: ServiceId, terms: ServiceTerms<AccountId, Balance>) {
		SERVICES.with(|s| s.borrow_mut().insert(id, terms));
	}
	/// Changes a service's price.
	pub fn set_price(id: ServiceId, price: Balance) {
		SERVICES.with(|s| s.borrow_mut().get_mut(&id).map(|t| t.price_per_unit = price));
	}
	/// Marks a service (un)available.
	pub fn set_available(id: ServiceId, available: bool) {
		SERVICES.with(|s| s.borrow_mut().get_mut(&id).map(|t| t.available = available));
	}
}
impl ServiceInspect<AccountId, Balance> for MockServices {
	fn service_terms(id: ServiceId) -> Option<ServiceTerms<AccountId, Balance>> {
		SERVICES.with(|s| s.borrow().get(&id).cloned())
	}
}

parameter_types! {
	pub FeeAccount: AccountId = AccountId::from([0xfe; 32]);
	pub const PaymentsPalletId: frame_support::PalletId = frame_support::PalletId(*b"sc/chans");
}

/// What a payer's ledger entry holds in the tests.
pub const RECORD_DEPOSIT: Balance = 10;

impl pallet_metered_payments::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Signature = Signature;
	type Services = MockServices;
	type OnPaymentRecordRemoved = ();
	type PalletId = PaymentsPalletId;
	type FeeDestination = FeeAccount;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type MaxClaimsPerBatch = ConstU32<8>;
	type MaxOpenChannelsPerService = ConstU32<8>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchHelper;
}

/// Benchmarks: services go into the mock registry, keys into the test keystore.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::benchmarking::BenchmarkHelper<AccountId, Balance, Signature> for BenchHelper {
	fn create_service(provider: &AccountId, payee: &AccountId, price: Balance) -> ServiceId {
		let id = SERVICES.with(|s| s.borrow().keys().next_back().map_or(0, |k| k + 1));
		MockServices::set(
			id,
			ServiceTerms {
				provider: provider.clone(),
				payee: payee.clone(),
				price_per_unit: price,
				available: true,
			},
		);
		id
	}
	fn signer(kind: crate::SignatureKind, index: u32) -> AccountId {
		crate::benchmarking::multi_signature_keys::signer(kind, index)
	}
	fn sign(kind: crate::SignatureKind, index: u32, message: &[u8]) -> Option<Signature> {
		crate::benchmarking::multi_signature_keys::sign(kind, index, message)
	}
}

/// Well-known accounts: consumers sign with sr25519, ed25519 or ecdsa keys.
pub fn consumer_sr() -> sp_core::sr25519::Pair {
	sp_keyring::Sr25519Keyring::Alice.pair()
}
pub fn consumer_ed() -> sp_core::ed25519::Pair {
	sp_keyring::Ed25519Keyring::Bob.pair()
}
pub fn consumer_ecdsa() -> sp_core::ecdsa::Pair {
	<sp_core::ecdsa::Pair as sp_core::Pair>::from_string("//Charlie", None).expect("dev key")
}
pub fn account_of(signer: impl Into<sp_runtime::MultiSigner>) -> AccountId {
	signer.into().into_account()
}
pub fn provider() -> AccountId {
	AccountId::from([0x11; 32])
}
pub fn payee() -> AccountId {
	AccountId::from([0x22; 32])
}

/// Service 0: provider pays to `payee()`, price `PRICE`, available.
pub fn new_test_ext() -> sp_io::TestExternalities {
	use sp_core::Pair;
	SERVICES.with(|s| s.borrow_mut().clear());
	let consumers = [
		account_of(consumer_sr().public()),
		account_of(consumer_ed().public()),
		account_of(consumer_ecdsa().public()),
	];
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: consumers.iter().cloned().chain([provider()]).map(|a| (a, INITIAL)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_metered_payments::GenesisConfig::<Test> {
		params: Some(PaymentParams {
			protocol_fee: Perbill::from_percent(2),
			min_deposit: MIN_DEPOSIT,
			settlement_window: WINDOW,
			max_claims_per_batch: 4,
			record_deposit: RECORD_DEPOSIT,
		}),
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.register_extension(sp_keystore::KeystoreExt::new(
		sp_keystore::testing::MemoryKeystore::new(),
	));
	ext.execute_with(|| {
		System::set_block_number(1);
		frame_system::BlockHash::<Test>::insert(0, sp_core::H256::repeat_byte(0x42));
		MockServices::set(
			0,
			ServiceTerms {
				provider: provider(),
				payee: payee(),
				price_per_unit: PRICE,
				available: true,
			},
		);
	});
	ext
}

/// Runs a test and then checks every invariant of the pallet.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		let issuance = pallet_balances::TotalIssuance::<Test>::get();
		test();
		Payments::do_try_state().expect("payment invariants hold after the test");
		assert_eq!(
			pallet_balances::TotalIssuance::<Test>::get(),
			issuance,
			"no call mints or burns"
		);
	});
}
