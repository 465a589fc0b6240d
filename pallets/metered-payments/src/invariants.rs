//! `try_state` invariants (documented on the crate).

use crate::{
	Channels, ChannelsByConsumer, ChannelsByProvider, Config, HoldReason, NextChannelId, Pallet,
};
use alloc::collections::btree_map::BTreeMap;
use frame_support::{ensure, traits::fungible::InspectHold};
use sp_runtime::{Saturating, TryRuntimeError};

impl<T: Config> Pallet<T> {
	/// Checks every invariant; returns the first one violated.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next = NextChannelId::<T>::get();
		let mut held: BTreeMap<T::AccountId, crate::BalanceOf<T>> = BTreeMap::new();
		for (id, ch) in Channels::<T>::iter() {
			ensure!(id < next, "channel id at or above NextChannelId");
			ensure!(ChannelsByConsumer::<T>::contains_key(&ch.consumer, id), "consumer index");
			ensure!(ChannelsByProvider::<T>::contains_key(&ch.provider, id), "provider index");
			let h = held.entry(ch.consumer.clone()).or_default();
			*h = h.saturating_add(ch.deposit);
		}
		for (who, id, ()) in ChannelsByConsumer::<T>::iter() {
			let ch = Channels::<T>::get(id).ok_or("consumer index: unknown channel")?;
			ensure!(ch.consumer == who, "consumer index: wrong account");
		}
		for (who, id, ()) in ChannelsByProvider::<T>::iter() {
			let ch = Channels::<T>::get(id).ok_or("provider index: unknown channel")?;
			ensure!(ch.provider == who, "provider index: wrong account");
		}
		for (who, sum) in held {
			let on_hold = T::Currency::balance_on_hold(&HoldReason::ChannelDeposit.into(), &who);
			ensure!(on_hold == sum, "held channel deposits differ from the channels' deposits");
		}
		Ok(())
	}
}
