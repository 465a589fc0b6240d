//! Settlement: claims with the fee, shortfalls, overflow, batches, and direct payment.

use super::*;

#[test]
fn one_claim_settles_a_thousand_calls_with_the_fee() {
	run_test(|| {
		let id = open(alice(), 100_000);
		// 1,000 vouchers signed off-chain; only the last is submitted.
		let vouchers: Vec<_> = (1..=1_000u64).map(|u| (u, sign_sr(id, u))).collect();
		let (units, sig) = vouchers.last().cloned().unwrap();
		assert_ok!(Payments::claim(RuntimeOrigin::signed(provider()), id, units, sig));
		let amount = 1_000 * PRICE;
		let fee = Perbill::from_percent(2) * amount;
		assert_eq!(Balances::balance(&payee()), amount - fee);
		// The fee destination was endowed with the existential deposit at genesis.
		assert_eq!(Balances::balance(&FeeAccount::get()), 1 + fee);
		assert_eq!(escrowed(&alice()), 100_000 - amount);
		assert_eq!(
			last_event(),
			Event::Claimed { channel_id: id, units: 1_000, amount, fee, shortfall: 0 }.into()
		);
		assert_eq!(Pay::paid_to_service(&alice(), 0), amount);
		// Replaying an older (or the same) voucher fails.
		let (u500, s500) = vouchers[499].clone();
		assert_noop!(
			Payments::claim(RuntimeOrigin::signed(provider()), id, u500, s500),
			Error::<Test>::UnitsNotIncreasing
		);
		assert_noop!(
			Payments::claim(RuntimeOrigin::signed(provider()), id, units, sign_sr(id, units)),
			Error::<Test>::UnitsNotIncreasing
		);
		// The next voucher pays only the difference.
		assert_ok!(Payments::claim(
			RuntimeOrigin::signed(provider()),
			id,
			1_010,
			sign_sr(id, 1_010)
		));
		assert_eq!(Pay::paid_to_service(&alice(), 0), 1_010 * PRICE);
	});
}

#[test]
fn shortfall_pays_what_is_there() {
	run_test(|| {
		let id = open(alice(), 100);
		assert_ok!(Payments::claim(RuntimeOrigin::signed(provider()), id, 20, sign_sr(id, 20)));
		let fee = Perbill::from_percent(2) * 100;
		assert_eq!(
			last_event(),
			Event::Claimed {
				channel_id: id,
				units: 20,
				amount: 100,
				fee,
				shortfall: 20 * PRICE - 100
			}
			.into()
		);
		assert_eq!(escrowed(&alice()), 0);
		assert_eq!(Pallet::<Test>::channel(id).unwrap().claimed_units, 20);
	});
}

/// Service 1: priced at `u128::MAX / 2`, so that two units overflow.
fn huge_price_service() {
	MockServices::set(
		1,
		ServiceTerms {
			provider: provider(),
			payee: payee(),
			price_per_unit: u128::MAX / 2,
			available: true,
		},
	);
}

#[test]
fn units_times_price_overflow_is_an_error() {
	run_test(|| {
		huge_price_service();
		assert_ok!(Payments::open_channel(RuntimeOrigin::signed(alice()), 1, 1_000));
		let id = opened_id();
		assert_noop!(
			Payments::claim(RuntimeOrigin::signed(provider()), id, 3, sign_sr(id, 3)),
			Error::<Test>::Overflow
		);
		assert_noop!(Payments::pay(RuntimeOrigin::signed(alice()), 1, 3), Error::<Test>::Overflow);
	});
}

/// Found by the runtime fuzzer: claims settle the increment, so a channel's claimed units may
/// be worth more than a `u128` at its price (each increment was not). That is a valid state:
/// `try_state` (run after this test) must not call it a violation.
#[test]
fn claimed_units_worth_more_than_a_u128_are_a_valid_state() {
	run_test(|| {
		huge_price_service();
		assert_ok!(Payments::open_channel(RuntimeOrigin::signed(alice()), 1, 1_000));
		let id = opened_id();
		assert_ok!(Payments::claim(RuntimeOrigin::signed(provider()), id, 1, sign_sr(id, 1)));
		assert_ok!(Payments::claim(RuntimeOrigin::signed(provider()), id, 3, sign_sr(id, 3)));
		let channel = Pallet::<Test>::channel(id).unwrap();
		assert_eq!((channel.claimed_units, channel.paid), (3, 1_000));
		assert_ok!(Payments::do_try_state());
	});
}

#[test]
fn claim_batch_settles_each_on_its_own() {
	run_test(|| {
		let bob = account_of(consumer_ed().public());
		let a = open(alice(), 1_000);
		let b = open(bob, 1_000);
		let claims = vec![
			Claim { channel_id: a, cumulative_units: 3, signature: sign_sr(a, 3) },
			Claim {
				channel_id: b,
				cumulative_units: 2,
				signature: consumer_ed().sign(&Pay::voucher_payload(b, 2)).into(),
			},
			Claim { channel_id: b, cumulative_units: 9, signature: sign_sr(b, 9) },
		];
		assert_ok!(Payments::claim_batch(RuntimeOrigin::signed(provider()), claims));
		assert_eq!(Pallet::<Test>::channel(a).unwrap().claimed_units, 3);
		assert_eq!(Pallet::<Test>::channel(b).unwrap().claimed_units, 2);
		assert!(System::events().iter().any(|r| r.event
			== Event::ClaimFailed { channel_id: b, error: Error::<Test>::BadSignature.into() }
				.into()));
		let five = (1..=5).map(|u| Claim {
			channel_id: a,
			cumulative_units: 3 + u,
			signature: sign_sr(a, 3 + u),
		});
		assert_noop!(
			Payments::claim_batch(RuntimeOrigin::signed(provider()), five.collect()),
			Error::<Test>::BatchTooLarge
		);
	});
}

#[test]
fn direct_pay_uses_the_same_fee_rules() {
	run_test(|| {
		assert_ok!(Payments::pay(RuntimeOrigin::signed(alice()), 0, 100));
		let amount = 100 * PRICE;
		let fee = Perbill::from_percent(2) * amount;
		assert_eq!(
			last_event(),
			Event::Paid { consumer: alice(), service_id: 0, units: 100, amount, fee }.into()
		);
		assert_eq!(Balances::balance(&payee()), amount - fee);
		assert_eq!(Pay::paid_to_service(&alice(), 0), amount);
		assert_noop!(
			Payments::pay(RuntimeOrigin::signed(alice()), 0, 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Payments::pay(RuntimeOrigin::signed(alice()), 4, 1),
			Error::<Test>::UnknownService
		);
		assert_noop!(
			Payments::pay(RuntimeOrigin::signed(alice()), 0, u64::MAX / 8),
			Error::<Test>::InsufficientBalance
		);
		MockServices::set_available(0, false);
		assert_noop!(
			Payments::pay(RuntimeOrigin::signed(alice()), 0, 1),
			Error::<Test>::ServiceUnavailable
		);
	});
}
