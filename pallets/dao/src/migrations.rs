//! Storage migrations of the DAO pallet.
//!
//! # v0 → v1 (the security release, runtime spec 1 → 2)
//! - every DAO's rules gain `execution_period` (approved proposals expire): a DAO that never
//!   chose one gets its own `voting_period`, the time scale its members already agreed to;
//! - **every live proposal is cancelled, its deposit returned** (a `ProposalCancelled` event
//!   with nothing slashed), its votes removed and the token votes' freezes lifted. A proposal
//!   stores its call SCALE-encoded for the runtime it was made under; spec 2 changed the
//!   encoding of calls (`update_rules`'s rules, `unlock`, `set_parameters`), so a spec-1
//!   call's bytes could decode as another call under spec 2 — with DAO 0, a Root call nobody
//!   voted for. Members re-propose under spec 2. This also drops what v0 let votes become (a
//!   removed member's vote, stale share weights, token locks beyond their voter's balance);
//! - `LiveProposalsOf` starts empty (no live proposals).
//!
//! Only a chain whose last runtime was spec 1 has v0 layouts: chains started from later builds
//! before the storage versions were declared carry v1 layouts at storage version 0, and only
//! get their version set. A single-block migration: it reads every DAO, proposal, vote and vote
//! lock once, and its weight counts what it reads (proof size included), so `try-runtime`
//! refuses an upgrade that would not fit in a block.

use crate::{
	BalanceOf, Config, DaoInfo, DaoRules, Daos, Event, FreezeReason, HoldReason, LiveProposalsOf,
	Pallet, VoteLocks, Votes,
};
use alloc::vec::Vec;
use frame_support::{
	migrations::VersionedMigration,
	traits::{
		fungible::{MutateFreeze, MutateHold},
		tokens::Precision,
		Get, UncheckedOnRuntimeUpgrade,
	},
	weights::Weight,
};
use sp_runtime::Saturating;

use servicechain_primitives::migrations::{proof_of, upgrading_from_spec};

/// The v0 layouts, as the chain stored them before the security release.
pub mod v0 {
	use crate::{types::Tally, DaoId, ProposalId, Shares, VotingMode};
	use codec::{Decode, Encode, MaxEncodedLen};
	use frame_support::{storage_alias, traits::Get, BoundedVec, Twox64Concat};
	use scale_info::TypeInfo;
	use sp_runtime::Perbill;

	/// v0 `DaoRules`: without `execution_period`.
	#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
	pub struct DaoRules<Balance, BlockNumber> {
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
		pub rules: DaoRules<Balance, BlockNumber>,
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
struct Before<AccountId, Balance> {
	daos: u32,
	/// Proposers and token voters, whose deposits and freezes must be gone.
	accounts: Vec<AccountId>,
	issuance: Balance,
}

/// v0 → v1 without the version check; use [`MigrateV0ToV1`].
pub struct InnerMigrateV0ToV1<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV0ToV1<T> {
	fn on_runtime_upgrade() -> Weight {
		use codec::MaxEncodedLen;
		if !upgrading_from_spec::<T>(1) {
			log::info!(target: "runtime::dao", "v1 migration: not upgrading from spec 1, layouts are v1 already");
			return T::DbWeight::get().reads(1);
		}
		let (mut reads, mut writes, mut proof) = (1u64, 0u64, 0u64);

		Daos::<T>::translate::<v0::DaoOf<T>, _>(|_, old| {
			reads.saturating_inc();
			writes.saturating_inc();
			proof.saturating_accrue(proof_of(v0::DaoOf::<T>::max_encoded_len()));
			Some(upgrade_dao::<T>(old))
		});

		// Cancel every live proposal: its call was encoded for spec 1's calls.
		let proposals: Vec<_> = v0::Proposals::<T>::drain().collect();
		for (dao_id, proposal_id, p) in proposals {
			reads.saturating_accrue(2);
			writes.saturating_accrue(3);
			proof.saturating_accrue(
				proof_of(v0::ProposalOf::<T>::max_encoded_len()).saturating_add(proof_of(256)),
			);
			let _ = T::Currency::release(
				&HoldReason::ProposalDeposit.into(),
				&p.proposer,
				p.deposit,
				Precision::BestEffort,
			);
			Daos::<T>::mutate(dao_id, |dao| {
				if let Some(dao) = dao {
					dao.live_proposals = dao.live_proposals.saturating_sub(1);
				}
			});
			Pallet::<T>::deposit_event(Event::ProposalCancelled {
				dao_id,
				proposal_id,
				slashed: BalanceOf::<T>::default(),
			});
		}
		let removed = Votes::<T>::clear(u32::MAX, None);
		reads.saturating_accrue(u64::from(removed.loops));
		writes.saturating_accrue(u64::from(removed.unique));
		proof.saturating_accrue(u64::from(removed.loops).saturating_mul(proof_of(64)));
		let _ = LiveProposalsOf::<T>::clear(u32::MAX, None);

		// No proposal is left to vote on: every token vote's freeze is lifted.
		let voters: Vec<T::AccountId> = VoteLocks::<T>::drain().map(|(who, _)| who).collect();
		for who in voters {
			reads.saturating_accrue(2);
			writes.saturating_accrue(2);
			proof.saturating_accrue(proof_of(1_024));
			let _ = T::Currency::thaw(&FreezeReason::Vote.into(), &who);
		}

		T::DbWeight::get().reads_writes(reads, writes).saturating_add(Weight::from_parts(0, proof))
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
		use codec::Encode;
		use frame_support::traits::fungible::Inspect;
		if !upgrading_from_spec::<T>(1) {
			return Ok(Vec::new());
		}
		// Keys, not values: an entry that does not decode as v0 is counted too.
		let daos = v0::Daos::<T>::iter_keys().count() as u32;
		let mut accounts: Vec<T::AccountId> =
			v0::Proposals::<T>::iter_values().map(|p| p.proposer).collect();
		accounts.extend(VoteLocks::<T>::iter_keys());
		let before = Before { daos, accounts, issuance: T::Currency::total_issuance() };
		Ok(before.encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		use codec::Decode;
		use frame_support::{
			ensure,
			traits::fungible::{Inspect, InspectFreeze, InspectHold},
		};
		if state.is_empty() {
			return Pallet::<T>::do_try_state();
		}
		let before = Before::<T::AccountId, BalanceOf<T>>::decode(&mut &state[..])
			.map_err(|_| "pre_upgrade state")?;
		ensure!(
			Daos::<T>::iter().count() as u32 == before.daos,
			"a DAO was lost or does not decode"
		);
		ensure!(crate::Proposals::<T>::iter_keys().count() == 0, "a proposal is left");
		ensure!(Votes::<T>::iter_keys().count() == 0, "a vote is left");
		ensure!(VoteLocks::<T>::iter_keys().count() == 0, "a vote lock is left");
		for who in before.accounts {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::ProposalDeposit.into(), &who)
					== Default::default(),
				"a proposal deposit is still held"
			);
			ensure!(
				T::Currency::balance_frozen(&FreezeReason::Vote.into(), &who) == Default::default(),
				"a vote freeze is left"
			);
		}
		ensure!(T::Currency::total_issuance() == before.issuance, "the issuance changed");
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
	let c = old.rules;
	DaoInfo {
		name: old.name,
		creator: old.creator,
		deposit: old.deposit,
		rules: DaoRules {
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
