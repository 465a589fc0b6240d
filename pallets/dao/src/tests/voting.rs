//! Token-weighted votes: freezes, unlocks, quorum of the issuance, the per-account cap.

use super::*;

#[test]
fn token_votes_freeze_the_largest_amount_and_unlock_after_the_end() {
	run_test(|| {
		assert_ok!(Dao::create_dao(signed(4), b"token".to_vec(), vec![(4, 1)], token_rules()));
		let dao = 1;
		let remark =
			|| Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![] }));
		// Anyone with 1,000 may propose in token mode; a poorer account may not.
		let a = propose(dao, 7, remark());
		let b = propose(dao, 8, remark());
		assert_ok!(Balances::transfer_allow_death(signed(9), 42, 999));
		assert_noop!(Dao::propose(signed(42), dao, remark(), vec![]), Error::<Test>::CannotPropose);

		assert_noop!(Dao::vote(signed(5), dao, a, true, None), Error::<Test>::BadVoteAmount);
		assert_noop!(Dao::vote(signed(5), dao, a, true, Some(0)), Error::<Test>::ZeroAmount);
		assert_noop!(
			Dao::vote(signed(5), dao, a, true, Some(INITIAL + 1)),
			Error::<Test>::InsufficientBalance
		);
		// One balance backs two proposals: the freeze is the larger amount.
		assert_ok!(Dao::vote(signed(5), dao, a, true, Some(300_000)));
		assert_ok!(Dao::vote(signed(5), dao, b, false, Some(500_000)));
		assert_eq!(frozen(5), 500_000);
		// Changing a vote counts it once, with the new amount.
		assert_ok!(Dao::vote(signed(5), dao, a, true, Some(200_000)));
		assert_eq!(
			Proposals::<Test>::get(dao, a).map(|p| p.tally),
			Some(Tally { ayes: 200_000, nays: 0, voters: 1 })
		);
		assert_eq!(frozen(5), 500_000);
		// Frozen funds cannot leave.
		assert_noop!(
			Balances::transfer_allow_death(signed(5), 9, INITIAL - 400_000),
			TokenError::Frozen
		);
		assert_noop!(Dao::unlock(signed(5), dao, a, 5), Error::<Test>::VotingOngoing);
		assert_noop!(Dao::unlock(signed(6), dao, a, 5), Error::<Test>::VotingOngoing);

		System::set_block_number(2 + PERIOD);
		// Issuance 10M + treasury: quorum 10% ≈ 1M. 200k turnout on `a`: expired.
		assert_ok!(Dao::close_proposal(signed(7), dao, a));
		assert!(has_event(Event::ProposalClosed {
			dao_id: dao,
			proposal_id: a,
			outcome: Outcome::Expired,
			tally: Tally { ayes: 200_000, nays: 0, voters: 1 },
			slashed: PROPOSAL_DEPOSIT,
		}));
		assert_ok!(Dao::unlock(signed(5), dao, b, 5));
		assert_eq!(frozen(5), 200_000);
		// Anyone may release an ended vote, removing its record.
		assert_ok!(Dao::unlock(signed(9), dao, a, 5));
		assert_eq!(frozen(5), 0);
		assert!(VoteLocks::<Test>::get(5).is_empty());
		assert_eq!(Votes::<Test>::iter_prefix((dao, a)).count(), 0);
		assert_noop!(Dao::unlock(signed(5), dao, a, 5), Error::<Test>::NoVoteLock);
	});
}

#[test]
fn token_vote_passes_with_quorum_of_issuance() {
	run_test(|| {
		assert_ok!(Dao::create_dao(signed(4), b"token".to_vec(), vec![(4, 1)], token_rules()));
		fund_treasury(1, 5_000);
		let id = propose(1, 4, spend_call(8, 5_000 - 1));
		// Quorum: 10% of ~10M issuance. 600k aye, 500k nay.
		assert_ok!(Dao::vote(signed(5), 1, id, true, Some(600_000)));
		assert_ok!(Dao::vote(signed(6), 1, id, false, Some(500_000)));
		System::set_block_number(2 + PERIOD);
		assert_ok!(Dao::close_proposal(signed(7), 1, id));
		System::set_block_number(2 + PERIOD + DELAY);
		let bound = Proposals::<Test>::get(1, id).expect("approved").call_weight;
		let before = Balances::balance(&8);
		assert_ok!(Dao::execute_proposal(signed(7), 1, id, bound));
		assert_eq!(Balances::balance(&8), before + 4_999);
		// Votes stay locked until each voter unlocks; the proposal is gone.
		assert_eq!(frozen(5), 600_000);
		assert_ok!(Dao::unlock(signed(5), 1, id, 5));
		assert_ok!(Dao::unlock(signed(5), 1, id, 6));
		assert_eq!((frozen(5), frozen(6)), (0, 0));
	});
}

#[test]
fn too_many_token_votes_per_account() {
	run_test(|| {
		assert_ok!(Dao::create_dao(signed(4), b"token".to_vec(), vec![(4, 1)], token_rules()));
		let remark =
			|| Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![] }));
		let ids: Vec<_> = [4, 4, 7, 7].into_iter().map(|who| propose(1, who, remark())).collect();
		for id in &ids[..3] {
			assert_ok!(Dao::vote(signed(5), 1, *id, true, Some(10)));
		}
		assert_noop!(Dao::vote(signed(5), 1, ids[3], true, Some(10)), Error::<Test>::TooManyVotes);
	});
}
