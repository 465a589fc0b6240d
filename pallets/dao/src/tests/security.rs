//! The attacker's tests of the security review (issue 14). Each one was written first against
//! the code that had the defect, failed there, and stays as a regression test.

use super::*;
use sp_runtime::BuildStorage;

fn remark() -> Box<RuntimeCall> {
	Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![] }))
}

/// A token-mode DAO (id 1) created by account 4.
fn token_dao() -> DaoId {
	assert_ok!(Dao::create_dao(signed(4), b"token".to_vec(), vec![(4, 1)], token_config()));
	1
}

fn total(who: AccountId) -> Balance {
	Balances::total_balance(&who)
}

fn closed_with(dao_id: DaoId, proposal_id: ProposalId) -> Option<Outcome> {
	System::events().into_iter().find_map(|r| match r.event {
		RuntimeEvent::Dao(Event::ProposalClosed { dao_id: d, proposal_id: p, outcome, .. })
			if d == dao_id && p == proposal_id =>
		{
			Some(outcome)
		},
		_ => None,
	})
}

// ------------------------------------------------- 1. frozen SCV never leaves through a slash

/// A proposer votes with everything it may, moves its free balance out (the held proposal
/// deposit satisfies the freeze), and the DAO slashes the deposit as spam. The slash may not
/// be blocked, but the vote may not go on counting SCV that left the account.
#[test]
fn a_slashed_proposal_deposit_does_not_leave_a_vote_counting_what_left() {
	run_test(|| {
		let dao = token_dao();
		let spam = propose(dao, 5, remark());
		let other = propose(dao, 6, remark());
		let free = Balances::balance(&5);
		assert_ok!(Dao::vote(signed(5), dao, other, true, Some(free)));
		// Whatever the freeze and the held deposit still let it move.
		let movable = <Balances as Inspect<_>>::reducible_balance(
			&5,
			frame_support::traits::tokens::Preservation::Preserve,
			frame_support::traits::tokens::Fortitude::Polite,
		);
		if movable > 0 {
			assert_ok!(Balances::transfer_allow_death(signed(5), 9, movable));
		}
		// The DAO cancels the spam proposal: the deposit goes to its treasury.
		assert_ok!(Dao::cancel_proposal(dao_origin(dao), dao, spam));
		assert!(has_event(Event::ProposalCancelled {
			dao_id: dao,
			proposal_id: spam,
			slashed: PROPOSAL_DEPOSIT
		}));
		// What 5 votes with is what it still has.
		for (_, _, amount) in VoteLocks::<Test>::get(5) {
			assert!(amount <= total(5), "a vote lock exceeds the voter's balance");
		}
		let tally = Proposals::<Test>::get(dao, other).expect("live").tally;
		assert!(tally.ayes <= total(5), "the vote counts SCV that left the account");
	});
}

// ------------------------------------------------------------ 2. proposal slots cannot be squatted

/// One account may not fill every live slot of a DAO.
#[test]
fn one_proposer_cannot_fill_every_live_proposal_slot() {
	run_test(|| {
		let dao = token_dao();
		let mut squatted = 0;
		while squatted < 10 && Dao::propose(signed(5), dao, remark(), vec![]).is_ok() {
			squatted += 1;
		}
		assert!(squatted < 4, "one proposer took all {squatted} live slots");
		assert_ok!(Dao::propose(signed(6), dao, remark(), vec![]));
	});
}

/// Junk costs its deposit: a proposal that expires without quorum or is rejected gives its
/// deposit to the DAO's treasury. Approved proposals and withdrawn ones get it back.
#[test]
fn expired_and_rejected_proposals_pay_their_deposit_to_the_treasury() {
	run_test(|| {
		let dao = token_dao();
		let treasury = Pallet::treasury_account(dao);
		let before = Balances::balance(&treasury);
		let junk = propose(dao, 5, remark());
		let rejected = propose(dao, 6, remark());
		let approved = propose(dao, 7, remark());
		// Both reach the quorum (10% of ~10M); one is rejected, one approved.
		assert_ok!(Dao::vote(signed(8), dao, rejected, false, Some(600_000)));
		assert_ok!(Dao::vote(signed(9), dao, rejected, true, Some(500_000)));
		assert_ok!(Dao::vote(signed(9), dao, approved, true, Some(600_000)));
		assert_ok!(Dao::vote(signed(8), dao, approved, false, Some(500_000)));
		System::set_block_number(2 + PERIOD);
		for id in [junk, rejected, approved] {
			assert_ok!(Dao::close_proposal(signed(10), dao, id));
		}
		assert_eq!(closed_with(dao, junk), Some(Outcome::Expired));
		assert_eq!(closed_with(dao, rejected), Some(Outcome::Rejected));
		assert_eq!(closed_with(dao, approved), Some(Outcome::Approved));
		assert_eq!(Balances::total_balance(&5), INITIAL - PROPOSAL_DEPOSIT);
		assert_eq!(Balances::total_balance(&6), INITIAL - PROPOSAL_DEPOSIT);
		assert_eq!(Balances::total_balance(&7), INITIAL);
		assert_eq!(Balances::balance(&treasury), before + 2 * PROPOSAL_DEPOSIT);
	});
}

