//! Votes, tallies, token-vote freezes, and keeping votes backed by what voters hold.

use crate::{
	BalanceOf, Config, DaoId, Daos, Error, Event, FreezeReason, Members, Pallet, ProposalId,
	ProposalStatus, Proposals, Shares, Tally, VoteLocks, VoteRecord, Votes, Weighting,
};
use frame_support::{
	pallet_prelude::*,
	traits::fungible::{Inspect, MutateFreeze},
};
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// Casts or changes a vote. Share-weighted proposals take members' shares; token-weighted
	/// ones freeze `amount` of the voter's free balance.
	///
	/// # Errors
	/// `UnknownDao`, `UnknownProposal`, `VotingClosed`, `NotMember`, `BadVoteAmount` (an amount
	/// on a share vote or none on a token vote), `ZeroAmount`, `InsufficientBalance`,
	/// `TooManyVotes`.
	pub(crate) fn do_vote(
		voter: T::AccountId,
		dao_id: DaoId,
		proposal_id: ProposalId,
		aye: bool,
		amount: Option<BalanceOf<T>>,
	) -> DispatchResult {
		ensure!(Daos::<T>::contains_key(dao_id), Error::<T>::UnknownDao);
		Proposals::<T>::try_mutate(dao_id, proposal_id, |maybe| {
			let proposal = maybe.as_mut().ok_or(Error::<T>::UnknownProposal)?;
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(
				proposal.status == ProposalStatus::Voting && now <= proposal.voting_ends,
				Error::<T>::VotingClosed
			);
			let (weight, frozen) = match (proposal.weighting, amount) {
				(Weighting::Shares, None) => {
					(Members::<T>::get(dao_id, &voter).ok_or(Error::<T>::NotMember)?, Zero::zero())
				},
				(Weighting::Tokens, Some(amount)) => {
					ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
					ensure!(
						amount <= T::Currency::balance(&voter),
						Error::<T>::InsufficientBalance
					);
					(Self::weight_of(amount), amount)
				},
				_ => return Err(Error::<T>::BadVoteAmount.into()),
			};
			let key = (dao_id, proposal_id, voter.clone());
			let previous = Votes::<T>::get(&key);
			let mut tally = proposal.tally;
			if let Some(old) = previous {
				Self::untally(&mut tally, &old);
			} else {
				tally.voters = tally.voters.saturating_add(1);
			}
			let record = VoteRecord { aye, weight, frozen };
			Self::tally_in(&mut tally, &record);
			proposal.tally = tally;
			if !frozen.is_zero() {
				Self::set_lock(&voter, dao_id, proposal_id, frozen)?;
			}
			Votes::<T>::insert(&key, record);
			Self::deposit_event(Event::Voted { dao_id, proposal_id, voter, aye, weight });
			Ok(())
		})
	}

	/// Adds a vote to a tally.
	pub(crate) fn tally_in(tally: &mut Tally, vote: &VoteRecord<BalanceOf<T>>) {
		if vote.aye {
			tally.ayes = tally.ayes.saturating_add(vote.weight);
		} else {
			tally.nays = tally.nays.saturating_add(vote.weight);
		}
	}

	/// Removes a vote from a tally (not the voter count).
	pub(crate) fn untally(tally: &mut Tally, vote: &VoteRecord<BalanceOf<T>>) {
		if vote.aye {
			tally.ayes = tally.ayes.saturating_sub(vote.weight);
		} else {
			tally.nays = tally.nays.saturating_sub(vote.weight);
		}
	}

	/// A member's shares changed (`Some`) or it left the DAO (`None`): its votes on the DAO's
	/// share-weighted proposals that are still open are re-weighed or removed, so only current
	/// members' current shares decide. Returns how many live proposals were examined (at most
	/// `MaxLiveProposals`).
	pub(crate) fn retally_member(dao_id: DaoId, who: &T::AccountId, shares: Option<Shares>) -> u32 {
		let ids: alloc::vec::Vec<ProposalId> = Proposals::<T>::iter_key_prefix(dao_id).collect();
		for proposal_id in &ids {
			let key = (dao_id, *proposal_id, who.clone());
			let Some(old) = Votes::<T>::get(&key) else { continue };
			Proposals::<T>::mutate(dao_id, proposal_id, |maybe| {
				let Some(proposal) = maybe else { return };
				if proposal.weighting != Weighting::Shares
					|| proposal.status != ProposalStatus::Voting
				{
					return;
				}
				Self::untally(&mut proposal.tally, &old);
				match shares {
					Some(weight) => {
						let new = VoteRecord { weight, ..old };
						Self::tally_in(&mut proposal.tally, &new);
						Votes::<T>::insert(&key, new);
					},
					None => {
						proposal.tally.voters = proposal.tally.voters.saturating_sub(1);
						Votes::<T>::remove(&key);
					},
				}
			});
		}
		ids.len() as u32
	}

	/// Records `amount` as the account's lock for a proposal and refreezes.
	fn set_lock(
		who: &T::AccountId,
		dao_id: DaoId,
		proposal_id: ProposalId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		VoteLocks::<T>::try_mutate(who, |locks| {
			match locks.iter_mut().find(|(d, p, _)| *d == dao_id && *p == proposal_id) {
				Some(lock) => lock.2 = amount,
				None => locks
					.try_push((dao_id, proposal_id, amount))
					.map_err(|_| Error::<T>::TooManyVotes)?,
			}
			Self::refreeze(who, locks)
		})
	}

	/// Sets the account's freeze to the largest of its locks.
	fn refreeze(who: &T::AccountId, locks: &[crate::VoteLock<BalanceOf<T>>]) -> DispatchResult {
		let max = locks.iter().map(|(_, _, a)| *a).max().unwrap_or_else(Zero::zero);
		T::Currency::set_freeze(&FreezeReason::Vote.into(), who, max)
	}

	/// Caps every vote of `who` at its total balance (after a slash took some of it): its
	/// locks, its freeze, its vote records and the tallies of proposals still voting.
	pub(crate) fn do_rebalance(who: &T::AccountId) {
		let cap = T::Currency::total_balance(who);
		let mut locks = VoteLocks::<T>::get(who);
		if locks.iter().all(|(_, _, amount)| *amount <= cap) {
			return;
		}
		for (dao_id, proposal_id, amount) in locks.iter_mut() {
			if *amount > cap {
				Self::cap_vote(*dao_id, *proposal_id, who, cap);
				*amount = cap;
			}
		}
		// Lowering an existing freeze cannot fail: its id is in use already.
		let _ = Self::refreeze(who, &locks);
		VoteLocks::<T>::insert(who, locks);
		Self::deposit_event(Event::VotesCapped { who: who.clone(), cap });
	}

	/// Caps one token vote at `cap`, and the tally with it while the proposal is voting.
	fn cap_vote(dao_id: DaoId, proposal_id: ProposalId, who: &T::AccountId, cap: BalanceOf<T>) {
		let key = (dao_id, proposal_id, who.clone());
		let Some(old) = Votes::<T>::get(&key) else { return };
		if old.frozen <= cap {
			return;
		}
		let new = VoteRecord { weight: Self::weight_of(cap), frozen: cap, ..old };
		Proposals::<T>::mutate(dao_id, proposal_id, |maybe| {
			if let Some(proposal) = maybe {
				if proposal.status == ProposalStatus::Voting {
					Self::untally(&mut proposal.tally, &old);
					Self::tally_in(&mut proposal.tally, &new);
				}
			}
		});
		Votes::<T>::insert(&key, new);
	}

	/// Releases a token vote's lock once the proposal's voting has ended.
	///
	/// # Errors
	/// `VotingOngoing`, `NoVoteLock`.
	pub(crate) fn do_unlock(
		who: T::AccountId,
		dao_id: DaoId,
		proposal_id: ProposalId,
	) -> DispatchResult {
		if let Some(proposal) = Proposals::<T>::get(dao_id, proposal_id) {
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(
				proposal.status != ProposalStatus::Voting || now > proposal.voting_ends,
				Error::<T>::VotingOngoing
			);
		}
		let frozen = VoteLocks::<T>::try_mutate_exists(&who, |maybe| {
			let mut locks = maybe.take().unwrap_or_default();
			let before = locks.len();
			locks.retain(|(d, p, _)| !(*d == dao_id && *p == proposal_id));
			ensure!(locks.len() < before, Error::<T>::NoVoteLock);
			Self::refreeze(&who, &locks)?;
			let frozen = locks.iter().map(|(_, _, a)| *a).max().unwrap_or_else(Zero::zero);
			*maybe = if locks.is_empty() { None } else { Some(locks) };
			Ok::<_, DispatchError>(frozen)
		})?;
		// Voting has ended: the record is no longer needed.
		Votes::<T>::remove((dao_id, proposal_id, &who));
		Self::deposit_event(Event::Unlocked { who, dao_id, proposal_id, frozen });
		Ok(())
	}
}
