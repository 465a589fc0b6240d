//! Proposals: share votes, quorum and threshold, early decisions, errors, cancelling, execution and its weight.

use super::*;

#[test]
fn share_vote_passes_early_and_executes_a_treasury_spend_once() {
	run_test(|| {
		fund_treasury(0, 10_000);
		let id = propose(0, 1, spend_call(8, 3_000));
		assert_eq!(held(HoldReason::ProposalDeposit, 1), PROPOSAL_DEPOSIT);
		assert_ok!(Dao::vote(signed(1), 0, id, true, None));
		// 10 of 30 shares: the outcome is still open.
		assert_noop!(Dao::close_proposal(signed(7), 0, id), Error::<Test>::TooEarly);
		assert_ok!(Dao::vote(signed(2), 0, id, true, None));
		// 20 ayes ≥ 60% of 30 whatever member 3 does: decided.
		assert_ok!(Dao::close_proposal(signed(7), 0, id));
		assert!(has_event(Event::ProposalClosed {
			dao_id: 0,
			proposal_id: id,
			outcome: Outcome::Approved,
			tally: Tally { ayes: 20, nays: 0, voters: 2 },
			slashed: 0,
		}));
		assert_eq!(held(HoldReason::ProposalDeposit, 1), 0);
		assert_noop!(Dao::vote(signed(3), 0, id, false, None), Error::<Test>::VotingClosed);
		assert_noop!(Dao::close_proposal(signed(7), 0, id), Error::<Test>::VotingClosed);

		let bound = Proposals::<Test>::get(0, id).expect("queued").call_weight;
		assert_noop!(Dao::execute_proposal(signed(7), 0, id, bound), Error::<Test>::EnactmentDelay);
		System::set_block_number(1 + DELAY);
		let before = Balances::balance(&8);
		assert_ok!(Dao::execute_proposal(signed(7), 0, id, bound));
		assert_eq!(Balances::balance(&8), before + 3_000);
		assert!(has_event(Event::ProposalExecuted { dao_id: 0, proposal_id: id, result: Ok(()) }));
		assert_noop!(
			Dao::execute_proposal(signed(7), 0, id, bound),
			Error::<Test>::UnknownProposal
		);
		assert_eq!(Daos::<Test>::get(0).map(|d| d.live_proposals), Some(0));
	});
}

#[test]
fn a_failing_call_is_reported_and_not_retried() {
	run_test(|| {
		let id = propose(0, 1, spend_call(8, 1_000_000_000));
		pass_and_execute(id);
		assert!(has_event(Event::ProposalExecuted {
			dao_id: 0,
			proposal_id: id,
			result: Err(Error::<Test>::InsufficientTreasury.into()),
		}));
		assert!(Proposals::<Test>::get(0, id).is_none());
	});
}

#[test]
fn quorum_and_threshold_boundaries() {
	run_test(|| {
		// Quorum 50% of 100, threshold 60%.
		assert_ok!(Dao::create_dao(
			signed(4),
			b"b".to_vec(),
			vec![(4, 60), (5, 40), (6, 1)],
			shares_rules()
		));
		let dao = 1;
		let votes = |p: ProposalId, ayes: &[AccountId], nays: &[AccountId]| {
			for a in ayes {
				assert_ok!(Dao::vote(signed(*a), dao, p, true, None));
			}
			for n in nays {
				assert_ok!(Dao::vote(signed(*n), dao, p, false, None));
			}
		};
		let call = || Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![] }));
		let p0 = propose(dao, 4, call()); // 60 aye / 40 nay: exactly 60% → approved
		let p1 = propose(dao, 5, call()); // 40 aye / 60 nay → rejected
		let p2 = propose(dao, 6, call()); // 40 aye alone: turnout 40 < quorum 51 → expired
		let p3 = propose(dao, 4, call()); // nobody votes → expired
		votes(p0, &[4], &[5]);
		votes(p1, &[5], &[4]);
		votes(p2, &[5], &[]);
		System::set_block_number(1 + PERIOD);
		assert_noop!(Dao::close_proposal(signed(7), dao, p3), Error::<Test>::TooEarly);
		System::set_block_number(2 + PERIOD);
		for (p, outcome) in [
			(p0, Outcome::Approved),
			(p1, Outcome::Rejected),
			(p2, Outcome::Expired),
			(p3, Outcome::Expired),
		] {
			assert_ok!(Dao::close_proposal(signed(7), dao, p));
			let closed = System::events().into_iter().rev().find_map(|r| match r.event {
				RuntimeEvent::Dao(Event::ProposalClosed { outcome, .. }) => Some(outcome),
				_ => None,
			});
			assert_eq!(closed, Some(outcome), "proposal {p}");
		}
		// Rejected and expired proposals are gone and their deposits in the treasury; the
		// approved one's deposit was returned.
		assert_eq!(Daos::<Test>::get(dao).map(|d| d.live_proposals), Some(1));
		assert_eq!(held(HoldReason::ProposalDeposit, 4), 0);
		assert_eq!(Balances::balance(&Pallet::treasury_account(dao)), 1 + 3 * PROPOSAL_DEPOSIT);
	});
}

