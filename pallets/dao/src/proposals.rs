//! Proposals: submitting, deciding, executing, expiring and cancelling.

use crate::{
	origin::DaoOrigin, BalanceOf, Config, DaoId, DaoOf, Daos, Error, Event, HoldReason,
	LiveProposalsOf, Members, Outcome, Pallet, Proposal, ProposalId, ProposalOf, ProposalStatus,
	Proposals, Tally, Votes, VotingMode, WeightInfo, Weighting,
};
use alloc::vec::Vec;
use codec::{DecodeLimit, Encode};
use frame_support::{
	dispatch::{GetDispatchInfo, PostDispatchInfo},
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, MutateHold},
		tokens::{Fortitude, Precision, Restriction},
	},
};
use sp_runtime::{traits::Zero, Saturating};

/// Nesting limit when decoding a stored call.
const CALL_DECODE_DEPTH: u32 = 64;

impl<T: Config> Pallet<T> {
	/// Submits a proposal; returns its id.
	///
	/// # Errors
	/// `CallTooLong`, `MetadataTooLong`, `UnknownDao`, `CannotPropose` (not a member; in token
	/// mode also below `min_proposer_balance`), `TooManyProposals` (the DAO is full),
	/// `TooManyProposalsOfProposer`, `Overflow`, `InsufficientDeposit`.
	pub(crate) fn do_propose(
		proposer: T::AccountId,
		dao_id: DaoId,
		call: <T as Config>::RuntimeCall,
		metadata: Vec<u8>,
	) -> Result<ProposalId, DispatchError> {
		let call_weight = call.get_dispatch_info().call_weight;
		let call: BoundedVec<u8, T::MaxCallLen> =
			call.encode().try_into().map_err(|_| Error::<T>::CallTooLong)?;
		let metadata: BoundedVec<u8, T::MaxMetadataLen> =
			metadata.try_into().map_err(|_| Error::<T>::MetadataTooLong)?;
		Daos::<T>::try_mutate(dao_id, |maybe| {
			let dao = maybe.as_mut().ok_or(Error::<T>::UnknownDao)?;
			ensure!(Self::may_propose(dao_id, dao, &proposer), Error::<T>::CannotPropose);
			ensure!(dao.live_proposals < T::MaxLiveProposals::get(), Error::<T>::TooManyProposals);
			let mine = LiveProposalsOf::<T>::get(dao_id, &proposer);
			ensure!(
				mine < T::MaxProposalsPerProposer::get(),
				Error::<T>::TooManyProposalsOfProposer
			);
			let proposal_id = dao.next_proposal_id;
			dao.next_proposal_id = proposal_id.checked_add(1).ok_or(Error::<T>::Overflow)?;
			dao.live_proposals = dao.live_proposals.saturating_add(1);
			let deposit = dao.rules.proposal_deposit;
			T::Currency::hold(&HoldReason::ProposalDeposit.into(), &proposer, deposit)
				.map_err(|_| Error::<T>::InsufficientDeposit)?;
			LiveProposalsOf::<T>::insert(dao_id, &proposer, mine.saturating_add(1));
			let voting_ends =
				frame_system::Pallet::<T>::block_number().saturating_add(dao.rules.voting_period);
			Proposals::<T>::insert(
				dao_id,
				proposal_id,
				Proposal {
					proposer: proposer.clone(),
					call,
					call_weight,
					metadata,
					deposit,
					voting_ends,
					weighting: Weighting::from(&dao.rules.voting_mode),
					tally: Tally::default(),
					status: ProposalStatus::Voting,
				},
			);
			Self::deposit_event(Event::Proposed { dao_id, proposal_id, proposer, voting_ends });
			Ok(proposal_id)
		})
	}

	/// Members may propose; in token mode so may anyone holding `min_proposer_balance`.
	fn may_propose(dao_id: DaoId, dao: &DaoOf<T>, who: &T::AccountId) -> bool {
		Members::<T>::contains_key(dao_id, who)
			|| match dao.rules.voting_mode {
				VotingMode::Shares => false,
				VotingMode::TokenWeighted { min_proposer_balance } => {
					T::Currency::balance(who) >= min_proposer_balance
				},
			}
	}

	/// The outcome of `proposal` if voting ended now.
	pub fn final_outcome(dao: &DaoOf<T>, proposal: &ProposalOf<T>) -> Outcome {
		let tally = &proposal.tally;
		let total = Self::total_weight(dao, proposal.weighting).max(tally.turnout());
		if tally.turnout() < dao.rules.quorum.mul_ceil(total) || tally.turnout().is_zero() {
			Outcome::Expired
		} else if tally.ayes >= dao.rules.approval_threshold.mul_ceil(tally.turnout()) {
			Outcome::Approved
		} else {
			Outcome::Rejected
		}
	}

