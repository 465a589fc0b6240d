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
		let movable = Balances::reducible_balance(&ALICE, Preservation::Preserve, Fortitude::Polite);
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
