//! The v0 → v1 → v2 storage migrations ([`crate::migrations`]): channels opened and settled by
//! v2 calls are turned back into v0 (one entry per channel numbered from 0, deposits held on
//! the consumers, `closing_at`, bare amounts in the ledger, no escrow account), with a vote
//! freeze overlapping a held deposit as v0 allowed, and migrated again, as a chain upgrading
//! from spec 1 runs both.

use super::*;
use crate::migrations::{v0, v1, MigrateV0ToV1, MigrateV1ToV2};
use core::cell::RefCell;
use frame_support::traits::{
	fungible::{InspectFreeze, Mutate, MutateFreeze, MutateHold},
	tokens::{Precision, Preservation},
	GetStorageVersion, OnRuntimeUpgrade, StorageVersion,
};
use servicechain_primitives::VoteBacking;

thread_local! {
	static REBALANCED: RefCell<Vec<AccountId>> = const { RefCell::new(Vec::new()) };
}

/// Stands in for the DAO: records whom it was asked to rebalance and caps the vote freeze at
/// the account's total balance, as the DAO's `rebalance` does.
struct CapVotes;
impl VoteBacking<AccountId> for CapVotes {
	fn rebalance(who: &AccountId) {
		REBALANCED.with(|r| r.borrow_mut().push(who.clone()));
		let total = Balances::total_balance(who);
		if Balances::balance_frozen(&VOTE_FREEZE, who) > total {
			assert_ok!(Balances::set_freeze(&VOTE_FREEZE, who, total));
		}
	}
	fn rebalance_weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

fn bob() -> AccountId {
	account_of(consumer_ed().public())
}

/// Rewrites the pallet's state in its v0 layout: channels numbered from 0 in the order of their
/// ids (as v0 and v1 did), each channel's deposit back from escrow onto a hold of its
/// consumer, ledger deposits released, unpaid entries dropped, the escrow account emptied (v0
/// had none), the storage version 0. Returns the channels' v0 ids, in the order of their ids.
fn downgrade_to_v0() -> Vec<ChannelId> {
	let reason = HoldReason::PaymentRecord.into();
	let escrow = Pay::escrow_account();
	let entries: Vec<_> = PaidToService::<Test>::iter().collect();
	for (who, service_id, record) in entries {
		assert_ok!(Balances::release(&reason, &who, record.deposit, Precision::Exact));
		// v0 credited the ledger at every claim: what the open channels paid is in it.
		let paid = Pay::paid_to_service(&who, service_id);
		if paid > 0 {
			v0::PaidToService::<Test>::insert(&who, service_id, paid);
		} else {
			PaidToService::<Test>::remove(&who, service_id);
		}
	}
	let mut channels: Vec<_> = Pay::iter_channels().collect();
	channels.sort_by_key(|(id, _)| *id);
	let _ = ChannelPages::<Test>::clear(u32::MAX, None);
	let _ = NextChannelIndex::<Test>::clear(u32::MAX, None);
	let mut ids = Vec::new();
	for (old_id, (new_id, ch)) in (0u64..).zip(channels) {
		ids.push(old_id);
		ChannelsByConsumer::<Test>::remove(&ch.consumer, servicechain_primitives::id_key(new_id));
		ChannelsByProvider::<Test>::remove(&ch.provider, servicechain_primitives::id_key(new_id));
		ChannelsByConsumer::<Test>::insert(
			&ch.consumer,
			servicechain_primitives::id_key(old_id),
			(),
		);
		ChannelsByProvider::<Test>::insert(
			&ch.provider,
			servicechain_primitives::id_key(old_id),
			(),
		);
		v1::NextChannelId::<Test>::put(old_id + 1);
		assert_ok!(<Balances as Mutate<_>>::transfer(
			&escrow,
			&ch.consumer,
			ch.deposit,
			Preservation::Expendable
		));
		assert_ok!(Balances::hold(&reason, &ch.consumer, ch.deposit));
		v0::Channels::<Test>::insert(
			old_id,
			v0::Channel {
				consumer: ch.consumer,
				service_id: ch.service_id,
				provider: ch.provider,
				payee: ch.payee,
				price_per_unit: ch.price_per_unit,
				deposit: ch.deposit,
				claimed_units: ch.claimed_units,
				paid: ch.paid,
				opened_at: ch.opened_at,
				closing_at: ch.settle_until.map(|until| until - WINDOW),
			},
		);
	}
	let p = Pay::params();
	v0::Parameters::<Test>::put(v0::PaymentParams {
		protocol_fee: p.protocol_fee,
		min_deposit: p.min_deposit,
		settlement_window: p.settlement_window,
		max_claims_per_batch: p.max_claims_per_batch,
	});
	// The escrow's endowment goes to the fee account: the escrow account no longer exists.
	assert_ok!(<Balances as Mutate<_>>::transfer(
		&escrow,
		&FeeAccount::get(),
		Balances::balance(&escrow),
		Preservation::Expendable
	));
	StorageVersion::new(0).put::<Payments>();
	// The chain ran spec 1, whose layouts are v0.
	frame_system::LastRuntimeUpgrade::<Test>::put(frame_system::LastRuntimeUpgradeInfo {
		spec_version: 1.into(),
		spec_name: "servicechain".into(),
	});
	ids
}

#[test]
fn v0_state_migrates_to_v1_and_keeps_working() {
	new_test_ext().execute_with(|| {
		// Alice: an open channel with 10 units claimed. Bob: a channel closing since block 1.
		let open = open(alice(), 1_000);
		assert_ok!(Payments::claim(RuntimeOrigin::signed(provider()), open, 10, sign_sr(open, 10)));
		let closing = super::open(bob(), 500);
		assert_ok!(Payments::request_close(RuntimeOrigin::signed(bob()), closing));
		let deposits = (
			Pallet::<Test>::channel(open).expect("open").deposit,
			Pallet::<Test>::channel(closing).expect("closing").deposit,
		);

		let ids = downgrade_to_v0();
		let (open, closing) = (ids[0], ids[1]);
		// A voucher signed under v0 for the channel's v0 id.
		let signed_before = sign_sr(open, 20);
		assert_eq!(Balances::total_balance(&Pay::escrow_account()), 0);
		// What v0 allowed: Alice's vote freezes everything she has, her held deposit included.
		let alice_total = Balances::total_balance(&alice());
		assert_ok!(Balances::set_freeze(&VOTE_FREEZE, &alice(), alice_total));
		let issuance = pallet_balances::TotalIssuance::<Test>::get();
		System::set_block_number(5);

		#[cfg(feature = "try-runtime")]
		assert_ok!(MigrateV0ToV1::<Test, CapVotes>::try_on_runtime_upgrade(true));
		#[cfg(not(feature = "try-runtime"))]
		MigrateV0ToV1::<Test, CapVotes>::on_runtime_upgrade();
		assert_eq!(Payments::on_chain_storage_version(), StorageVersion::new(1));
		assert_eq!(v1::Channels::<Test>::iter().count(), 2);

		#[cfg(feature = "try-runtime")]
		assert_ok!(MigrateV1ToV2::<Test>::try_on_runtime_upgrade(true));
		#[cfg(not(feature = "try-runtime"))]
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(Payments::on_chain_storage_version(), StorageVersion::new(2));
		// Each channel alone in its group-0 page, under its v0 id; NextChannelId is gone.
		assert_eq!(v1::Channels::<Test>::iter().count(), 0);
		assert!(!v1::NextChannelId::<Test>::exists());
		assert!(ChannelPages::<Test>::contains_key((0, 0)));
		assert!(ChannelPages::<Test>::contains_key((0, 1)));
		// The deposits are in escrow, endowed with the existential deposit (the only mint).
		let reason = HoldReason::PaymentRecord.into();
		assert_eq!(Balances::balance(&Pay::escrow_account()), 1 + deposits.0 + deposits.1);
		assert_eq!(pallet_balances::TotalIssuance::<Test>::get(), issuance + 1);
		assert_eq!(Balances::balance_on_hold(&reason, &alice()), 0);
		assert_eq!(Balances::balance_on_hold(&reason, &bob()), 0);
		assert_eq!(Balances::total_balance(&alice()), alice_total - deposits.0);
		// Alice's vote no longer counts the deposit that went into escrow.
		assert_eq!(Balances::balance_frozen(&VOTE_FREEZE, &alice()), alice_total - deposits.0);
		assert_eq!(REBALANCED.with(|r| r.borrow().len()), 2);
		// The deadline is the one v0 computed; ledger entries count channels, hold nothing.
		let ch = Pallet::<Test>::channel(closing).expect("closing");
		assert_eq!(ch.settle_until, Some(1 + WINDOW));
		assert_eq!(Pallet::<Test>::channel(open).expect("open").settle_until, None);
		assert_eq!(
			PaidToService::<Test>::get(alice(), 0),
			Some(PaymentRecord { paid: 10 * PRICE, deposit: 0, channels: 1 })
		);
		assert_eq!(
			PaidToService::<Test>::get(bob(), 0),
			Some(PaymentRecord { paid: 0, deposit: 0, channels: 1 })
		);
		assert_eq!(Pay::params().record_deposit, Pay::default_params().record_deposit);
		assert_ok!(Payments::do_try_state());

		// A second run does nothing.
		let escrow = Balances::balance(&Pay::escrow_account());
		MigrateV0ToV1::<Test, CapVotes>::on_runtime_upgrade();
		assert_eq!(Balances::balance(&Pay::escrow_account()), escrow);
		assert_eq!(REBALANCED.with(|r| r.borrow().len()), 2);

		// v1 calls work on the migrated state: the provider claims from escrow, Bob gets his
		// deposit back after the window and removes his entry (which held nothing).
		let payee_before = Balances::balance(&payee());
		assert_ok!(Payments::claim(RuntimeOrigin::signed(provider()), open, 20, signed_before));
		assert!(Balances::balance(&payee()) > payee_before);
		// A channel opened before pages credits its ledger entry at every claim, as before.
		assert_eq!(PaidToService::<Test>::get(alice(), 0).expect("entry").paid, 20 * PRICE);
		assert_eq!(Pay::paid_to_service(&alice(), 0), 20 * PRICE);
		// A new channel is numbered in its service's group, beside the old ones (Alice's vote
		// ended: her freeze no longer keeps her funds from a deposit).
		assert_ok!(Balances::thaw(&VOTE_FREEZE, &alice()));
		let fresh = super::open(alice(), 1_000);
		assert_eq!(fresh, crate::pages::channel_id(1, 0));
		assert_ok!(Payments::claim(RuntimeOrigin::signed(provider()), fresh, 5, sign_sr(fresh, 5)));
		assert_eq!(Pay::paid_to_service(&alice(), 0), 25 * PRICE);
		System::set_block_number(1 + WINDOW);
		let bob_before = Balances::balance(&bob());
		assert_ok!(Payments::finalize_close(RuntimeOrigin::signed(bob()), closing));
		assert_eq!(Balances::balance(&bob()), bob_before + deposits.1);
		assert_ok!(Payments::remove_payment_record(RuntimeOrigin::signed(bob()), 0));
		assert_eq!(Balances::balance(&bob()), bob_before + deposits.1);
		assert_ok!(Payments::do_try_state());
		assert_eq!(pallet_balances::TotalIssuance::<Test>::get(), issuance + 1);
	});
}
