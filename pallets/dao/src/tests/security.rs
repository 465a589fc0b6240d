//! The attacker's tests of the security review (issue 14). Each one was written first against
//! the code that had the defect, failed there, and stays as a regression test.

use super::*;
use sp_runtime::BuildStorage;

fn remark() -> Box<RuntimeCall> {
	Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![] }))
}

/// A token-mode DAO (id 1) created by account 4.
fn token_dao() -> DaoId {
	assert_ok!(Dao::create_dao(signed(4), b"token".to_vec(), vec![(4, 1)], token_rules()));
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
		assert_noop!(
			Dao::propose(signed(5), dao, remark(), vec![]),
			Error::<Test>::TooManyProposalsOfProposer
		);
		assert_ok!(Dao::propose(signed(6), dao, remark(), vec![]));
		// A decided proposal frees its proposer's slot.
		System::set_block_number(2 + PERIOD);
		assert_ok!(Dao::close_proposal(signed(7), dao, 0));
		assert_ok!(Dao::propose(signed(5), dao, remark(), vec![]));
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
		assert_ok!(Dao::update_rules(dao_origin(0), token_rules()));
		System::set_block_number(2 + PERIOD);
		assert_ok!(Dao::close_proposal(signed(7), 0, id));
		assert_eq!(Votes::<Test>::iter_prefix((0, id)).count(), 0, "stranded vote records");
	});
}

// ------------------------------------------------------------- 9. the protocol DAO must exist

#[test]
#[should_panic(expected = "has no members")]
fn genesis_with_a_protocol_dao_that_cannot_decide_fails() {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	crate::GenesisConfig::<Test> {
		params: None,
		daos: vec![GenesisDao { name: b"p".to_vec(), members: vec![], rules: shares_rules() }],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
}

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
		assert_noop!(
			Dao::execute_proposal(signed(7), 0, id, bound),
			Error::<Test>::ExecutionExpired
		);
		// Anyone removes it, freeing its slot.
		assert_ok!(Dao::close_proposal(signed(7), 0, id));
		assert!(has_event(Event::ProposalExpired { dao_id: 0, proposal_id: id }));
		assert_eq!(Daos::<Test>::get(0).map(|d| d.live_proposals), Some(0));
	});
}

/// The last block of the execution period still executes; the next does not.
#[test]
fn the_execution_period_boundaries() {
	run_test(|| {
		let id = propose(0, 1, remark());
		assert_ok!(Dao::vote(signed(1), 0, id, true, None));
		assert_ok!(Dao::vote(signed(2), 0, id, true, None));
		assert_ok!(Dao::close_proposal(signed(7), 0, id));
		let Some(ProposalStatus::Approved { executable_at, expires_at }) =
			Proposals::<Test>::get(0, id).map(|p| p.status)
		else {
			panic!("approved")
		};
		assert_eq!(expires_at, executable_at + EXECUTION_PERIOD);
		System::set_block_number(expires_at);
		assert_noop!(Dao::close_proposal(signed(7), 0, id), Error::<Test>::VotingClosed);
		let bound = Proposals::<Test>::get(0, id).expect("approved").call_weight;
		assert_ok!(Dao::execute_proposal(signed(7), 0, id, bound));
		let mut rules = shares_rules();
		rules.execution_period = 0;
		assert_noop!(Dao::update_rules(dao_origin(0), rules), Error::<Test>::InvalidRules);
	});
}

// --------------------------------------------- 8. ended token votes can be cleaned up by anyone

/// A 1-planck token vote leaves a record and a lock: once voting ended anyone removes both.
#[test]
fn anyone_removes_an_ended_token_vote() {
	run_test(|| {
		let dao = token_dao();
		let id = propose(dao, 5, remark());
		assert_ok!(Dao::vote(signed(6), dao, id, true, Some(1)));
		assert_noop!(Dao::unlock(signed(9), dao, id, 6), Error::<Test>::VotingOngoing);
		System::set_block_number(2 + PERIOD);
		assert_ok!(Dao::unlock(signed(9), dao, id, 6));
		assert!(Votes::<Test>::get((dao, id, 6)).is_none());
		assert!(VoteLocks::<Test>::get(6).is_empty());
		assert_eq!(frozen(6), 0);
	});
}

// ---------------------------------- 1. rebalance caps every vote of a slashed account

/// `VoteBacking::rebalance` caps each lock, the freeze, the vote records and open tallies.
#[test]
fn rebalance_caps_votes_at_what_the_account_holds() {
	use servicechain_primitives::VoteBacking;
	run_test(|| {
		let dao = token_dao();
		let a = propose(dao, 4, remark());
		let b = propose(dao, 7, remark());
		assert_ok!(Dao::vote(signed(5), dao, a, true, Some(600_000)));
		assert_ok!(Dao::vote(signed(5), dao, b, false, Some(300_000)));
		// Nothing to cap: nothing changes, no event.
		<Pallet as VoteBacking<AccountId>>::rebalance(&5);
		assert_eq!(frozen(5), 600_000);
		// A slash of held funds takes 600,000 from 5, leaving it 400,000.
		use frame_support::traits::{
			fungible::MutateHold,
			tokens::{Fortitude, Precision, Restriction},
		};
		let reason: RuntimeHoldReason = HoldReason::DaoDeposit.into();
		assert_ok!(Balances::hold(&reason, &5, 600_000));
		assert_ok!(Balances::transfer_on_hold(
			&reason,
			&5,
			&9,
			600_000,
			Precision::Exact,
			Restriction::Free,
			Fortitude::Force
		));
		assert_eq!(total(5), 400_000);
		<Pallet as VoteBacking<AccountId>>::rebalance(&5);
		assert_eq!(frozen(5), 400_000);
		assert_eq!(Proposals::<Test>::get(dao, a).map(|p| p.tally.ayes), Some(400_000));
		assert_eq!(Proposals::<Test>::get(dao, b).map(|p| p.tally.nays), Some(300_000));
		assert!(has_event(Event::VotesCapped { who: 5, cap: 400_000 }));
		assert!(<Pallet as VoteBacking<AccountId>>::rebalance_weight().ref_time() > 0);
	});
}

/// Every DAO costs its creator a deposit: governance cannot set it to zero.
#[test]
fn a_dao_always_costs_a_deposit() {
	run_test(|| {
		assert_noop!(
			Dao::set_parameters(RuntimeOrigin::root(), DaoParams { creation_deposit: 0 }),
			Error::<Test>::InvalidParameters
		);
		assert!(Pallet::default_params().creation_deposit > 0);
	});
}
