//! The attacker's tests of the security review (issue 14). Each one was written first against
//! the code that had the defect, failed there, and stays as a regression test.

use super::*;
use frame_support::traits::{
	fungible::{InspectFreeze, MutateFreeze},
	tokens::{Fortitude, Preservation},
};

fn rate(who: AccountId, id: ServiceId, score: u8) -> sp_runtime::DispatchResult {
	Registry::rate_service(RuntimeOrigin::signed(who), id, score)
}

// ------------------------------------------------ 1. frozen SCV never reaches another account

/// A provider freezes its free balance for a vote, moves out what the freeze lets it (the held
/// service deposit satisfies the freeze), and a friend reaps the stale service for the reward.
/// SCV frozen for a vote must never reach another account.
#[test]
fn a_reap_reward_never_takes_frozen_funds() {
	run_test(|| {
		let id = register(ALICE, "x", &[]);
		let free = Balances::balance(&ALICE);
		assert_ok!(Balances::set_freeze(&VOTE_FREEZE, &ALICE, free));
		let movable =
			Balances::reducible_balance(&ALICE, Preservation::Preserve, Fortitude::Polite);
		if movable > 0 {
			assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(ALICE), 77, movable));
		}
		goto(2 + STALE_AFTER + REAP_AFTER);
		assert_ok!(Registry::reap_stale_service(RuntimeOrigin::signed(BOB), id));
		assert!(
			Balances::total_balance(&ALICE) >= Balances::balance_frozen(&VOTE_FREEZE, &ALICE),
			"frozen SCV reached the reaper"
		);
	});
}

// ----------------------------------------------------------------- 4. ratings cannot be bought

/// The provider, and the payee it names, may not rate their own service.
#[test]
fn provider_and_payee_cannot_rate_their_own_service() {
	run_test(|| {
		let mut with_payee = input("x", &[]);
		with_payee.beneficiary = Some(CHARLIE);
		let id = NextServiceId::<Test>::get();
		assert_ok!(Registry::register_service(RuntimeOrigin::signed(ALICE), with_payee));
		for who in [ALICE, CHARLIE] {
			MockPayments::pay(who, id, MIN_PAID_TO_RATE * 10);
			assert!(rate(who, id, 5).is_err(), "{who} rated its own service");
		}
		assert_eq!(info(id).average_rating_centi(), None);
	});
}

/// Sybil payers fill the rating list: a genuine payer can still rate.
#[test]
fn a_genuine_payer_is_never_locked_out() {
	run_test(|| {
		let id = register(ALICE, "x", &[]);
		for sybil in 100..150u64 {
			MockPayments::pay(sybil, id, MIN_PAID_TO_RATE);
			let _ = rate(sybil, id, 5);
		}
		MockPayments::pay(BOB, id, MIN_PAID_TO_RATE * 100);
		assert_ok!(rate(BOB, id, 1));
	});
}

/// A rating weighs what its rater paid: twenty Sybils at the minimum cannot outvote one payer
/// who paid a hundred times as much.
#[test]
fn a_ratings_influence_is_bounded_by_what_its_rater_paid() {
	run_test(|| {
		let id = register(ALICE, "x", &[]);
		for sybil in 100..110u64 {
			MockPayments::pay(sybil, id, MIN_PAID_TO_RATE);
			assert_ok!(rate(sybil, id, 5));
		}
		MockPayments::pay(BOB, id, MIN_PAID_TO_RATE * 100);
		assert_ok!(rate(BOB, id, 1));
		// (10 × 5 + 100 × 1) / 110 ≈ 1.36
		let average = info(id).average_rating_centi().expect("rated");
		assert!(average < 150, "ten minimal Sybils moved the average to {average}");
	});
}

/// A slash is not blocked by the provider's freezes; the voting pallet is then told to cap the
/// provider's votes at what it still holds.
#[test]
fn a_slash_goes_through_and_asks_the_voting_pallet_to_cap_votes() {
	run_test(|| {
		let id = register(ALICE, "x", &[]);
		let deposit = info(id).deposit;
		let free = Balances::balance(&ALICE);
		assert_ok!(Balances::set_freeze(&VOTE_FREEZE, &ALICE, free));
		let movable =
			Balances::reducible_balance(&ALICE, Preservation::Preserve, Fortitude::Polite);
		assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(ALICE), 77, movable));
		assert_ok!(Registry::slash_service(RuntimeOrigin::root(), id, deposit, Default::default()));
		assert_eq!(Balances::balance(&TREASURY), deposit);
		assert_eq!(MockVoteBacking::rebalanced(), vec![ALICE]);
	});
}

/// The reward is paid in full when nothing is frozen.
#[test]
fn a_reap_reward_is_paid_in_full_without_freezes() {
	run_test(|| {
		let id = register(ALICE, "x", &[]);
		let deposit = info(id).deposit;
		goto(2 + STALE_AFTER + REAP_AFTER);
		let before = Balances::balance(&BOB);
		assert_ok!(Registry::reap_stale_service(RuntimeOrigin::signed(BOB), id));
		assert_eq!(Balances::balance(&BOB), before + Perbill::from_percent(10) * deposit);
	});
}

/// Every service carries a deposit: governance cannot set the base deposit to zero.
#[test]
fn a_service_always_carries_a_deposit() {
	run_test(|| {
		let mut params = test_params();
		params.base_deposit = 0;
		assert_noop!(
			Registry::set_parameters(RuntimeOrigin::root(), params),
			Error::<Test>::InvalidParameters
		);
		assert!(Reg::default_params().base_deposit > 0);
	});
}
