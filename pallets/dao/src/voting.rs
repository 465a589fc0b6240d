//! Votes, tallies and token-vote freezes.

use crate::{
	BalanceOf, Config, DaoId, Daos, Error, Event, FreezeReason, Members, Pallet, ProposalId,
	ProposalStatus, Proposals, Tally, VoteLocks, VoteRecord, Votes, VotingMode,
};
use frame_support::{
	pallet_prelude::*,
	traits::fungible::{Inspect, MutateFreeze},
};
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// Casts or changes a vote.
	pub(crate) fn do_vote(
		voter: T::AccountId,
		dao_id: DaoId,
		proposal_id: ProposalId,
		aye: bool,
		amount: Option<BalanceOf<T>>,
	) -> DispatchResult {
		let dao = Daos::<T>::get(dao_id).ok_or(Error::<T>::UnknownDao)?;
		Proposals::<T>::try_mutate(dao_id, proposal_id, |maybe| {
			let proposal = maybe.as_mut().ok_or(Error::<T>::UnknownProposal)?;
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(
				proposal.status == ProposalStatus::Voting && now <= proposal.voting_ends,
				Error::<T>::VotingClosed
			);
			let (weight, frozen) = match (dao.config.voting_mode, amount) {
				(VotingMode::Shares, None) => {
					(Members::<T>::get(dao_id, &voter).ok_or(Error::<T>::NotMember)?, Zero::zero())
				},
				(VotingMode::TokenWeighted { .. }, Some(amount)) => {
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
	fn tally_in(tally: &mut Tally, vote: &VoteRecord<BalanceOf<T>>) {
		if vote.aye {
			tally.ayes = tally.ayes.saturating_add(vote.weight);
		} else {
			tally.nays = tally.nays.saturating_add(vote.weight);
		}
	}

	/// Removes a vote from a tally (not the voter count).
	fn untally(tally: &mut Tally, vote: &VoteRecord<BalanceOf<T>>) {
		if vote.aye {
			tally.ayes = tally.ayes.saturating_sub(vote.weight);
		} else {
			tally.nays = tally.nays.saturating_sub(vote.weight);
		}
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

	/// Releases a token vote's lock once the proposal's voting has ended.
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