	/// The outcome of `proposal` if the weight that has not voted cannot change it any more,
	/// given the votes cast so far (vote changes are possible until the proposal is closed).
	pub fn decided_outcome(dao: &DaoOf<T>, proposal: &ProposalOf<T>) -> Option<Outcome> {
		let tally = &proposal.tally;
		let total = Self::total_weight(dao, proposal.weighting).max(tally.turnout());
		let remaining = total.saturating_sub(tally.turnout());
		let needed = dao.rules.approval_threshold.mul_ceil(total);
		let quorum_met = tally.turnout() >= dao.rules.quorum.mul_ceil(total);
		if quorum_met && !tally.ayes.is_zero() && tally.ayes >= needed {
			// Even if everyone else votes nay, the ayes reach the threshold.
			Some(Outcome::Approved)
		} else if tally.ayes.saturating_add(remaining) < needed {
			// Even if everyone else votes aye, the threshold is out of reach.
			Some(Outcome::Rejected)
		} else {
			None
		}
	}

	/// Decides a proposal, or removes an approved one whose execution period has ended.
	///
	/// # Errors
	/// `UnknownDao`, `UnknownProposal`, `VotingClosed` (approved and still executable),
	/// `TooEarly` (voting goes on and the outcome can still change).
	pub(crate) fn do_close(dao_id: DaoId, proposal_id: ProposalId) -> DispatchResultWithPostInfo {
		let dao = Daos::<T>::get(dao_id).ok_or(Error::<T>::UnknownDao)?;
		let mut proposal =
			Proposals::<T>::get(dao_id, proposal_id).ok_or(Error::<T>::UnknownProposal)?;
		let now = frame_system::Pallet::<T>::block_number();
		if let ProposalStatus::Approved { expires_at, .. } = proposal.status {
			ensure!(now > expires_at, Error::<T>::VotingClosed);
			Self::remove_proposal(dao_id, proposal_id, &proposal.proposer);
			Self::deposit_event(Event::ProposalExpired { dao_id, proposal_id });
			return Ok(Some(T::WeightInfo::close_expired()).into());
		}
		let outcome = if now > proposal.voting_ends {
			Self::final_outcome(&dao, &proposal)
		} else {
			Self::decided_outcome(&dao, &proposal).ok_or(Error::<T>::TooEarly)?
		};
		let cleared = Self::clear_share_votes(&proposal, dao_id, proposal_id);
		let mut weight = T::WeightInfo::close_proposal(cleared);
		let slashed = if outcome == Outcome::Approved {
			Self::release_deposit(&proposal)?;
			let executable_at = now.saturating_add(dao.rules.enactment_delay);
			let expires_at = executable_at.saturating_add(dao.rules.execution_period);
			proposal.status = ProposalStatus::Approved { executable_at, expires_at };
			proposal.deposit = Zero::zero();
			Proposals::<T>::insert(dao_id, proposal_id, &proposal);
			Zero::zero()
		} else {
			let slashed = Self::slash_deposit(dao_id, &proposal)?;
			if !slashed.is_zero() {
				weight = weight.saturating_add(T::WeightInfo::rebalance());
			}
			Self::remove_proposal(dao_id, proposal_id, &proposal.proposer);
			slashed
		};
		Self::deposit_event(Event::ProposalClosed {
			dao_id,
			proposal_id,
			outcome,
			tally: proposal.tally,
			slashed,
		});
		Ok(Some(weight).into())
	}

