//! Storage migrations of the DAO pallet.
//!
//! # v0 → v1 (the security release, runtime spec 2)
//! - every DAO's rules gain `execution_period` (approved proposals expire): a DAO that never
//!   chose one gets its own `voting_period`, the time scale its members already agreed to;
//! - every proposal records the `weighting` it is voted with (the DAO's mode now), and an
//!   approved proposal its `expires_at`: `execution_period` after its first executable block or
//!   after the upgrade, whichever is later, so the upgrade does not expire anything at once;
//! - `LiveProposalsOf` is counted from the stored proposals;
//! - share votes on proposals still voting are re-weighed to the voter's current shares, and
//!   those of accounts no longer members are removed (v0 kept them: a removed member could
//!   still decide);
//! - every token voter's locks are capped at its total balance ([`Pallet::do_rebalance`]): in
//!   v0 slashed or forcibly moved SCV could still back a vote.
//!
//! `pre_upgrade` refuses to upgrade a chain on which an account has more live proposals in one
//! DAO than `MaxProposalsPerProposer`: v1 could not represent it (governance would have to let
//! some end first). The migration is a single-block one: it reads every DAO, proposal, vote and
//! vote lock once (bounded by `MaxLiveProposals` per DAO and `MaxVotesPerAccount` per voter).

use crate::{
	BalanceOf, Config, DaoConfig, DaoInfo, Daos, LiveProposalsOf, Members, Pallet, Proposal,
	ProposalStatus, Proposals, Tally, VoteLocks, VoteRecord, Votes, Weighting,
};
use alloc::{collections::btree_map::BTreeMap, vec::Vec};
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::Saturating;

/// The v0 layouts, as the chain stored them before the security release.
pub mod v0 {
	use crate::{types::Tally, DaoId, ProposalId, Shares, VotingMode};
	use codec::{Decode, Encode, MaxEncodedLen};
	use frame_support::{storage_alias, traits::Get, BoundedVec, Twox64Concat};
	use scale_info::TypeInfo;
	use sp_runtime::Perbill;

	/// v0 `DaoConfig`: without `execution_period`.
	#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
	pub struct DaoConfig<Balance, BlockNumber> {
		/// Share- or token-weighted voting.
		pub voting_mode: VotingMode<Balance>,
		/// Length of a vote.
		pub voting_period: BlockNumber,
		/// Turnout needed.
		pub quorum: Perbill,
		/// Ayes needed among the turnout.
		pub approval_threshold: Perbill,
		/// Blocks between approval and execution.
		pub enactment_delay: BlockNumber,
		/// Deposit held from a proposer.
		pub proposal_deposit: Balance,
		/// Most members.
		pub max_members: u32,
	}

	/// v0 `DaoInfo`: with the v0 rules.
	#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
	#[scale_info(skip_type_params(MaxNameLen))]
	pub struct DaoInfo<AccountId, Balance, BlockNumber, MaxNameLen: Get<u32>> {
		/// Name.
		pub name: BoundedVec<u8, MaxNameLen>,
		/// Creator.
		pub creator: Option<AccountId>,
		/// Creation deposit.
		pub deposit: Balance,
		/// Rules.
		pub config: DaoConfig<Balance, BlockNumber>,
		/// Members.
		pub member_count: u32,
		/// Shares.
		pub total_shares: Shares,
		/// Next proposal id.
		pub next_proposal_id: ProposalId,
		/// Stored proposals.
		pub live_proposals: u32,
	}

	/// v0 `ProposalStatus`: approval without expiry.
	#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
	pub enum ProposalStatus<BlockNumber> {
		/// Voting.
		Voting,
		/// Approved.
		Approved {
			/// First block of execution.
			executable_at: BlockNumber,
		},
	}

	/// v0 `Proposal`: without `weighting`.
	#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
	#[scale_info(skip_type_params(MaxCallLen, MaxMetadataLen))]
	pub struct Proposal<
		AccountId,
		Balance,
		BlockNumber,
		MaxCallLen: Get<u32>,
		MaxMetadataLen: Get<u32>,
	> {
		/// Proposer.
		pub proposer: AccountId,
		/// Encoded call.
		pub call: BoundedVec<u8, MaxCallLen>,
		/// Call weight.
		pub call_weight: frame_support::weights::Weight,
		/// Metadata.
		pub metadata: BoundedVec<u8, MaxMetadataLen>,
		/// Deposit.
		pub deposit: Balance,
		/// Last block of voting.
		pub voting_ends: BlockNumber,
		/// Votes.
		pub tally: Tally,
		/// Status.
		pub status: ProposalStatus<BlockNumber>,
	}

