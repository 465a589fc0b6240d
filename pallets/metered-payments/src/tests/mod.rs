//! Tests of metered payments. Every test ends with `do_try_state` and an issuance check.

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use servicechain_primitives::{PaymentInspect, ServiceTerms};
use sp_core::Pair;
use sp_runtime::{DispatchError, MultiSignature, Perbill};

type Pay = crate::Pallet<Test>;

mod migration;
mod security;

fn alice() -> AccountId {
	account_of(consumer_sr().public())
}

fn sign_sr(channel: ChannelId, units: u64) -> MultiSignature {
	consumer_sr().sign(&Pay::voucher_payload(channel, units)).into()
}

fn open(who: AccountId, deposit: Balance) -> ChannelId {
	let id = NextChannelId::<Test>::get();
	assert_ok!(Payments::open_channel(RuntimeOrigin::signed(who), 0, deposit));
	id
}

/// What `who`'s channels hold in escrow.
fn escrowed(who: &AccountId) -> Balance {
	Channels::<Test>::iter_values().filter(|c| &c.consumer == who).map(|c| c.deposit).sum()
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("event").event
}

#[test]
fn voucher_payload_is_the_documented_71_bytes() {
	run_test(|| {
		let p = Pay::voucher_payload(5, 1_000);
		assert_eq!(&p[..23], b"servicechain/voucher/v1");
		assert_eq!(&p[23..55], &[0x42; 32]);
		assert_eq!(&p[55..63], &5u64.to_le_bytes());
		assert_eq!(&p[63..71], &1_000u64.to_le_bytes());
	});
}

#[test]
fn open_escrows_the_deposit_and_locks_the_price() {
	run_test(|| {
		let id = open(alice(), 1_000);
		assert_eq!(escrowed(&alice()), 1_000);
		// The deposit left the consumer's account for the escrow; its first channel to the
		// service also made its ledger entry, whose deposit is held.
		assert_eq!(Balances::balance(&Pay::escrow_account()), 1 + 1_000);
		assert_eq!(Balances::total_balance(&alice()), INITIAL - 1_000);
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::PaymentRecord.into(), &alice()),
			RECORD_DEPOSIT
		);
		let ch = Channels::<Test>::get(id).unwrap();
		assert_eq!(
			(ch.price_per_unit, ch.provider, ch.payee.clone()),
			(PRICE, provider(), payee())
		);
		assert_eq!(
			last_event(),
			Event::ChannelOpened {
				channel_id: id,
				consumer: alice(),
				service_id: 0,
				deposit: 1_000,
				price_per_unit: PRICE
			}
			.into()
		);
		// The provider raises the price: the open channel keeps the old one.
		MockServices::set_price(0, PRICE * 10);
		assert_ok!(Payments::claim(RuntimeOrigin::signed(provider()), id, 10, sign_sr(id, 10)));
		assert_eq!(
			Balances::balance(&payee()),
			10 * PRICE - Perbill::from_percent(2) * (10 * PRICE)
		);
	});
}

