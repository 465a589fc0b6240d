//! The attacker's tests of the security review (issue 14). Each one was written first against
//! the code that had the defect, failed there, and stays as a regression test.

use super::*;
use frame_support::traits::{
	fungible::{InspectFreeze, MutateFreeze},
	tokens::{Fortitude, Preservation},
};

fn total(who: &AccountId) -> Balance {
	Balances::total_balance(who)
}

fn frozen(who: &AccountId) -> Balance {
	Balances::balance_frozen(&VOTE_FREEZE, who)
}

/// Moves out everything the freeze lets `who` move.
fn drain(who: &AccountId) {
	let movable = Balances::reducible_balance(who, Preservation::Preserve, Fortitude::Polite);
	if movable > 0 {
		assert_ok!(Balances::transfer_allow_death(
			RuntimeOrigin::signed(who.clone()),
			AccountId::from([0x77; 32]),
			movable
		));
	}
}

// --------------------------------------- 1. frozen SCV never reaches another account

/// A consumer whose balance is frozen for a vote funds a channel with the frozen SCV; the
/// provider claims it. SCV frozen for a vote must never reach another account.
#[test]
fn frozen_scv_cannot_fund_a_channel_that_pays_someone_else() {
	run_test(|| {
		let free = Balances::balance(&alice());
		assert_ok!(Balances::set_freeze(&VOTE_FREEZE, &alice(), free - 1_000));
		let deposit = 100_000;
		if Payments::open_channel(RuntimeOrigin::signed(alice()), 0, deposit).is_ok() {
			let units = deposit as u64 / PRICE as u64;
			assert_ok!(Payments::claim(
				RuntimeOrigin::signed(provider()),
				0,
				units,
				sign_sr(0, units)
			));
		}
		assert!(total(&alice()) >= frozen(&alice()), "frozen SCV left the account");
	});
}

/// A channel funded before the vote: the consumer freezes the rest of its balance and moves
/// out whatever the freeze lets it. The provider's claim is never blocked, and the frozen SCV
/// stays with the consumer.
#[test]
fn a_channel_funded_before_a_vote_is_always_claimable() {
	run_test(|| {
		let deposit = 100_000;
		let id = open(alice(), deposit);
		let free = Balances::balance(&alice());
		assert_ok!(Balances::set_freeze(&VOTE_FREEZE, &alice(), free));
		drain(&alice());
		let units = deposit as u64 / PRICE as u64;
		assert_ok!(Payments::claim(
			RuntimeOrigin::signed(provider()),
			id,
			units,
			sign_sr(id, units)
		));
		let amount = units as Balance * PRICE;
		assert_eq!(Balances::balance(&payee()), amount - Perbill::from_percent(2) * amount);
		assert!(total(&alice()) >= frozen(&alice()), "frozen SCV left the account");
	});
}

// ----------------------------------------------------------- 4. nobody pays itself

/// Paying one's own service moves nothing but would credit the ledger (and so buy ratings).
#[test]
fn provider_and_payee_cannot_pay_their_own_service() {
	run_test(|| {
		assert_ok!(Balances::transfer_allow_death(
			RuntimeOrigin::signed(provider()),
			payee(),
			INITIAL / 2
		));
		for who in [provider(), payee()] {
			assert!(Payments::pay(RuntimeOrigin::signed(who.clone()), 0, 10).is_err());
			assert!(Payments::open_channel(RuntimeOrigin::signed(who.clone()), 0, 1_000).is_err());
			assert_eq!(Pay::paid_to_service(&who, 0), 0);
		}
	});
}

// ------------------------------------------------------ 5. a batch pays for what it did

/// A batch is charged up front for its worst case; claims that failed early, or verified a
/// cheaper signature kind, are refunded.
#[test]
fn a_batch_refunds_what_it_did_not_use() {
	run_test(|| {
		let a = open(alice(), 1_000);
		let claims = vec![
			Claim { channel_id: a, cumulative_units: 3, signature: sign_sr(a, 3) },
			Claim { channel_id: 99, cumulative_units: 3, signature: sign_sr(99, 3) },
			Claim { channel_id: a, cumulative_units: 1, signature: sign_sr(a, 1) },
		];
		let charged = charged_unnamed(&claims);
		let post = Payments::claim_batch(RuntimeOrigin::signed(provider()), claims)
			.expect("a batch succeeds as a whole");
		let used = post.actual_weight.expect("the batch reports what it used");
		assert!(used.all_lte(charged));
		assert!(used.ref_time() < charged.ref_time(), "nothing refunded: {used:?} of {charged:?}");
	});
}

// ------------------------------------- 6. the settlement deadline is fixed at request time

/// Governance shortening the window after a close request does not let the consumer escape
/// vouchers it already signed.
#[test]
fn the_settlement_deadline_is_fixed_when_closing_is_requested() {
	run_test(|| {
		let id = open(alice(), 1_000);
		assert_ok!(Payments::request_close(RuntimeOrigin::signed(alice()), id));
		let mut params = Pay::params();
		params.settlement_window = 1;
		assert_ok!(Payments::set_parameters(RuntimeOrigin::root(), params));
		System::set_block_number(3);
		assert_noop!(
			Payments::finalize_close(RuntimeOrigin::signed(alice()), id),
			Error::<Test>::SettlementWindowOpen
		);
		assert_ok!(Payments::claim(RuntimeOrigin::signed(provider()), id, 10, sign_sr(id, 10)));
		System::set_block_number(1 + WINDOW);
		assert_ok!(Payments::finalize_close(RuntimeOrigin::signed(alice()), id));
	});
}

// ------------------------------------------ 8. no state lives forever without a deposit

/// A direct payment creates the payer's ledger entry: it carries a deposit.
#[test]
fn a_ledger_entry_carries_a_deposit() {
	run_test(|| {
		assert_eq!(Balances::total_balance_on_hold(&alice()), 0);
		assert_ok!(Payments::pay(RuntimeOrigin::signed(alice()), 0, 1));
		assert!(Balances::total_balance_on_hold(&alice()) > 0, "the ledger entry is free");
	});
}
