//! # DAO pallet
//!
//! Anyone can form a DAO with its own treasury account; members propose calls, vote, and passed
//! proposals are dispatched with the DAO's own origin, [`Origin::Dao`]. DAO 0, created at
//! genesis, is the **protocol DAO**: the runtime gives its origin the chain's governance rights
//! (through [`EnsureDao`] in other pallets' `Config` and `RootDispatchOrigin` here).
//!
//! ## Voting
//! A proposal is weighted the way its DAO voted when it was made ([`Weighting`]); a later change
//! of the DAO's mode applies to later proposals only.
//! - [`VotingMode::Shares`]: members vote with their shares; quorum is a share of the total
//!   shares. When the DAO removes a member or changes its shares, its votes on proposals still
//!   open are removed or re-weighed at once: only current members' current shares decide.
//! - [`VotingMode::TokenWeighted`]: anyone votes with SCV of its free balance, which is frozen
//!   (`FreezeReason::Vote`) until the proposal's voting has ended and anyone `unlock`s it. One
//!   balance can back votes on several proposals at once: the freeze is the largest of its
//!   active votes (as in conviction voting); on one proposal a vote is counted once and can be
//!   changed.
//!
//! ## Votes stay backed ([`VoteBacking`](servicechain_primitives::VoteBacking))
//! Freezes apply to an account's total balance, so held deposits can satisfy a freeze. The
//! only ServiceChain paths that move held funds to another account regardless of freezes are
//! slashes (a service deposit slashed by governance; a proposal deposit slashed as spam, or for
//! a rejected or quorum-less proposal): payment-channel deposits are escrowed, not held, and
//! reapers' rewards respect freezes. After a slash the slashing pallet calls
//! [`VoteBacking::rebalance`](servicechain_primitives::VoteBacking::rebalance): every vote of
//! the account is capped at what it still holds, and tallies of open proposals follow. So SCV
//! frozen for a vote never counts once it has left the voter's account.
//!
//! ## Proposals
//! A proposal passes when the turnout reaches `quorum` of the total weight and the ayes reach
//! `approval_threshold` of the votes cast. `close_proposal` decides it after the voting period,
//! or earlier when the votes cast decide it whatever the weight that has not voted does.
//! The proposal deposit comes back when the proposal is approved or withdrawn by its proposer
//! before any vote; it goes to the DAO's treasury when the proposal is rejected, ends without
//! quorum, or is cancelled by the DAO as spam (as pallet-referenda keeps the submission deposit
//! of rejected and timed-out referenda). One account may have at most `MaxProposalsPerProposer`
//! live proposals per DAO, so filling a DAO's `MaxLiveProposals` slots takes several accounts
//! and costs a deposit per slot per voting period.
//!
//! Approved proposals can be executed by anyone after `enactment_delay` and until
//! `execution_period` blocks later; the call's result is reported and the proposal is removed
//! either way (never executed twice). An approved proposal not executed in time expires:
//! `close_proposal` removes it.
//!
//! ## Invariants (checked by `do_try_state`, see [`invariants`])
//! - Every DAO's `total_shares` and `member_count` match its members.
//! - While a proposal's voting period is open, its tally equals the sum of its recorded votes,
//!   and share votes are cast by current members with their current shares; `live_proposals`
//!   counts the stored proposals, and `LiveProposalsOf` each proposer's.
//! - Every account's `Vote` freeze equals the largest amount among its vote locks, and no vote
//!   lock exceeds the account's total balance.
//! - Held deposits equal the DAO and proposal deposits the pallet records.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
mod daos;
pub mod invariants;
pub mod migrations;
#[cfg(test)]
mod mock;
mod origin;
mod proposals;
mod queries;
pub mod runtime_api;
#[cfg(test)]
mod tests;
mod treasury;
pub mod types;
mod vote_backing;
mod voting;
pub mod weights;

pub use origin::{EnsureAnyDao, EnsureDao};
pub use types::*;
pub use weights::WeightInfo;

use frame_support::traits::fungible;

/// Balance type of the currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A DAO with this runtime's types.
pub type DaoOf<T> = DaoInfo<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	frame_system::pallet_prelude::BlockNumberFor<T>,
	<T as Config>::MaxNameLen,