#[test]
fn open_errors() {
	run_test(|| {
		let o = || RuntimeOrigin::signed(alice());
		assert_noop!(Payments::open_channel(o(), 0, MIN_DEPOSIT - 1), Error::<Test>::DepositTooLow);
		assert_noop!(Payments::open_channel(o(), 9, MIN_DEPOSIT), Error::<Test>::UnknownService);
		MockServices::set_available(0, false);
		assert_noop!(
			Payments::open_channel(o(), 0, MIN_DEPOSIT),
			Error::<Test>::ServiceUnavailable
		);
		MockServices::set_available(0, true);
		assert_noop!(
			Payments::open_channel(o(), 0, INITIAL * 2),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(
			Payments::open_channel(RuntimeOrigin::root(), 0, MIN_DEPOSIT),
			DispatchError::BadOrigin
		);
	});
}

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
fn ed25519_ecdsa_and_bytes_wrapped_vouchers_verify() {
	run_test(|| {
		let bob = account_of(consumer_ed().public());
		let charlie = account_of(consumer_ecdsa().public());
		let b = open(bob.clone(), 1_000);
		let c = open(charlie.clone(), 1_000);
		let ed: MultiSignature = consumer_ed().sign(&Pay::voucher_payload(b, 3)).into();
		assert_ok!(Payments::claim(RuntimeOrigin::signed(provider()), b, 3, ed));
		let ec: MultiSignature = consumer_ecdsa().sign(&Pay::voucher_payload(c, 4)).into();
		assert_ok!(Payments::claim(RuntimeOrigin::signed(provider()), c, 4, ec));
		let a = open(alice(), 1_000);
		let wrapped = crate::wrapped_payload(&Pay::voucher_payload(a, 5));
		let sig: MultiSignature = consumer_sr().sign(&wrapped).into();
		assert_ok!(Payments::claim(RuntimeOrigin::signed(provider()), a, 5, sig));
		assert_eq!(Pay::paid_to_service(&charlie, 0), 4 * PRICE);
	});
}

#[test]
fn replays_across_channels_and_chains_and_forgeries_fail() {
	run_test(|| {
		let a = open(alice(), 1_000);
		let b = open(alice(), 1_000);
		// A voucher for channel `a` does not pay channel `b`.
		assert_noop!(
			Payments::claim(RuntimeOrigin::signed(provider()), b, 10, sign_sr(a, 10)),
			Error::<Test>::BadSignature
		);
		// A voucher for another chain (genesis hash) fails.
		let other = crate::voucher_payload(sp_core::H256::repeat_byte(1), a, 10);
		let sig: MultiSignature = consumer_sr().sign(&other).into();
		assert_noop!(
			Payments::claim(RuntimeOrigin::signed(provider()), a, 10, sig),
			Error::<Test>::BadSignature
		);
		// Signed by someone else, or for other units.
		let forged: MultiSignature = consumer_ed().sign(&Pay::voucher_payload(a, 10)).into();
		assert_noop!(
			Payments::claim(RuntimeOrigin::signed(provider()), a, 10, forged),
			Error::<Test>::BadSignature
		);
		assert_noop!(
			Payments::claim(RuntimeOrigin::signed(provider()), a, 11, sign_sr(a, 10)),
			Error::<Test>::BadSignature
		);
		assert_noop!(
			Payments::claim(RuntimeOrigin::signed(provider()), 77, 1, sign_sr(77, 1)),
			Error::<Test>::UnknownChannel
		);
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
		assert_eq!(Channels::<Test>::get(id).unwrap().claimed_units, 20);
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
		assert_noop!(
			Payments::claim(RuntimeOrigin::signed(provider()), 0, 3, sign_sr(0, 3)),
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
		assert_ok!(Payments::claim(RuntimeOrigin::signed(provider()), 0, 1, sign_sr(0, 1)));
		assert_ok!(Payments::claim(RuntimeOrigin::signed(provider()), 0, 3, sign_sr(0, 3)));
		let channel = Channels::<Test>::get(0).unwrap();
		assert_eq!((channel.claimed_units, channel.paid), (3, 1_000));
		assert_ok!(Payments::do_try_state());
	});
}

#[test]
fn top_up_and_its_errors() {
	run_test(|| {
		let id = open(alice(), 100);
		assert_ok!(Payments::top_up(RuntimeOrigin::signed(alice()), id, 50));
		assert_eq!(
			last_event(),
			Event::ChannelToppedUp { channel_id: id, amount: 50, deposit: 150 }.into()
		);
		assert_eq!(escrowed(&alice()), 150);
		assert_noop!(
			Payments::top_up(RuntimeOrigin::signed(provider()), id, 5),
			Error::<Test>::NotConsumer
		);
		assert_noop!(
			Payments::top_up(RuntimeOrigin::signed(alice()), 9, 5),
			Error::<Test>::UnknownChannel
		);
		assert_noop!(
			Payments::top_up(RuntimeOrigin::signed(alice()), id, 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Payments::top_up(RuntimeOrigin::signed(alice()), id, INITIAL),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn request_close_then_finalize_after_the_window() {
	run_test(|| {
		let id = open(alice(), 1_000);
		assert_noop!(
			Payments::finalize_close(RuntimeOrigin::signed(alice()), id),
			Error::<Test>::NotClosing
		);
		assert_noop!(
			Payments::request_close(RuntimeOrigin::signed(provider()), id),
			Error::<Test>::NotConsumer
		);
		assert_ok!(Payments::request_close(RuntimeOrigin::signed(alice()), id));
		assert_eq!(
			last_event(),
			Event::CloseRequested { channel_id: id, settle_until: 1 + WINDOW }.into()
		);
		assert_noop!(
			Payments::request_close(RuntimeOrigin::signed(alice()), id),
			Error::<Test>::AlreadyClosing
		);
		assert_noop!(
			Payments::top_up(RuntimeOrigin::signed(alice()), id, 5),
			Error::<Test>::AlreadyClosing
		);
		// The provider can still claim during the window.
		System::set_block_number(WINDOW);
		assert_ok!(Payments::claim(RuntimeOrigin::signed(provider()), id, 10, sign_sr(id, 10)));
		assert_noop!(
			Payments::finalize_close(RuntimeOrigin::signed(alice()), id),
			Error::<Test>::SettlementWindowOpen
		);
		System::set_block_number(1 + WINDOW);
		// From `settle_until` on, the window is over: no more claims, the consumer finalizes.
		assert_noop!(
			Payments::claim(RuntimeOrigin::signed(provider()), id, 20, sign_sr(id, 20)),
			Error::<Test>::SettlementWindowClosed
		);
		let before = Balances::balance(&alice());
		assert_ok!(Payments::finalize_close(RuntimeOrigin::signed(alice()), id));
		assert_eq!(
			last_event(),
			Event::ChannelClosed { channel_id: id, refund: 1_000 - 10 * PRICE, dust: 0 }.into()
		);
		assert_eq!(Balances::balance(&alice()), before + 1_000 - 10 * PRICE);
		assert!(Channels::<Test>::get(id).is_none());
		// Ids are never reused.
		assert_eq!(open(alice(), 100), id + 1);
	});
}

#[test]
fn provider_closes_at_once_with_a_final_voucher() {
	run_test(|| {
		let id = open(alice(), 1_000);
		assert_noop!(
			Payments::close(RuntimeOrigin::signed(alice()), id, None),
			Error::<Test>::NotProvider
		);
		assert_noop!(
			Payments::close(RuntimeOrigin::signed(provider()), id, Some((5, sign_sr(id, 6)))),
			Error::<Test>::BadSignature
		);
		assert_ok!(Payments::close(
			RuntimeOrigin::signed(provider()),
			id,
			Some((5, sign_sr(id, 5)))
		));
		assert_eq!(Balances::balance(&alice()), INITIAL - RECORD_DEPOSIT - 5 * PRICE);
		assert!(Channels::<Test>::get(id).is_none());
		assert_noop!(
			Payments::close(RuntimeOrigin::signed(provider()), id, None),
			Error::<Test>::UnknownChannel
		);
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
		assert_eq!(Channels::<Test>::get(a).unwrap().claimed_units, 3);
		assert_eq!(Channels::<Test>::get(b).unwrap().claimed_units, 2);
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

#[test]
fn set_parameters_is_governance_only_and_validated() {
	run_test(|| {
		let mut p = Pay::params();
		p.protocol_fee = Perbill::from_percent(5);
		assert_noop!(
			Payments::set_parameters(RuntimeOrigin::signed(alice()), p.clone()),
			DispatchError::BadOrigin
		);
		for bad in [
			ParamsOf::<Test> { settlement_window: 0, ..p.clone() },
			ParamsOf::<Test> { max_claims_per_batch: 0, ..p.clone() },
			ParamsOf::<Test> { max_claims_per_batch: 9, ..p.clone() },
			// Every channel and ledger entry must cost something.
			ParamsOf::<Test> { min_deposit: 0, ..p.clone() },
			ParamsOf::<Test> { record_deposit: 0, ..p.clone() },
		] {
			assert_noop!(
				Payments::set_parameters(RuntimeOrigin::root(), bad),
				Error::<Test>::InvalidParameters
			);
		}
		assert_ok!(Payments::set_parameters(RuntimeOrigin::root(), p.clone()));
		assert_eq!(Pay::params(), p);
		// The next claim uses the new fee.
		let id = open(alice(), 1_000);
		assert_ok!(Payments::claim(RuntimeOrigin::signed(provider()), id, 10, sign_sr(id, 10)));
		assert_eq!(
			Balances::balance(&FeeAccount::get()),
			1 + Perbill::from_percent(5) * (10 * PRICE)
		);
	});
}

#[test]
fn channel_pages_are_ascending_and_resume_after_the_cursor() {
	run_test(|| {
		let bob = account_of(consumer_ed().public());
		let mut mine = Vec::new();
		for i in 0..7 {
			let who = if i % 3 == 1 { bob.clone() } else { alice() };
			let id = open(who.clone(), 100);
			if who == alice() {
				mine.push(id);
			}
		}
		let first = Pay::channels_of_consumer(&alice(), None, 3);
		let ids: Vec<ChannelId> = first.channels.iter().map(|(id, _)| *id).collect();
		assert_eq!(ids, mine[..3].to_vec());
		assert_eq!(first.next_cursor, Some(mine[2]));
		let rest = Pay::channels_of_consumer(&alice(), first.next_cursor, 3);
		let ids: Vec<ChannelId> = rest.channels.iter().map(|(id, _)| *id).collect();
		assert_eq!(ids, mine[3..].to_vec());
		assert_eq!(rest.next_cursor, None);
		// The provider sees all seven; a limit of 0 still returns one.
		assert_eq!(Pay::channels_of_provider(&provider(), None, 100).channels.len(), 7);
		assert_eq!(Pay::channels_of_provider(&provider(), None, 0).channels.len(), 1);
		assert!(Pay::channels_of_consumer(&payee(), None, 10).channels.is_empty());
		// Closed channels leave the pages.
		assert_ok!(Payments::close(RuntimeOrigin::signed(provider()), mine[0], None));
		assert_eq!(Pay::channels_of_consumer(&alice(), None, 100).channels.len(), mine.len() - 1);
	});
}

#[test]
fn claimable_previews_exactly_what_claim_pays() {
	run_test(|| {
		let id = open(alice(), 1_000);
		assert_eq!(Pay::claimable(99, 1), Err(Error::<Test>::UnknownChannel.into()));
		assert_eq!(Pay::claimable(id, 0), Err(Error::<Test>::UnitsNotIncreasing.into()));
		assert_eq!(
			Pay::claimable(id, u64::MAX).map(|c| c.shortfall),
			Ok(u64::MAX as u128 * PRICE - 1_000)
		);
		let preview = Pay::claimable(id, 100).expect("claimable");
		assert_eq!(preview.units, 100);
		assert_eq!(preview.owed, 700);
		assert_eq!(preview.amount, 700);
		assert_eq!(preview.fee, 14);
		assert_eq!(preview.payee_amount, 686);
		assert_eq!(preview.shortfall, 0);
		let payee_before = Balances::balance(&payee());
		assert_ok!(Payments::claim(RuntimeOrigin::signed(provider()), id, 100, sign_sr(id, 100)));
		assert_eq!(Balances::balance(&payee()), payee_before + preview.payee_amount);
		assert_eq!(
			last_event(),
			Event::Claimed { channel_id: id, units: 100, amount: 700, fee: 14, shortfall: 0 }
				.into()
		);
		// Beyond the remaining 300: the preview names the shortfall.
		let short = Pay::claimable(id, 200).expect("claimable");
		assert_eq!((short.amount, short.shortfall), (300, 400));
		assert_eq!(Pay::claimable(id, 100), Err(Error::<Test>::UnitsNotIncreasing.into()));
	});
}

#[test]
fn a_ledger_entry_lives_until_its_payer_removes_it() {
	run_test(|| {
		let record_held = || Balances::balance_on_hold(&HoldReason::PaymentRecord.into(), &alice());
		let a = open(alice(), 1_000);
		assert!(System::events().iter().any(|r| r.event
			== Event::PaymentRecordCreated {
				who: alice(),
				service_id: 0,
				deposit: RECORD_DEPOSIT
			}
			.into()));
		// More channels to the same service share the entry and its deposit.
		let b = open(alice(), 1_000);
		assert_eq!(record_held(), RECORD_DEPOSIT);
		assert_eq!(PaidToService::<Test>::get(alice(), 0).map(|r| r.channels), Some(2));
		assert_noop!(
			Payments::remove_payment_record(RuntimeOrigin::signed(alice()), 0),
			Error::<Test>::ChannelsOpen
		);
		assert_noop!(
			Payments::remove_payment_record(RuntimeOrigin::signed(alice()), 5),
			Error::<Test>::NoPaymentRecord
		);
		assert_ok!(Payments::claim(RuntimeOrigin::signed(provider()), a, 10, sign_sr(a, 10)));
		for id in [a, b] {
			assert_ok!(Payments::close(RuntimeOrigin::signed(provider()), id, None));
		}
		assert_eq!(PaidToService::<Test>::get(alice(), 0).map(|r| r.channels), Some(0));
		assert_eq!(Pay::paid_to_service(&alice(), 0), 10 * PRICE);
		assert_ok!(Payments::remove_payment_record(RuntimeOrigin::signed(alice()), 0));
		assert_eq!(
			last_event(),
			Event::PaymentRecordRemoved { who: alice(), service_id: 0, deposit: RECORD_DEPOSIT }
				.into()
		);
		assert_eq!(record_held(), 0);
		assert_eq!(Pay::paid_to_service(&alice(), 0), 0);
		// A new payment makes a new entry.
		assert_ok!(Payments::pay(RuntimeOrigin::signed(alice()), 0, 1));
		assert_eq!(record_held(), RECORD_DEPOSIT);
		assert_eq!(Pay::paid_to_service(&alice(), 0), PRICE);
	});
}

#[test]
fn paying_ones_own_service_is_refused_by_name() {
	run_test(|| {
		assert_noop!(
			Payments::pay(RuntimeOrigin::signed(provider()), 0, 1),
			Error::<Test>::OwnService
		);
		assert_noop!(
			Payments::open_channel(RuntimeOrigin::signed(provider()), 0, MIN_DEPOSIT),
			Error::<Test>::OwnService
		);
	});
}

#[test]
fn a_payer_who_cannot_afford_the_ledger_deposit_is_refused() {
	run_test(|| {
		let poor = AccountId::from([0x55; 32]);
		// Enough for the payment but not for the payment and the ledger entry's deposit.
		assert_ok!(Balances::transfer_allow_death(
			RuntimeOrigin::signed(alice()),
			poor.clone(),
			RECORD_DEPOSIT
		));
		assert_noop!(
			Payments::pay(RuntimeOrigin::signed(poor), 0, 1),
			Error::<Test>::InsufficientRecordDeposit
		);
	});
}
