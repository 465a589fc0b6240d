//! `try_state` invariants (documented on the crate):
//! - every channel id is below `NextChannelId`;
//! - every channel is in its consumer's and provider's index, and every index entry points at
//!   a channel of that account;
//! - a channel never paid out more than its claimed units are worth at its locked price;
//! - per consumer, the held `ChannelDeposit` equals the sum of its channels' `deposit`.
//!
//! With the mock's total-issuance check after every test this also shows that no call mints
//! or burns: deposits only move from hold to payee and fee destination, or back to the
//! consumer.

use crate::{
	Channels, ChannelsByConsumer, ChannelsByProvider, Config, HoldReason, NextChannelId, Pallet,
};
use alloc::collections::btree_map::BTreeMap;
use frame_support::{ensure, traits::fungible::InspectHold};
use servicechain_primitives::{id_key, key_id};
use sp_runtime::{Saturating, TryRuntimeError};

impl<T: Config> Pallet<T> {
	/// Checks every invariant; returns the first one violated.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next = NextChannelId::<T>::get();
		let mut held: BTreeMap<T::AccountId, crate::BalanceOf<T>> = BTreeMap::new();
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
			let worth = Self::cost(ch.claimed_units, ch.price_per_unit)
				.map_err(|_| "claimed units overflow the price")?;
			ensure!(ch.paid <= worth, "paid more than the claimed units are worth");
			let h = held.entry(ch.consumer.clone()).or_default();
			*h = h.saturating_add(ch.deposit);
		}
		for (who, key, ()) in ChannelsByConsumer::<T>::iter() {
			let ch = Channels::<T>::get(key_id(key)).ok_or("consumer index: unknown channel")?;
			ensure!(ch.consumer == who, "consumer index: wrong account");
		}
		for (who, key, ()) in ChannelsByProvider::<T>::iter() {
			let ch = Channels::<T>::get(key_id(key)).ok_or("provider index: unknown channel")?;
			ensure!(ch.provider == who, "provider index: wrong account");
		}
		for (who, sum) in held {
			let on_hold = T::Currency::balance_on_hold(&HoldReason::ChannelDeposit.into(), &who);
			ensure!(on_hold == sum, "held channel deposits differ from the channels' deposits");
		}
		Ok(())
	}
}
