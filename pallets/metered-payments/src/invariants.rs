//! `try_state` invariants (documented on the crate):
//! - every channel id is below `NextChannelId`;
//! - every channel is in its consumer's and provider's index, and every index entry points at
//!   a channel of that account;
//! - a channel never paid out more than its claimed units are worth at its locked price;
//! - the escrow account holds at least its existential deposit plus every channel's deposit,
//!   and nothing of it is held or frozen;
//! - every channel has its consumer's ledger entry for its service, whose `channels` counts
//!   them, and per payer the held `PaymentRecord` deposit equals its entries' deposits.
//!
//! With the mock's total-issuance check after every test this also shows that no call mints
//! or burns: deposits only move from the consumer into escrow and from there to payee, fee
//! destination, or back.

use crate::{
	BalanceOf, Channels, ChannelsByConsumer, ChannelsByProvider, Config, HoldReason, NextChannelId,
	PaidToService, Pallet,
};
use alloc::collections::btree_map::BTreeMap;
use frame_support::{
	ensure,
	traits::fungible::{Inspect, InspectHold},
};
use servicechain_primitives::{id_key, key_id, ServiceId};
use sp_runtime::{traits::Bounded, Saturating, TryRuntimeError};

impl<T: Config> Pallet<T> {
	/// Checks every invariant (listed in this module's documentation).
	///
	/// # Errors
	/// The first invariant violated, by name.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next = NextChannelId::<T>::get();
		let mut escrowed = BalanceOf::<T>::default();
		let mut channels: BTreeMap<(T::AccountId, ServiceId), u32> = BTreeMap::new();
		for (id, ch) in Channels::<T>::iter() {
			ensure!(id < next, "channel id at or above NextChannelId");
			ensure!(
				ChannelsByConsumer::<T>::contains_key(&ch.consumer, id_key(id)),
				"consumer index"
			);
			ensure!(
				ChannelsByProvider::<T>::contains_key(&ch.provider, id_key(id)),
				"provider index"
			);
			// Claims settle increments: the claimed units' total worth may exceed a `u128`
			// (then nothing paid can exceed it).
			let worth = Self::cost(ch.claimed_units, ch.price_per_unit)
				.unwrap_or_else(|_| BalanceOf::<T>::max_value());
			ensure!(ch.paid <= worth, "paid more than the claimed units are worth");
			escrowed = escrowed.saturating_add(ch.deposit);
			let n = channels.entry((ch.consumer.clone(), ch.service_id)).or_default();
			*n = n.saturating_add(1);
		}
		for (who, key, ()) in ChannelsByConsumer::<T>::iter() {
			let ch = Channels::<T>::get(key_id(key)).ok_or("consumer index: unknown channel")?;
			ensure!(ch.consumer == who, "consumer index: wrong account");
		}
		for (who, key, ()) in ChannelsByProvider::<T>::iter() {
			let ch = Channels::<T>::get(key_id(key)).ok_or("provider index: unknown channel")?;
			ensure!(ch.provider == who, "provider index: wrong account");
		}
		let escrow = Self::escrow_account();
		ensure!(
			T::Currency::balance(&escrow)
				>= escrowed.saturating_add(T::Currency::minimum_balance()),
			"the escrow holds less than the channels' deposits"
		);
		ensure!(
			T::Currency::total_balance(&escrow) == T::Currency::balance(&escrow),
			"part of the escrow is held"
		);
		let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (who, service_id, record) in PaidToService::<T>::iter() {
			let open = channels.remove(&(who.clone(), service_id)).unwrap_or_default();
			ensure!(record.channels == open, "a ledger entry miscounts its open channels");
			let d = deposits.entry(who).or_default();
			*d = d.saturating_add(record.deposit);
		}
		ensure!(channels.is_empty(), "a channel without its consumer's ledger entry");
		for (who, sum) in deposits {
			let held = T::Currency::balance_on_hold(&HoldReason::PaymentRecord.into(), &who);
			ensure!(held == sum, "held ledger deposits differ from the ledger entries'");
		}
		Ok(())
	}
}
