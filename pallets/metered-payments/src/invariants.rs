//! `try_state` invariants (documented on the crate):
//! - every page holds 1..=`CHANNELS_PER_PAGE` channels in ascending slots below
//!   `CHANNELS_PER_PAGE`; a page of group `g > 0` is of service `g - 1` and its channels'
//!   indexes are below the service's `NextChannelIndex`; a page of group 0 (channels opened
//!   before pages) holds one channel, in slot 0;
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
	pages, BalanceOf, ChannelPages, ChannelsByConsumer, ChannelsByProvider, Config, HoldReason,
	NextChannelIndex, PaidToService, Pallet, CHANNELS_PER_PAGE,
};
use alloc::collections::btree_map::BTreeMap;
use frame_support::{
	ensure,
	traits::{
		fungible::{Inspect, InspectHold},
		Get,
	},
};
use servicechain_primitives::{id_key, key_id, ServiceId};
use sp_runtime::{traits::Bounded, Saturating, TryRuntimeError};

impl<T: Config> Pallet<T> {
	/// Checks every invariant (listed in this module's documentation).
	///
	/// # Errors
	/// The first invariant violated, by name.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut escrowed = BalanceOf::<T>::default();
		let mut channels: BTreeMap<(T::AccountId, ServiceId), u32> = BTreeMap::new();
		let mut paged: BTreeMap<(T::AccountId, ServiceId), u32> = BTreeMap::new();
		for ((group, page_no), page) in ChannelPages::<T>::iter() {
			ensure!(!page.entries.is_empty(), "an empty page is stored");
			ensure!(
				page.entries.windows(2).all(|w| matches!(w, [a, b] if a.slot < b.slot)),
				"a page's slots are not ascending"
			);
			if group == 0 {
				ensure!(
					page.entries.len() == 1 && page.entries.iter().all(|e| e.slot == 0),
					"a page of channels opened before pages holds more than its one"
				);
			} else {
				ensure!(
					pages::group_of(page.service_id) == Some(group),
					"a page is not in its service's group"
				);
			}
			for entry in page.entries.iter() {
				ensure!(u32::from(entry.slot) < CHANNELS_PER_PAGE, "a slot beyond the page");
				let id = if group == 0 {
					u64::from(page_no)
				} else {
					let index = page_no
						.checked_mul(CHANNELS_PER_PAGE)
						.and_then(|i| i.checked_add(u32::from(entry.slot)))
						.ok_or("a channel index overflows")?;
					ensure!(
						index < NextChannelIndex::<T>::get(page.service_id),
						"channel index at or above NextChannelIndex"
					);
					pages::channel_id(group, index)
				};
				ensure!(
					ChannelsByConsumer::<T>::contains_key(&entry.consumer, id_key(id)),
					"consumer index"
				);
				ensure!(
					ChannelsByProvider::<T>::contains_key(&page.provider, id_key(id)),
					"provider index"
				);
				// Claims settle increments: the claimed units' total worth may exceed a `u128`
				// (then nothing paid can exceed it).
				let worth = Self::cost(entry.claimed_units, entry.price_per_unit)
					.unwrap_or_else(|_| BalanceOf::<T>::max_value());
				ensure!(entry.paid <= worth, "paid more than the claimed units are worth");
				escrowed = escrowed.saturating_add(entry.deposit);
				let n = channels.entry((entry.consumer.clone(), page.service_id)).or_default();
				*n = n.saturating_add(1);
				if group > 0 {
					let m = paged.entry((entry.consumer.clone(), page.service_id)).or_default();
					*m = m.saturating_add(1);
				}
			}
		}
		// `paid_to_service` reads at most this many of a payer's channels to a service (so the
		// bound may be raised by an upgrade, never lowered below what is open).
		ensure!(
			paged.values().all(|n| *n <= T::MaxOpenChannelsPerService::get()),
			"more channels open to a service than paid_to_service reads"
		);
		for (who, key, ()) in ChannelsByConsumer::<T>::iter() {
			let ch = Self::channel(key_id(key)).ok_or("consumer index: unknown channel")?;
			ensure!(ch.consumer == who, "consumer index: wrong account");
		}
		for (who, key, ()) in ChannelsByProvider::<T>::iter() {
			let ch = Self::channel(key_id(key)).ok_or("provider index: unknown channel")?;
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