// ------------------------------------------- 3. votes of removed members decide nothing

/// Member 1 votes aye and is removed; 2 votes aye, 3 nay. Counted with the removed member's
/// vote the proposal would pass (20 of 30); without it, it is rejected (10 of 20 < 60%).
#[test]
fn a_removed_members_vote_no_longer_counts() {
	run_test(|| {
		let id = propose(0, 2, remark());
		assert_ok!(Dao::vote(signed(1), 0, id, true, None));
		assert_ok!(Dao::remove_member(dao_origin(0), 1));
		assert_eq!(Proposals::<Test>::get(0, id).map(|p| p.tally), Some(Tally::default()));
		assert_ok!(Dao::vote(signed(2), 0, id, true, None));
		assert_ok!(Dao::vote(signed(3), 0, id, false, None));
		assert_ok!(Dao::close_proposal(signed(7), 0, id));
		assert_eq!(closed_with(0, id), Some(Outcome::Rejected));
	});
}

/// Member 1 votes aye with 10 shares, then the DAO cuts its shares to 1: its vote weighs 1.
#[test]
fn changed_shares_reweigh_a_cast_vote() {
	run_test(|| {
		let id = propose(0, 2, remark());
		assert_ok!(Dao::vote(signed(1), 0, id, true, None));
		assert_ok!(Dao::vote(signed(2), 0, id, true, None));
		assert_ok!(Dao::set_shares(dao_origin(0), 1, 1));
		assert_eq!(
			Proposals::<Test>::get(0, id).map(|p| p.tally),
			Some(Tally { ayes: 11, nays: 0, voters: 2 })
		);
		// 11 of 21 shares: member 3 can still reject it.
		assert_noop!(Dao::close_proposal(signed(7), 0, id), Error::<Test>::TooEarly);
		assert_ok!(Dao::vote(signed(3), 0, id, false, None));
		assert_ok!(Dao::close_proposal(signed(7), 0, id));
		assert_eq!(closed_with(0, id), Some(Outcome::Rejected));
	});
}

// --------------------------------------------------- 8. no state lives forever without a deposit

/// Share votes cast before the DAO switched to token voting are removed when the proposal is
/// decided, not stranded.
#[test]
fn share_votes_are_cleared_after_a_switch_to_token_voting() {
	run_test(|| {
		let id = propose(0, 1, remark());
		assert_ok!(Dao::vote(signed(1), 0, id, true, None));
		assert_ok!(Dao::vote(signed(2), 0, id, false, None));
		assert_ok!(Dao::update_config(dao_origin(0), token_config()));
		System::set_block_number(2 + PERIOD);
		assert_ok!(Dao::close_proposal(signed(7), 0, id));
		assert_eq!(Votes::<Test>::iter_prefix((0, id)).count(), 0, "stranded vote records");
	});
}

// ------------------------------------------------------------- 9. the protocol DAO must exist

#[test]
#[should_panic(expected = "protocol DAO")]
fn genesis_without_a_dao_fails() {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	crate::GenesisConfig::<Test> { params: None, daos: vec![] }
		.assimilate_storage(&mut storage)
		.unwrap();
}

// ------------------------------------------------------ 10. approved proposals expire

/// An approved proposal cannot be kept in reserve and executed whenever suits the executor.
#[test]
fn an_approved_proposal_expires() {
	run_test(|| {
		let id = propose(0, 1, remark());
		assert_ok!(Dao::vote(signed(1), 0, id, true, None));
		assert_ok!(Dao::vote(signed(2), 0, id, true, None));
		assert_ok!(Dao::close_proposal(signed(7), 0, id));
		let bound = Proposals::<Test>::get(0, id).expect("approved").call_weight;
		System::set_block_number(System::block_number() + 10_000);
		assert!(Dao::execute_proposal(signed(7), 0, id, bound).is_err());
	});
}
