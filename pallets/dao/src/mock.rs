//! A test runtime: System, Balances and the DAO pallet. DAO 0 (the "protocol DAO") is
//! created at genesis with members 1, 2, 3 of equal shares and may dispatch as Root.

use crate as pallet_dao;
use crate::{types::DaoRules as Rules, DaoId, GenesisDao, VotingMode};
use frame_support::{derive_impl, parameter_types, traits::ConstU32, PalletId};
use sp_runtime::{BuildStorage, Perbill};

/// `u128` so that treasury sub-accounts (`modl` + pallet id + DAO id) fit untruncated.
pub type AccountId = u128;
pub type Balance = u128;
type Block = frame_system::mocking::MockBlock<Test>;

pub const INITIAL: Balance = 1_000_000;
pub const PERIOD: u64 = 10;
pub const DELAY: u64 = 5;
pub const EXECUTION_PERIOD: u64 = 20;
pub const PROPOSAL_DEPOSIT: Balance = 100;
pub const CREATION_DEPOSIT: Balance = 1_000;

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
	pub type Dao = pallet_dao;
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
	type ExistentialDeposit = frame_support::traits::ConstU128<1>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = ConstU32<4>;
}

parameter_types! {
	pub const DaoPalletId: PalletId = PalletId(*b"sc/daos_");
	pub const ProtocolDao: DaoId = 0;
}

impl pallet_dao::Config for Test {
	type RuntimeOrigin = RuntimeOrigin;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type PalletId = DaoPalletId;
	type GovernanceOrigin = frame_support::traits::EitherOfDiverse<
		frame_system::EnsureRoot<AccountId>,
		pallet_dao::EnsureDao<ProtocolDao>,
	>;
	type RootDispatchOrigin = pallet_dao::EnsureDao<ProtocolDao>;
	type MaxNameLen = ConstU32<32>;
	type MaxMembers = ConstU32<10>;
	type MaxCallLen = ConstU32<256>;
	type MaxMetadataLen = ConstU32<64>;
	type MaxLiveProposals = ConstU32<4>;
	type MaxProposalsPerProposer = ConstU32<2>;
	type MaxVotesPerAccount = ConstU32<3>;
	type WeightInfo = ();
}

/// Share-mode rules: quorum 50%, threshold 60%.
pub fn shares_rules() -> Rules<Balance, u64> {
	Rules {
		voting_mode: VotingMode::Shares,
		voting_period: PERIOD,
		quorum: Perbill::from_percent(50),
		approval_threshold: Perbill::from_percent(60),
		enactment_delay: DELAY,
		execution_period: EXECUTION_PERIOD,
		proposal_deposit: PROPOSAL_DEPOSIT,
		max_members: 5,
	}
}

/// Token-mode rules: quorum 10% of issuance, threshold 50%, proposers need 1,000.
pub fn token_rules() -> Rules<Balance, u64> {
	Rules {
		voting_mode: VotingMode::TokenWeighted { min_proposer_balance: 1_000 },
		quorum: Perbill::from_percent(10),
		approval_threshold: Perbill::from_percent(50),
		..shares_rules()
	}
}

/// Accounts 1..=10 hold `INITIAL`; DAO 0 has members 1, 2, 3 with 10 shares each.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..=10).map(|a| (a, INITIAL)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_dao::GenesisConfig::<Test> {
		params: Some(crate::DaoParams { creation_deposit: CREATION_DEPOSIT }),
		daos: vec![GenesisDao {
			name: b"protocol".to_vec(),
			members: vec![(1, 10), (2, 10), (3, 10)],
			rules: shares_rules(),
		}],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs a test and then checks every invariant of the pallet and that nothing was minted or
/// burned.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		let issuance = pallet_balances::TotalIssuance::<Test>::get();
		test();
		Dao::do_try_state().expect("DAO invariants hold after the test");
		assert_eq!(pallet_balances::TotalIssuance::<Test>::get(), issuance, "no mint or burn");
	});
}