	/// A v0 DAO with the runtime's types.
	pub type DaoOf<T> = DaoInfo<
		<T as frame_system::Config>::AccountId,
		crate::BalanceOf<T>,
		frame_system::pallet_prelude::BlockNumberFor<T>,
		<T as crate::Config>::MaxNameLen,
	>;

	/// A v0 proposal with the runtime's types.
	pub type ProposalOf<T> = Proposal<
		<T as frame_system::Config>::AccountId,
		crate::BalanceOf<T>,
		frame_system::pallet_prelude::BlockNumberFor<T>,
		<T as crate::Config>::MaxCallLen,
		<T as crate::Config>::MaxMetadataLen,
	>;

	/// v0 `Daos`, for tests that write v0 state.
	#[storage_alias]
	pub type Daos<T: crate::Config> = StorageMap<crate::Pallet<T>, Twox64Concat, DaoId, DaoOf<T>>;

	/// v0 `Proposals`, for tests that write v0 state.
	#[storage_alias]
	pub type Proposals<T: crate::Config> = StorageDoubleMap<
		crate::Pallet<T>,
		Twox64Concat,
		DaoId,
		Twox64Concat,
		ProposalId,
		ProposalOf<T>,
	>;
}

/// What `pre_upgrade` hands to `post_upgrade`.
#[cfg(feature = "try-runtime")]
#[derive(codec::Encode, codec::Decode)]
struct Before {
	daos: u32,
	proposals: u32,
	approved: u32,
	voters: u32,
}