>;

/// A DAO's rules with this runtime's types.
pub type DaoRulesOf<T> = DaoRules<BalanceOf<T>, frame_system::pallet_prelude::BlockNumberFor<T>>;

/// A proposal with this runtime's types.
pub type ProposalOf<T> = Proposal<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	frame_system::pallet_prelude::BlockNumberFor<T>,
	<T as Config>::MaxCallLen,
	<T as Config>::MaxMetadataLen,
>;

/// A vote lock entry: the proposal and the amount frozen for it.
pub type VoteLock<Balance> = (DaoId, ProposalId, Balance);

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::{boxed::Box, vec::Vec};
	use frame_support::{
		dispatch::{GetDispatchInfo, PostDispatchInfo},
		pallet_prelude::*,
		traits::fungible::{Inspect, InspectFreeze, InspectHold, Mutate, MutateFreeze, MutateHold},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{
		traits::{Dispatchable, Zero},
		Saturating,
	};

	/// The in-code storage version (see the migrations in the README).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the DAO pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The overarching origin: must know this pallet's [`Origin`].
		type RuntimeOrigin: From<Origin>
			+ From<<Self as frame_system::Config>::RuntimeOrigin>
			+ Into<Result<Origin, <Self as Config>::RuntimeOrigin>>;

		/// The overarching call: what proposals dispatch.
		type RuntimeCall: Parameter
			+ GetDispatchInfo
			+ Dispatchable<
				RuntimeOrigin = <Self as Config>::RuntimeOrigin,
				PostInfo = PostDispatchInfo,
			> + From<Call<Self>>;

		/// The currency: deposits are held, token votes frozen.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ InspectHold<Self::AccountId>
			+ MutateFreeze<Self::AccountId, Id = Self::RuntimeFreezeReason>
			+ InspectFreeze<Self::AccountId>
			+ Mutate<Self::AccountId>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The overarching freeze reason.
		type RuntimeFreezeReason: From<FreezeReason>;

		/// Derives each DAO's treasury account (sub-account by DAO id).
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Origin that may set the pallet's parameters (the protocol DAO or Root).
		type GovernanceOrigin: EnsureOrigin<<Self as frame_system::Config>::RuntimeOrigin>;

		/// Origin that may make a DAO dispatch calls as Root (`dispatch_as_root`): in the
		/// runtime, the protocol DAO.
		type RootDispatchOrigin: EnsureOrigin<<Self as frame_system::Config>::RuntimeOrigin>;

		/// Longest DAO name.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// Most members of any DAO.
		#[pallet::constant]
		type MaxMembers: Get<u32>;

		/// Longest encoded call a proposal may carry (runtime code goes through
		/// `system.authorize_upgrade` instead).
		#[pallet::constant]
		type MaxCallLen: Get<u32>;

		/// Longest proposal metadata.
		#[pallet::constant]
		type MaxMetadataLen: Get<u32>;

		/// Most live (voting or approved) proposals per DAO.
		#[pallet::constant]
		type MaxLiveProposals: Get<u32>;

		/// Most live proposals one account may have in one DAO (at most `MaxLiveProposals`).
		#[pallet::constant]
		type MaxProposalsPerProposer: Get<u32>;

		/// Most proposals one account can have token votes locked on at once.
		#[pallet::constant]
		type MaxVotesPerAccount: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Reasons this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for creating a DAO.
		DaoDeposit,
		/// The deposit for a proposal.
		ProposalDeposit,
	}

	/// Reasons this pallet freezes funds.
	#[pallet::composite_enum]
	pub enum FreezeReason {
		/// Balance backing token-weighted votes.
		Vote,
	}

	/// The origin of a DAO acting as itself (a passed proposal).
	#[pallet::origin]
	pub type Origin = origin::DaoOrigin;

	/// The id the next DAO gets.
	#[pallet::storage]
	pub type NextDaoId<T> = StorageValue<_, DaoId, ValueQuery>;

	/// The DAOs.
	#[pallet::storage]
	pub type Daos<T: Config> = StorageMap<_, Twox64Concat, DaoId, DaoOf<T>>;

	/// Members and their shares.
	#[pallet::storage]
	pub type Members<T: Config> =
		StorageDoubleMap<_, Twox64Concat, DaoId, Blake2_128Concat, T::AccountId, Shares>;

	/// Live proposals (voting, or approved and awaiting execution).
	#[pallet::storage]
	pub type Proposals<T: Config> =
		StorageDoubleMap<_, Twox64Concat, DaoId, Twox64Concat, ProposalId, ProposalOf<T>>;

	/// Number of live proposals per DAO and proposer (for `MaxProposalsPerProposer`).
	#[pallet::storage]
	pub type LiveProposalsOf<T: Config> =
		StorageDoubleMap<_, Twox64Concat, DaoId, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Votes of live proposals (and, in token mode, of ended ones until they are unlocked).
	#[pallet::storage]
	pub type Votes<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, DaoId>,
			NMapKey<Twox64Concat, ProposalId>,
			NMapKey<Blake2_128Concat, T::AccountId>,
		),
		VoteRecord<BalanceOf<T>>,
	>;

	/// Token votes an account has frozen balance for; the freeze is the largest amount.
	#[pallet::storage]
	pub type VoteLocks<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<VoteLock<BalanceOf<T>>, T::MaxVotesPerAccount>,
		ValueQuery,
	>;

	/// The governance-tunable parameters.
	#[pallet::storage]
	pub type Parameters<T: Config> = StorageValue<_, DaoParams<BalanceOf<T>>, OptionQuery>;

	/// A DAO created at genesis.
	#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
	#[serde(rename_all = "camelCase", bound = "")]
	pub struct GenesisDao<T: Config> {
		/// Its name.
		pub name: Vec<u8>,
		/// Members and their shares.
		pub members: Vec<(T::AccountId, Shares)>,
		/// Its rules.
		pub rules: DaoRulesOf<T>,
	}

	/// Genesis: parameters and DAOs. The first is the protocol DAO, id 0, which the runtime gives
	/// the chain's governance (Root): genesis fails without it, or if it could never decide
	/// (share voting without members). The default has one: [`GenesisDao::token_holders`].
	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// Initial parameters; `None` uses [`Pallet::default_params`].
		pub params: Option<DaoParams<BalanceOf<T>>>,
		/// DAOs to create, in id order from 0.
		pub daos: Vec<GenesisDao<T>>,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		fn default() -> Self {
			Self { params: None, daos: alloc::vec![GenesisDao::token_holders()] }
		}
	}

	impl<T: Config> GenesisDao<T> {
		/// A protocol DAO of the token holders, which a chain built from the default genesis
		/// gets rather than none: anyone holding 1,000 existential deposits may propose
		/// (holding 100 as the deposit); a vote lasts 14,400 blocks (a day of 6-second blocks),
		/// needs 10% of the issuance to take part and a majority to pass; approved proposals
		/// wait 1,200 blocks and stay executable for 14,400.
		pub fn token_holders() -> Self {
			let ed = T::Currency::minimum_balance();
			Self {
				name: b"protocol DAO".to_vec(),
				members: Vec::new(),
				rules: DaoRules {
					voting_mode: VotingMode::TokenWeighted {
						min_proposer_balance: ed.saturating_mul(1_000u32.into()),
					},
					voting_period: 14_400u32.into(),
					quorum: sp_runtime::Perbill::from_percent(10),
					approval_threshold: sp_runtime::Perbill::from_percent(50),
					enactment_delay: 1_200u32.into(),
					execution_period: 14_400u32.into(),
					proposal_deposit: ed.saturating_mul(100u32.into()),
					max_members: T::MaxMembers::get(),
				},
			}
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let params = self.params.clone().unwrap_or_else(Pallet::<T>::default_params);
			assert!(!params.creation_deposit.is_zero(), "DAOs must cost a creation deposit");
			Parameters::<T>::put(params);
			let protocol = self.daos.first();
			assert!(protocol.is_some(), "genesis must create the protocol DAO (id 0)");
			assert!(
				protocol
					.is_some_and(|d| !d.members.is_empty()
						|| !matches!(d.rules.voting_mode, VotingMode::Shares)),
				"the protocol DAO votes with shares but has no members"
			);
			for dao in &self.daos {
				let created = Pallet::<T>::do_create(
					None,
					dao.name.clone(),
					dao.members.clone(),
					dao.rules.clone(),
				);
				assert!(created.is_ok(), "genesis DAO is valid: {created:?}");
			}
		}
	}

	/// Events.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A DAO was created.
		DaoCreated {
			/// The new DAO.
			dao_id: DaoId,
			/// Who created it (none at genesis).
			creator: Option<T::AccountId>,
			/// Its treasury account.
			treasury: T::AccountId,
		},
		/// A member was added.
		MemberAdded {
			/// The DAO.
			dao_id: DaoId,
			/// The member.
			who: T::AccountId,
			/// Its shares.
			shares: Shares,
		},
		/// A member was removed.
		MemberRemoved {
			/// The DAO.
			dao_id: DaoId,
			/// The former member.
			who: T::AccountId,
		},
		/// A member's shares were changed.
		SharesSet {
			/// The DAO.
			dao_id: DaoId,
			/// The member.
			who: T::AccountId,
			/// The new shares.
			shares: Shares,
		},
		/// A DAO changed its rules.
		RulesUpdated {
			/// The DAO.
			dao_id: DaoId,
		},
		/// A proposal was submitted.
		Proposed {
			/// The DAO.
			dao_id: DaoId,
			/// The proposal.
			proposal_id: ProposalId,
			/// Who proposed it.
			proposer: T::AccountId,
			/// Last block of voting.
			voting_ends: BlockNumberFor<T>,
		},
		/// A vote was cast or changed.
		Voted {
			/// The DAO.
			dao_id: DaoId,
			/// The proposal.
			proposal_id: ProposalId,
			/// The voter.
			voter: T::AccountId,
			/// For or against.
			aye: bool,
			/// The weight counted.
			weight: u128,
		},
		/// A proposal was decided.
		ProposalClosed {
			/// The DAO.
			dao_id: DaoId,
			/// The proposal.
			proposal_id: ProposalId,
			/// How it ended.
			outcome: Outcome,
			/// The final tally.
			tally: Tally,
			/// The deposit moved to the DAO's treasury (rejected, or no quorum).
			slashed: BalanceOf<T>,
		},
		/// An approved proposal was not executed before its execution period ended and was
		/// removed.
		ProposalExpired {
			/// The DAO.
			dao_id: DaoId,
			/// The proposal.
			proposal_id: ProposalId,
		},
		/// An approved proposal was executed (successfully or not; it is done either way).
		ProposalExecuted {
			/// The DAO.
			dao_id: DaoId,
			/// The proposal.
			proposal_id: ProposalId,
			/// The call's result.
			result: DispatchResult,
		},
		/// A proposal was cancelled.
		ProposalCancelled {
			/// The DAO.
			dao_id: DaoId,
			/// The proposal.
			proposal_id: ProposalId,
			/// The deposit moved to the DAO treasury (cancelled by the DAO as spam).
			slashed: BalanceOf<T>,
		},
		/// An account's balance fell below its vote locks (a slash): its votes were capped at
		/// what it holds.
		VotesCapped {
			/// The voter.
			who: T::AccountId,
			/// What each of its votes counts at most now.
			cap: BalanceOf<T>,
		},
		/// A token vote's freeze was released.
		Unlocked {
			/// The voter.
			who: T::AccountId,
			/// The DAO.
			dao_id: DaoId,
			/// The proposal.
			proposal_id: ProposalId,
			/// The account's freeze now.
			frozen: BalanceOf<T>,
		},
		/// The treasury paid someone.
		Spent {
			/// The DAO.
			dao_id: DaoId,
			/// Who was paid.
			beneficiary: T::AccountId,
			/// How much.
			amount: BalanceOf<T>,
		},
		/// The treasury paid its members pro rata to their shares.
		Distributed {
			/// The DAO.
			dao_id: DaoId,
			/// Total paid out (the rounding rest stays in the treasury).
			paid: BalanceOf<T>,
			/// Members paid.
			members: u32,
		},
		/// The DAO dispatched a call as its treasury account or as Root.
		Dispatched {
			/// The DAO.
			dao_id: DaoId,
			/// Whether it acted as Root (else as its treasury account).
			as_root: bool,
			/// The call's result.
			result: DispatchResult,
		},
		/// The parameters were changed.
		ParametersSet {
			/// The new parameters.
			params: DaoParams<BalanceOf<T>>,
		},
	}

	/// Errors.
	#[pallet::error]
	pub enum Error<T> {
		/// No DAO has this id.
		UnknownDao,
		/// No live proposal has this id.
		UnknownProposal,
		/// The caller is not a member of the DAO.
		NotMember,
		/// The account is a member already.
		AlreadyMember,
		/// The same account appears twice among the members.
		DuplicateMember,
		/// More members than the DAO's `max_members` or the runtime's `MaxMembers`.
		TooManyMembers,
		/// Shares must be positive.
		ZeroShares,
		/// The name is longer than `MaxNameLen`.
		NameTooLong,
		/// The encoded call is longer than `MaxCallLen`.
		CallTooLong,
		/// The stored call no longer decodes (the runtime changed).
		UndecodableCall,
		/// The metadata is longer than `MaxMetadataLen`.
		MetadataTooLong,
		/// The DAO has `MaxLiveProposals` live proposals.
		TooManyProposals,
		/// The proposer has `MaxProposalsPerProposer` live proposals in this DAO.
		TooManyProposalsOfProposer,
		/// The account has votes locked on `MaxVotesPerAccount` proposals.
		TooManyVotes,
		/// Quorum, threshold, periods or member limit are out of range.
		InvalidRules,
		/// The proposer may not propose (not a member, or below the minimum balance).
		CannotPropose,
		/// Voting on this proposal has ended.
		VotingClosed,
		/// Voting on this proposal has not ended.
		VotingOngoing,
		/// The voting period is not over and the outcome can still change.
		TooEarly,
		/// The proposal is not approved.
		NotApproved,
		/// The enactment delay has not passed.
		EnactmentDelay,
		/// The approved proposal's execution period has ended; `close_proposal` removes it.
		ExecutionExpired,
		/// `weight_bound` is below the stored call's weight.
		WeightBoundTooLow,
		/// A token vote needs an amount; a share vote takes none.
		BadVoteAmount,
		/// The vote's amount is above the voter's balance.
		InsufficientBalance,
		/// The account has no vote lock on this proposal.
		NoVoteLock,
		/// Only the proposer, before any vote, or the DAO may cancel.
		CannotCancel,
		/// The treasury cannot pay this without closing its account.
		InsufficientTreasury,
		/// The DAO has no shares to distribute by.
		NoShares,
		/// Zero amount.
		ZeroAmount,
		/// An id or a sum overflowed.
		Overflow,
		/// The proposer cannot afford the deposit.
		InsufficientDeposit,
		/// The parameters would let DAOs be created without a deposit.
		InvalidParameters,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxMembers::get() > 0, "MaxMembers must be positive");
			assert!(T::MaxLiveProposals::get() > 0, "MaxLiveProposals must be positive");
			assert!(
				T::MaxProposalsPerProposer::get() > 0
					&& T::MaxProposalsPerProposer::get() <= T::MaxLiveProposals::get(),
				"MaxProposalsPerProposer must be within 1..=MaxLiveProposals"
			);
			assert!(T::MaxVotesPerAccount::get() > 0, "MaxVotesPerAccount must be positive");
			assert!(T::MaxCallLen::get() >= 32, "MaxCallLen must fit small calls");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Creates a DAO with the given members, holding the creation deposit. Its treasury is
		/// the sub-account of the pallet id for the new DAO id.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_dao(members.len() as u32))]
		pub fn create_dao(
			origin: OriginFor<T>,
			name: Vec<u8>,
			members: Vec<(T::AccountId, Shares)>,
			rules: DaoRulesOf<T>,
		) -> DispatchResult {
			let creator = ensure_signed(origin)?;
			ensure!(members.len() <= T::MaxMembers::get() as usize, Error::<T>::TooManyMembers);
			Self::do_create(Some(creator), name, members, rules).map(|_| ())
		}

		/// Proposes `call` for the DAO to dispatch as itself, holding the proposal deposit.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::propose(
			codec::Encode::encoded_size(&**call).min(T::MaxCallLen::get() as usize) as u32
		))]
		pub fn propose(
			origin: OriginFor<T>,
			dao_id: DaoId,
			call: Box<<T as Config>::RuntimeCall>,
			metadata: Vec<u8>,
		) -> DispatchResult {
			let proposer = ensure_signed(origin)?;
			Self::do_propose(proposer, dao_id, *call, metadata).map(|_| ())
		}

		/// Votes on a proposal, or changes the vote. Token mode: `amount` is frozen until
		/// `unlock`; share mode: `amount` must be `None`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::vote())]
		pub fn vote(
			origin: OriginFor<T>,
			dao_id: DaoId,
			proposal_id: ProposalId,
			aye: bool,
			amount: Option<BalanceOf<T>>,
		) -> DispatchResult {
			let voter = ensure_signed(origin)?;
			Self::do_vote(voter, dao_id, proposal_id, aye, amount)
		}

		/// Decides a proposal after its voting period, or earlier when the outcome is decided:
		/// approved proposals are queued for execution and their deposit returned; rejected
		/// ones and those without quorum give their deposit to the DAO's treasury. Also removes
		/// an approved proposal whose execution period has ended.
		#[pallet::call_index(3)]
		#[pallet::weight(
			T::WeightInfo::close_proposal(T::MaxMembers::get())
				.max(T::WeightInfo::close_expired())
				.saturating_add(T::WeightInfo::rebalance())
		)]
		pub fn close_proposal(
			origin: OriginFor<T>,
			dao_id: DaoId,
			proposal_id: ProposalId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_close(dao_id, proposal_id)
		}

		/// Dispatches an approved proposal's call as the DAO once the enactment delay passed.
		/// `weight_bound` must cover the call's weight (the proposal's `call_weight`).
		#[pallet::call_index(4)]
		#[pallet::weight(
			T::WeightInfo::execute_proposal(T::MaxCallLen::get()).saturating_add(*weight_bound)
		)]
		pub fn execute_proposal(
			origin: OriginFor<T>,
			dao_id: DaoId,
			proposal_id: ProposalId,
			weight_bound: Weight,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_execute(dao_id, proposal_id, weight_bound)
		}

		/// Cancels a proposal: by its proposer before any vote (deposit returned), or by the
		/// DAO's own origin (deposit moved to the treasury).
		#[pallet::call_index(5)]
		#[pallet::weight(
			T::WeightInfo::cancel_proposal(T::MaxMembers::get())
				.saturating_add(T::WeightInfo::rebalance())
		)]
		pub fn cancel_proposal(
			origin: OriginFor<T>,
			dao_id: DaoId,
			proposal_id: ProposalId,
		) -> DispatchResult {
			let by_dao = Self::dao_origin(origin.clone()).ok() == Some(dao_id);
			let who = if by_dao { None } else { Some(ensure_signed(origin)?) };
			Self::do_cancel(who, dao_id, proposal_id)
		}

		/// Releases `voter`'s token vote on a proposal whose voting has ended: its lock, its
		/// freeze and its vote record. Anyone may call it for anyone (as conviction voting's
		/// `unlock` and `remove_other_vote`), so no ended vote's record outlives the vote.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::unlock())]
		pub fn unlock(
			origin: OriginFor<T>,
			dao_id: DaoId,
			proposal_id: ProposalId,
			voter: T::AccountId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_unlock(voter, dao_id, proposal_id)
		}

		/// The DAO adds a member.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::add_member())]
		pub fn add_member(
			origin: OriginFor<T>,
			who: T::AccountId,
			shares: Shares,
		) -> DispatchResult {
			let dao_id = Self::dao_origin(origin)?;
			ensure!(shares > 0, Error::<T>::ZeroShares);
			Self::do_add_member(dao_id, who, shares)
		}

		/// The DAO removes a member; its votes on proposals still open are removed.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::remove_member(T::MaxLiveProposals::get()))]
		pub fn remove_member(
			origin: OriginFor<T>,
			who: T::AccountId,
		) -> DispatchResultWithPostInfo {
			let dao_id = Self::dao_origin(origin)?;
			Self::do_remove_member(dao_id, who)
		}

		/// The DAO changes a member's shares; its votes on proposals still open are re-weighed.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::set_shares(T::MaxLiveProposals::get()))]
		pub fn set_shares(
			origin: OriginFor<T>,
			who: T::AccountId,
			shares: Shares,
		) -> DispatchResultWithPostInfo {
			let dao_id = Self::dao_origin(origin)?;
			ensure!(shares > 0, Error::<T>::ZeroShares);
			Self::do_set_shares(dao_id, who, shares)
		}

		/// The DAO changes its rules (live proposals keep their voting end).
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::update_rules())]
		pub fn update_rules(origin: OriginFor<T>, rules: DaoRulesOf<T>) -> DispatchResult {
			let dao_id = Self::dao_origin(origin)?;
			Self::do_update_rules(dao_id, rules)
		}

		/// The DAO pays `amount` from its treasury to `beneficiary`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::spend())]
		pub fn spend(
			origin: OriginFor<T>,
			beneficiary: T::AccountId,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			let dao_id = Self::dao_origin(origin)?;
			Self::do_spend(dao_id, beneficiary, amount)
		}

		/// The DAO pays `amount` from its treasury to its members, pro rata to their shares.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::distribute(T::MaxMembers::get()))]
		pub fn distribute(
			origin: OriginFor<T>,
			amount: BalanceOf<T>,
		) -> DispatchResultWithPostInfo {
			let dao_id = Self::dao_origin(origin)?;
			Self::do_distribute(dao_id, amount)
		}

		/// The DAO dispatches `call` as its treasury account (register a service, open a
		/// channel, vote in another DAO...).
		#[pallet::call_index(13)]
		#[pallet::weight({
			let info = call.get_dispatch_info();
			(T::WeightInfo::dispatch_as_treasury().saturating_add(info.call_weight), info.class)
		})]
		pub fn dispatch_as_treasury(
			origin: OriginFor<T>,
			call: Box<<T as Config>::RuntimeCall>,
		) -> DispatchResultWithPostInfo {
			let dao_id = Self::dao_origin(origin)?;
			Self::do_dispatch(dao_id, *call, false)
		}

		/// A DAO allowed by `RootDispatchOrigin` (the protocol DAO) dispatches `call` as Root,
		/// e.g. `system.authorize_upgrade`.
		#[pallet::call_index(14)]
		#[pallet::weight({
			let info = call.get_dispatch_info();
			(T::WeightInfo::dispatch_as_root().saturating_add(info.call_weight), info.class)
		})]
		pub fn dispatch_as_root(
			origin: OriginFor<T>,
			call: Box<<T as Config>::RuntimeCall>,
		) -> DispatchResultWithPostInfo {
			T::RootDispatchOrigin::ensure_origin(origin.clone())?;
			let dao_id = Self::dao_origin(origin)?;
			Self::do_dispatch(dao_id, *call, true)
		}

		/// Governance: sets the pallet's parameters.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::set_parameters())]
		pub fn set_parameters(
			origin: OriginFor<T>,
			params: DaoParams<BalanceOf<T>>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(!params.creation_deposit.is_zero(), Error::<T>::InvalidParameters);
			Parameters::<T>::put(params.clone());
			Self::deposit_event(Event::ParametersSet { params });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The parameters in force.
		pub fn params() -> DaoParams<BalanceOf<T>> {
			Parameters::<T>::get().unwrap_or_else(Self::default_params)
		}

		/// Defaults: creating a DAO holds a hundred existential deposits.
		pub fn default_params() -> DaoParams<BalanceOf<T>> {
			DaoParams {
				creation_deposit: T::Currency::minimum_balance().saturating_mul(100u32.into()),
			}
		}

		/// The DAO id of a DAO origin, or `BadOrigin`.
		pub fn dao_origin(origin: OriginFor<T>) -> Result<DaoId, DispatchError> {
			let origin = <T as Config>::RuntimeOrigin::from(origin);
			match origin.into() {
				Ok(origin::DaoOrigin::Dao(id)) => Ok(id),
				Err(_) => Err(DispatchError::BadOrigin),
			}
		}
	}
}
