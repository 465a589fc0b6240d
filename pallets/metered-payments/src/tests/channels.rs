//! Channels: opening into escrow, topping up, closing by the consumer or the provider.

use super::*;

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
		let ch = Pallet::<Test>::channel(id).unwrap();
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
		assert!(Pallet::<Test>::channel(id).is_none());
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
		assert!(Pallet::<Test>::channel(id).is_none());
		assert_noop!(
			Payments::close(RuntimeOrigin::signed(provider()), id, None),
			Error::<Test>::UnknownChannel
		);
	});
}
