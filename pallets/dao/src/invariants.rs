//! `try_state` invariants (documented on the crate):
//! - each DAO's `total_shares` and `member_count` equal the sum and number of its members,
//!   and every member belongs to an existing DAO;
//! - each DAO's `live_proposals` equals its stored proposals, whose ids are below
//!   `next_proposal_id`, and `LiveProposalsOf` counts each proposer's, within
//!   `MaxProposalsPerProposer`;
//! - the tally of every proposal whose voting period is still open equals the sum of its
//!   recorded votes (afterwards token votes are unlocked, which removes their records); every
//!   share vote on it is a current member's, weighing its current shares;
//! - every account's `Vote` freeze equals the largest amount among its vote locks, and no vote
//!   lock exceeds the account's total balance: SCV that left an account never counts;
//! - per account, held `ProposalDeposit` equals the deposits of the proposals it made, and
//!   held `DaoDeposit` the deposits of the DAOs it created.

use crate::{
	BalanceOf, Config, Daos, FreezeReason, HoldReason, LiveProposalsOf, Members, NextDaoId, Pallet,
	ProposalStatus, Proposals, Tally, VoteLocks, Votes, Weighting,
};
use alloc::collections::btree_map::BTreeMap;
use frame_support::{
	ensure,
	traits::{
		fungible::{Inspect, InspectFreeze, InspectHold},
		Get,
	},
};
use sp_runtime::{traits::Zero, Saturating, TryRuntimeError};

impl<T: Config> Pallet<T> {
	/// Checks every invariant (listed in this module's documentation).
	///
	/// # Errors
	/// The first invariant violated, by name.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next_dao = NextDaoId::<T>::get();
		let mut dao_deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (dao_id, dao) in Daos::<T>::iter() {
			ensure!(dao_id < next_dao, "DAO id at or above NextDaoId");
			let (count, total) = Members::<T>::iter_prefix(dao_id)
				.fold((0u32, 0u128), |(c, t), (_, s)| (c.saturating_add(1), t.saturating_add(s)));
			ensure!(count == dao.member_count, "member_count differs from the members");
			ensure!(total == dao.total_shares, "total_shares differs from the members' shares");
			let live = Proposals::<T>::iter_prefix(dao_id).count() as u32;
			ensure!(live == dao.live_proposals, "live_proposals differs from the proposals");
			if let Some(creator) = &dao.creator {
				let d = dao_deposits.entry(creator.clone()).or_default();
				*d = d.saturating_add(dao.deposit);
			}
		}
		for (dao_id, _, _) in Members::<T>::iter() {
			ensure!(Daos::<T>::contains_key(dao_id), "member of an unknown DAO");
		}
		let mut proposal_deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut per_proposer: BTreeMap<(crate::DaoId, T::AccountId), u32> = BTreeMap::new();
		let now = frame_system::Pallet::<T>::block_number();
		for (dao_id, proposal_id, proposal) in Proposals::<T>::iter() {
			let dao = Daos::<T>::get(dao_id).ok_or("proposal of an unknown DAO")?;
			ensure!(proposal_id < dao.next_proposal_id, "proposal id at or above next_proposal_id");
			if proposal.status == ProposalStatus::Voting && now <= proposal.voting_ends {
				let mut tally = Tally::default();
				for (voter, vote) in Votes::<T>::iter_prefix((dao_id, proposal_id)) {
					tally.voters = tally.voters.saturating_add(1);
					if vote.aye {
						tally.ayes = tally.ayes.saturating_add(vote.weight);
					} else {
						tally.nays = tally.nays.saturating_add(vote.weight);
					}
					if proposal.weighting == Weighting::Shares {
						ensure!(
							Members::<T>::get(dao_id, &voter) == Some(vote.weight),
							"a share vote is not a current member's current shares"
						);
					}
				}
				ensure!(tally == proposal.tally, "tally differs from the recorded votes");
			}
			let d = proposal_deposits.entry(proposal.proposer.clone()).or_default();
			*d = d.saturating_add(proposal.deposit);
			let n = per_proposer.entry((dao_id, proposal.proposer.clone())).or_default();
			*n = n.saturating_add(1);
		}
		ensure!(
			LiveProposalsOf::<T>::iter().count() == per_proposer.len(),
			"LiveProposalsOf has entries without proposals"
		);
		for ((dao_id, proposer), n) in per_proposer {
			ensure!(LiveProposalsOf::<T>::get(dao_id, &proposer) == n, "LiveProposalsOf is wrong");
			ensure!(n <= T::MaxProposalsPerProposer::get(), "over MaxProposalsPerProposer");
		}
		for (who, locks) in VoteLocks::<T>::iter() {
			let max = locks.iter().map(|(_, _, a)| *a).max().unwrap_or_else(Zero::zero);
			let frozen = T::Currency::balance_frozen(&FreezeReason::Vote.into(), &who);
			ensure!(frozen == max, "vote freeze differs from the largest vote lock");
			ensure!(
				max <= T::Currency::total_balance(&who),
				"a vote lock exceeds the voter's balance: frozen SCV left the account"
			);
		}
		for (who, sum) in proposal_deposits {
			let held = T::Currency::balance_on_hold(&HoldReason::ProposalDeposit.into(), &who);
			ensure!(held == sum, "held proposal deposits differ from the proposals'");
		}
		for (who, sum) in dao_deposits {
			let held = T::Currency::balance_on_hold(&HoldReason::DaoDeposit.into(), &who);
			ensure!(held == sum, "held DAO deposits differ from the DAOs'");
		}
		Ok(())
	}
}