/// v0 → v1 without the version check; use [`MigrateV0ToV1`].
pub struct InnerMigrateV0ToV1<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV0ToV1<T> {
	fn on_runtime_upgrade() -> Weight {
		let now = frame_system::Pallet::<T>::block_number();
		let (mut reads, mut writes) = (0u64, 0u64);

		Daos::<T>::translate::<v0::DaoOf<T>, _>(|_, old| {
			reads.saturating_inc();
			writes.saturating_inc();
			Some(upgrade_dao::<T>(old))
		});

		let mut live: BTreeMap<(crate::DaoId, T::AccountId), u32> = BTreeMap::new();
		let mut share_proposals: Vec<(crate::DaoId, crate::ProposalId)> = Vec::new();
		Proposals::<T>::translate::<v0::ProposalOf<T>, _>(|dao_id, proposal_id, old| {
			reads.saturating_accrue(2);
			writes.saturating_inc();
			// A proposal of an unknown DAO cannot exist in v0 (try_state); keep it decodable.
			let (weighting, execution_period) = Daos::<T>::get(dao_id)
				.map(|dao| (Weighting::from(&dao.config.voting_mode), dao.config.execution_period))
				.unwrap_or((Weighting::Shares, BlockNumberFor::<T>::from(1u32)));
			let status = match old.status {
				v0::ProposalStatus::Voting => ProposalStatus::Voting,
				v0::ProposalStatus::Approved { executable_at } => ProposalStatus::Approved {
					executable_at,
					expires_at: executable_at.max(now).saturating_add(execution_period),
				},
			};
			if weighting == Weighting::Shares
				&& status == ProposalStatus::Voting
				&& now <= old.voting_ends
			{
				share_proposals.push((dao_id, proposal_id));
			}
			let n = live.entry((dao_id, old.proposer.clone())).or_default();
			*n = n.saturating_add(1);
			Some(Proposal {
				proposer: old.proposer,
				call: old.call,
				call_weight: old.call_weight,
				metadata: old.metadata,
				deposit: old.deposit,
				voting_ends: old.voting_ends,
				weighting,
				tally: old.tally,
				status,
			})
		});

		for ((dao_id, proposer), n) in live {
			LiveProposalsOf::<T>::insert(dao_id, proposer, n);
			writes.saturating_inc();
		}

		for (dao_id, proposal_id) in share_proposals {
			let (r, w) = retally_shares::<T>(dao_id, proposal_id);
			reads.saturating_accrue(r);
			writes.saturating_accrue(w);
		}

		let voters: Vec<T::AccountId> = VoteLocks::<T>::iter_keys().collect();
		for who in voters {
			// Reads the locks and the balance; writes the locks, the freeze and the votes of
			// the proposals whose vote it caps (at most `MaxVotesPerAccount` each).
			let locks = VoteLocks::<T>::decode_len(&who).unwrap_or_default() as u64;
			reads.saturating_accrue(2u64.saturating_add(locks.saturating_mul(2)));
			writes.saturating_accrue(2u64.saturating_add(locks.saturating_mul(2)));
			Pallet::<T>::do_rebalance(&who);
		}

		T::DbWeight::get().reads_writes(reads, writes)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
		use codec::Encode;
		let mut per_proposer: BTreeMap<(crate::DaoId, T::AccountId), u32> = BTreeMap::new();
		let mut before = Before { daos: 0, proposals: 0, approved: 0, voters: 0 };
		for (_, _) in v0::Daos::<T>::iter() {
			before.daos.saturating_inc();
		}
		for (dao_id, _, p) in v0::Proposals::<T>::iter() {
			before.proposals.saturating_inc();
			if matches!(p.status, v0::ProposalStatus::Approved { .. }) {
				before.approved.saturating_inc();
			}
			let n = per_proposer.entry((dao_id, p.proposer)).or_default();
			*n = n.saturating_add(1);
		}
		frame_support::ensure!(
			per_proposer.values().all(|n| *n <= T::MaxProposalsPerProposer::get()),
			"an account has more live proposals in one DAO than v1's MaxProposalsPerProposer"
		);
		before.voters = VoteLocks::<T>::iter_keys().count() as u32;
		Ok(before.encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		use codec::Decode;
		use frame_support::{ensure, traits::fungible::Inspect};
		let before = Before::decode(&mut &state[..]).map_err(|_| "pre_upgrade state")?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(Daos::<T>::iter().count() as u32 == before.daos, "a DAO was lost");
		let (mut proposals, mut approved) = (0u32, 0u32);
		for (dao_id, _, p) in Proposals::<T>::iter() {
			proposals.saturating_inc();
			let dao = Daos::<T>::get(dao_id).ok_or("proposal of an unknown DAO")?;
			ensure!(
				p.weighting == Weighting::from(&dao.config.voting_mode),
				"a proposal's weighting is not its DAO's mode"
			);
			if let ProposalStatus::Approved { expires_at, .. } = p.status {
				approved.saturating_inc();
				ensure!(expires_at > now, "the upgrade expired an approved proposal");
			}
		}
		ensure!(proposals == before.proposals, "a proposal was lost");
		ensure!(approved == before.approved, "an approval was lost");
		ensure!(
			VoteLocks::<T>::iter_keys().count() as u32 == before.voters,
			"a voter's locks were lost"
		);
		for (who, locks) in VoteLocks::<T>::iter() {
			let total = T::Currency::total_balance(&who);
			ensure!(locks.iter().all(|(_, _, a)| *a <= total), "a vote lock exceeds its balance");
		}
		Pallet::<T>::do_try_state()
	}
}

/// The DAO pallet's v0 → v1 migration (see the [module docs](self)); runs only on a chain
/// whose DAO pallet is at storage version 0, and sets it to 1.
pub type MigrateV0ToV1<T> = VersionedMigration<
	0,
	1,
	InnerMigrateV0ToV1<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

/// A v0 DAO in the v1 layout: its own voting period becomes its execution period.
fn upgrade_dao<T: Config>(old: v0::DaoOf<T>) -> crate::DaoOf<T> {
	let c = old.config;
	DaoInfo {
		name: old.name,
		creator: old.creator,
		deposit: old.deposit,
		config: DaoConfig {
			voting_mode: c.voting_mode,
			voting_period: c.voting_period,
			quorum: c.quorum,
			approval_threshold: c.approval_threshold,
			enactment_delay: c.enactment_delay,
			execution_period: c.voting_period,
			proposal_deposit: c.proposal_deposit,
			max_members: c.max_members,
		},
		member_count: old.member_count,
		total_shares: old.total_shares,
		next_proposal_id: old.next_proposal_id,
		live_proposals: old.live_proposals,
	}
}

/// Re-counts a share-weighted proposal that is still voting from its votes: each weighs the
/// voter's current shares, and votes of accounts no longer members are removed. Returns the
/// reads and writes made.
fn retally_shares<T: Config>(dao_id: crate::DaoId, proposal_id: crate::ProposalId) -> (u64, u64) {
	let (mut reads, mut writes) = (1u64, 1u64);
	let mut tally = Tally::default();
	let votes: Vec<(T::AccountId, VoteRecord<BalanceOf<T>>)> =
		Votes::<T>::iter_prefix((dao_id, proposal_id)).collect();
	for (voter, vote) in votes {
		reads.saturating_accrue(2);
		let key = (dao_id, proposal_id, voter.clone());
		match Members::<T>::get(dao_id, &voter) {
			Some(shares) => {
				let vote = VoteRecord { weight: shares, ..vote };
				tally.voters.saturating_inc();
				if vote.aye {
					tally.ayes.saturating_accrue(shares);
				} else {
					tally.nays.saturating_accrue(shares);
				}
				Votes::<T>::insert(&key, vote);
			},
			None => Votes::<T>::remove(&key),
		}
		writes.saturating_inc();
	}
	Proposals::<T>::mutate(dao_id, proposal_id, |maybe| {
		if let Some(p) = maybe {
			p.tally = tally;
		}
	});
	(reads, writes)
}