	/// Executes an approved proposal once its delay passed and before it expires.
	///
	/// # Errors
	/// `UnknownProposal`, `NotApproved`, `EnactmentDelay`, `ExecutionExpired`,
	/// `WeightBoundTooLow`. The call's own failure is reported in `ProposalExecuted`.
	pub(crate) fn do_execute(
		dao_id: DaoId,
		proposal_id: ProposalId,
		weight_bound: Weight,
	) -> DispatchResultWithPostInfo {
		let proposal =
			Proposals::<T>::get(dao_id, proposal_id).ok_or(Error::<T>::UnknownProposal)?;
		let ProposalStatus::Approved { executable_at, expires_at } = proposal.status else {
			return Err(Error::<T>::NotApproved.into());
		};
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now >= executable_at, Error::<T>::EnactmentDelay);
		ensure!(now <= expires_at, Error::<T>::ExecutionExpired);
		let len = proposal.call.len() as u32;
		let decoded = <T as Config>::RuntimeCall::decode_all_with_depth_limit(
			CALL_DECODE_DEPTH,
			&mut &proposal.call[..],
		);
		if let Ok(call) = &decoded {
			let needed = call.get_dispatch_info().call_weight.max(proposal.call_weight);
			ensure!(needed.all_lte(weight_bound), Error::<T>::WeightBoundTooLow);
		}
		// Done either way from here: never executed twice.
		Self::remove_proposal(dao_id, proposal_id, &proposal.proposer);
		let base = T::WeightInfo::execute_proposal(len);
		let (result, used) = match decoded {
			Ok(call) => Self::dispatch_call(call, DaoOrigin::Dao(dao_id).into()),
			Err(_) => (Err(Error::<T>::UndecodableCall.into()), Weight::zero()),
		};
		Self::deposit_event(Event::ProposalExecuted { dao_id, proposal_id, result });
		Ok(PostDispatchInfo { actual_weight: Some(base.saturating_add(used)), pays_fee: Pays::Yes })
	}

	/// Cancels a proposal: `who` is the proposer (before any vote), `None` the DAO itself.
	///
	/// # Errors
	/// `UnknownDao`, `UnknownProposal`, `CannotCancel` (not the proposer, votes were cast, or
	/// approved already).
	pub(crate) fn do_cancel(
		who: Option<T::AccountId>,
		dao_id: DaoId,
		proposal_id: ProposalId,
	) -> DispatchResult {
		ensure!(Daos::<T>::contains_key(dao_id), Error::<T>::UnknownDao);
		let proposal =
			Proposals::<T>::get(dao_id, proposal_id).ok_or(Error::<T>::UnknownProposal)?;
		let slashed = match who {
			Some(who) => {
				ensure!(
					who == proposal.proposer
						&& proposal.tally.voters == 0
						&& proposal.status == ProposalStatus::Voting,
					Error::<T>::CannotCancel
				);
				Self::release_deposit(&proposal)?;
				Zero::zero()
			},
			None => Self::slash_deposit(dao_id, &proposal)?,
		};
		Self::clear_share_votes(&proposal, dao_id, proposal_id);
		Self::remove_proposal(dao_id, proposal_id, &proposal.proposer);
		Self::deposit_event(Event::ProposalCancelled { dao_id, proposal_id, slashed });
		Ok(())
	}

	/// Returns a proposal's deposit to its proposer.
	fn release_deposit(proposal: &ProposalOf<T>) -> DispatchResult {
		if !proposal.deposit.is_zero() {
			T::Currency::release(
				&HoldReason::ProposalDeposit.into(),
				&proposal.proposer,
				proposal.deposit,
				Precision::BestEffort,
			)?;
		}
		Ok(())
	}

	/// Moves a proposal's deposit to the DAO's treasury. A slash may not be blocked by the
	/// proposer's vote freezes (`Fortitude::Force`), so the proposer's votes are capped at
	/// what it still holds afterwards. Returns what was moved.
	fn slash_deposit(
		dao_id: DaoId,
		proposal: &ProposalOf<T>,
	) -> Result<BalanceOf<T>, DispatchError> {
		if proposal.deposit.is_zero() {
			return Ok(Zero::zero());
		}
		let slashed = T::Currency::transfer_on_hold(
			&HoldReason::ProposalDeposit.into(),
			&proposal.proposer,
			&Self::treasury_account(dao_id),
			proposal.deposit,
			Precision::BestEffort,
			Restriction::Free,
			Fortitude::Force,
		)?;
		Self::do_rebalance(&proposal.proposer);
		Ok(slashed)
	}

	/// Deletes a proposal; decrements the DAO's and the proposer's live counts.
	fn remove_proposal(dao_id: DaoId, proposal_id: ProposalId, proposer: &T::AccountId) {
		Proposals::<T>::remove(dao_id, proposal_id);
		Daos::<T>::mutate(dao_id, |maybe| {
			if let Some(dao) = maybe {
				dao.live_proposals = dao.live_proposals.saturating_sub(1);
			}
		});
		LiveProposalsOf::<T>::mutate_exists(dao_id, proposer, |count| {
			*count = count.map(|c| c.saturating_sub(1)).filter(|c| *c > 0);
		});
	}

	/// Share votes are done with once voting ends; token votes stay until they are unlocked.
	/// Returns how many records were removed (at most `MaxMembers`: only current members hold
	/// share votes).
	fn clear_share_votes(proposal: &ProposalOf<T>, dao_id: DaoId, proposal_id: ProposalId) -> u32 {
		match proposal.weighting {
			Weighting::Shares => {
				Votes::<T>::clear_prefix((dao_id, proposal_id), T::MaxMembers::get(), None).unique
			},
			Weighting::Tokens => 0,
		}
	}
}