#[test]
fn early_rejection_and_vote_changes() {
	run_test(|| {
		let id = propose(0, 1, spend_call(8, 1));
		assert_ok!(Dao::vote(signed(1), 0, id, true, None));
		assert_ok!(Dao::vote(signed(1), 0, id, false, None));
		let tally = Proposals::<Test>::get(0, id).map(|p| p.tally);
		assert_eq!(tally, Some(Tally { ayes: 0, nays: 10, voters: 1 }));
		// 10 nays: 20 ayes could still reach 18 of 30.
		assert_noop!(Dao::close_proposal(signed(7), 0, id), Error::<Test>::TooEarly);
		assert_ok!(Dao::vote(signed(2), 0, id, false, None));
		// 20 nays: at most 10 ayes < 18, decided.
		assert_ok!(Dao::close_proposal(signed(7), 0, id));
		assert!(has_event(Event::ProposalClosed {
			dao_id: 0,
			proposal_id: id,
			outcome: Outcome::Rejected,
			tally: Tally { ayes: 0, nays: 20, voters: 2 },
			slashed: PROPOSAL_DEPOSIT,
		}));
	});
}

#[test]
fn proposal_and_vote_errors() {
	run_test(|| {
		let remark = |n: usize| {
			Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![0; n] }))
		};
		assert_noop!(Dao::propose(signed(7), 0, remark(1), vec![]), Error::<Test>::CannotPropose);
		assert_noop!(Dao::propose(signed(1), 9, remark(1), vec![]), Error::<Test>::UnknownDao);
		assert_noop!(Dao::propose(signed(1), 0, remark(300), vec![]), Error::<Test>::CallTooLong);
		assert_noop!(
			Dao::propose(signed(1), 0, remark(1), vec![0; 65]),
			Error::<Test>::MetadataTooLong
		);
		for who in [1, 1, 2, 2] {
			propose(0, who, remark(1));
		}
		assert_noop!(
			Dao::propose(signed(3), 0, remark(1), vec![]),
			Error::<Test>::TooManyProposals
		);
		assert_noop!(Dao::vote(signed(7), 0, 0, true, None), Error::<Test>::NotMember);
		assert_noop!(Dao::vote(signed(1), 0, 0, true, Some(5)), Error::<Test>::BadVoteAmount);
		assert_noop!(Dao::vote(signed(1), 0, 99, true, None), Error::<Test>::UnknownProposal);
		assert_noop!(Dao::vote(signed(1), 9, 0, true, None), Error::<Test>::UnknownDao);
		assert_noop!(Dao::close_proposal(signed(1), 0, 99), Error::<Test>::UnknownProposal);
		assert_noop!(
			Dao::execute_proposal(signed(1), 0, 0, Weight::MAX),
			Error::<Test>::NotApproved
		);
		System::set_block_number(2 + PERIOD);
		assert_noop!(Dao::vote(signed(1), 0, 0, true, None), Error::<Test>::VotingClosed);
		// A proposer without funds for the deposit.
		assert_ok!(Dao::add_member(dao_origin(0), 42, 1));
		assert_ok!(Dao::close_proposal(signed(1), 0, 0));
		assert_noop!(
			Dao::propose(signed(42), 0, remark(1), vec![]),
			Error::<Test>::InsufficientDeposit
		);
	});
}

#[test]
fn cancel_by_proposer_or_by_the_dao_as_spam() {
	run_test(|| {
		let remark =
			|| Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![] }));
		let a = propose(0, 1, remark());
		assert_noop!(Dao::cancel_proposal(signed(2), 0, a), Error::<Test>::CannotCancel);
		assert_ok!(Dao::cancel_proposal(signed(1), 0, a));
		assert_eq!(held(HoldReason::ProposalDeposit, 1), 0);
		assert_eq!(Balances::balance(&1), INITIAL);

		let spam = propose(0, 2, remark());
		assert_ok!(Dao::vote(signed(3), 0, spam, false, None));
		assert_noop!(Dao::cancel_proposal(signed(2), 0, spam), Error::<Test>::CannotCancel);
		// The DAO cancels it by a proposal of its own: the deposit goes to its treasury.
		let cancel = propose(
			0,
			1,
			Box::new(RuntimeCall::Dao(crate::Call::cancel_proposal {
				dao_id: 0,
				proposal_id: spam,
			})),
		);
		pass_and_execute(cancel);
		assert!(has_event(Event::ProposalCancelled {
			dao_id: 0,
			proposal_id: spam,
			slashed: PROPOSAL_DEPOSIT
		}));
		assert_eq!(Balances::balance(&Pallet::treasury_account(0)), 1 + PROPOSAL_DEPOSIT);
		assert_eq!(Balances::balance(&2), INITIAL - PROPOSAL_DEPOSIT);
		assert_noop!(Dao::cancel_proposal(signed(1), 0, 77), Error::<Test>::UnknownProposal);
	});
}

#[test]
fn execute_charges_the_call_weight_and_needs_a_bound() {
	run_test(|| {
		let call = RuntimeCall::System(frame_system::Call::remark { remark: vec![1; 10] });
		let weight = call.get_dispatch_info().call_weight;
		assert!(weight.ref_time() > 0);
		let len = codec::Encode::encoded_size(&call) as u32;
		let id = propose(0, 1, Box::new(call));
		assert_eq!(Proposals::<Test>::get(0, id).map(|p| p.call_weight), Some(weight));
		assert_ok!(Dao::vote(signed(1), 0, id, true, None));
		assert_ok!(Dao::vote(signed(2), 0, id, true, None));
		assert_ok!(Dao::close_proposal(signed(7), 0, id));
		System::set_block_number(1 + DELAY);
		assert_noop!(
			Dao::execute_proposal(
				signed(7),
				0,
				id,
				weight.saturating_sub(Weight::from_parts(1, 0))
			),
			Error::<Test>::WeightBoundTooLow
		);
		let post =
			Dao::execute_proposal(signed(7), 0, id, weight.saturating_mul(2)).expect("executes");
		// Charged the base plus what the call used, not the bound.
		assert_eq!(
			post.actual_weight,
			Some(<() as WeightInfo>::execute_proposal(len).saturating_add(weight))
		);
	});
}
