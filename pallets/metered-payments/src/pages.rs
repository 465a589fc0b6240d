//! Where channels live: pages of up to [`CHANNELS_PER_PAGE`] channels of one service that share
//! its provider and payee, so that a batch of claims reads and writes each page once and pays
//! each page's payee once.
//!
//! A channel's id names its page: `id = group << 32 | index`, where `group = service_id + 1`
//! and `index` counts the service's channels ([`NextChannelIndex`]); the page is
//! `(group, index / CHANNELS_PER_PAGE)` and the slot `index % CHANNELS_PER_PAGE`. A page is
//! opened with the service's provider and payee of the time; when either has changed, the next
//! channel starts a new page. Channels opened before pages keep their ids (all below `2^32`,
//! group 0): each is alone in page `(0, id)`, slot 0, so the vouchers signed for them stay
//! valid.

use crate::{
	BalanceOf, Channel, ChannelEntryOf, ChannelId, ChannelOf, ChannelPages, Config, Error,
	NextChannelIndex, PageKey, PageOf, Pallet, CHANNELS_PER_PAGE,
};
use frame_support::pallet_prelude::*;
use servicechain_primitives::ServiceId;

/// Bits of a channel id below its group.
const GROUP_SHIFT: u32 = 32;

/// The group of a service's channels (`service_id + 1`), or `None` above `u32::MAX - 1`.
pub fn group_of(service_id: ServiceId) -> Option<u32> {
	service_id.checked_add(1).and_then(|g| u32::try_from(g).ok())
}

/// The id of the `index`th channel of the group.
pub fn channel_id(group: u32, index: u32) -> ChannelId {
	(u64::from(group) << GROUP_SHIFT) | u64::from(index)
}

/// Whether the channel was opened before pages (group 0): its ledger entry is credited at
/// every claim, as it was then.
pub fn is_legacy(id: ChannelId) -> bool {
	id >> GROUP_SHIFT == 0
}

/// The page and slot of a channel id.
pub fn locate(id: ChannelId) -> (PageKey, u8) {
	let group = (id >> GROUP_SHIFT) as u32;
	let index = id as u32;
	if group == 0 {
		((0, index), 0)
	} else {
		((group, index / CHANNELS_PER_PAGE), (index % CHANNELS_PER_PAGE) as u8)
	}
}

/// The position in `page` of the entry in `slot`.
pub fn position<T: Config>(page: &PageOf<T>, slot: u8) -> Option<usize> {
	page.entries.binary_search_by_key(&slot, |e| e.slot).ok()
}

/// A channel as the runtime API shows it: its page's service, provider and payee with its entry.
pub fn view<T: Config>(page: &PageOf<T>, entry: &ChannelEntryOf<T>) -> ChannelOf<T> {
	Channel {
		consumer: entry.consumer.clone(),
		service_id: page.service_id,
		provider: page.provider.clone(),
		payee: page.payee.clone(),
		price_per_unit: entry.price_per_unit,
		deposit: entry.deposit,
		claimed_units: entry.claimed_units,
		paid: entry.paid,
		opened_at: entry.opened_at,
		settle_until: entry.settle_until,
	}
}

impl<T: Config> Pallet<T> {
	/// A channel, if open (or closing).
	pub fn channel(channel_id: ChannelId) -> Option<ChannelOf<T>> {
		let (key, slot) = locate(channel_id);
		let page = ChannelPages::<T>::get(key)?;
		let entry = page.entries.get(position::<T>(&page, slot)?)?;
		Some(view::<T>(&page, entry))
	}

	/// Every open channel with its id, page by page.
	pub fn iter_channels() -> impl Iterator<Item = (ChannelId, ChannelOf<T>)> {
		ChannelPages::<T>::iter().flat_map(|((group, page_no), page)| {
			page.entries
				.iter()
				.map(|entry| {
					let id = if group == 0 {
						u64::from(page_no)
					} else {
						channel_id(
							group,
							page_no
								.saturating_mul(CHANNELS_PER_PAGE)
								.saturating_add(u32::from(entry.slot)),
						)
					};
					(id, view::<T>(&page, entry))
				})
				.collect::<alloc::vec::Vec<_>>()
		})
	}

	/// Runs `f` on a channel's page and entry and writes both back if it succeeds.
	///
	/// # Errors
	/// `UnknownChannel`, and those of `f`.
	pub(crate) fn mutate_channel<R>(
		channel_id: ChannelId,
		f: impl FnOnce(&PageOf<T>, &mut ChannelEntryOf<T>) -> Result<R, DispatchError>,
	) -> Result<R, DispatchError> {
		let (key, slot) = locate(channel_id);
		ChannelPages::<T>::try_mutate(key, |maybe| {
			let page = maybe.as_mut().ok_or(Error::<T>::UnknownChannel)?;
			let at = position::<T>(page, slot).ok_or(Error::<T>::UnknownChannel)?;
			let mut entry = page.entries.get(at).cloned().ok_or(Error::<T>::UnknownChannel)?;
			let result = f(page, &mut entry)?;
			if let Some(stored) = page.entries.get_mut(at) {
				*stored = entry;
			}
			Ok(result)
		})
	}

	/// Stores a new channel of `service_id` with `provider` and `payee` in the page its index
	/// falls in, starting a new page when the current one was opened with another provider or
	/// payee. Returns its id.
	///
	/// # Errors
	/// `Overflow` (a service id above `u32::MAX - 1`, or the service's `u32::MAX` indexes used).
	pub(crate) fn insert_channel(
		service_id: ServiceId,
		provider: &T::AccountId,
		payee: &T::AccountId,
		entry_of: impl FnOnce(u8) -> ChannelEntryOf<T>,
	) -> Result<ChannelId, DispatchError> {
		let group = group_of(service_id).ok_or(Error::<T>::Overflow)?;
		let mut index = NextChannelIndex::<T>::get(service_id);
		let in_page = index % CHANNELS_PER_PAGE;
		if in_page != 0 {
			let current = ChannelPages::<T>::get((group, index / CHANNELS_PER_PAGE));
			if current.is_some_and(|p| &p.provider != provider || &p.payee != payee) {
				index =
					index.checked_add(CHANNELS_PER_PAGE - in_page).ok_or(Error::<T>::Overflow)?;
			}
		}
		let next = index.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let id = channel_id(group, index);
		let (key, slot) = locate(id);
		ChannelPages::<T>::try_mutate(key, |maybe| -> DispatchResult {
			let page = maybe.get_or_insert_with(|| PageOf::<T> {
				service_id,
				provider: provider.clone(),
				payee: payee.clone(),
				entries: Default::default(),
			});
			// A page whose channels all closed was removed; a new one at its key takes the
			// provider and payee of now.
			if page.entries.is_empty() {
				page.provider = provider.clone();
				page.payee = payee.clone();
			}
			// Slots only grow within a page (indexes are never reused), so this appends.
			page.entries.try_push(entry_of(slot)).map_err(|_| Error::<T>::Overflow)?;
			Ok(())
		})?;
		NextChannelIndex::<T>::insert(service_id, next);
		Ok(id)
	}

	/// Deletes a channel from its page, and the page once it is empty.
	pub(crate) fn delete_channel(channel_id: ChannelId) {
		let (key, slot) = locate(channel_id);
		ChannelPages::<T>::mutate_exists(key, |maybe| {
			if let Some(page) = maybe {
				page.entries.retain(|e| e.slot != slot);
				if page.entries.is_empty() {
					*maybe = None;
				}
			}
		});
	}

	/// What `who` paid through its open channels to the service opened since pages (those
	/// opened before credit its ledger entry at every claim): at most
	/// `MaxOpenChannelsPerService` of them are read.
	pub(crate) fn paid_through_open_channels(
		who: &T::AccountId,
		service_id: ServiceId,
	) -> BalanceOf<T> {
		let Some(group) = group_of(service_id) else { return Default::default() };
		let first = channel_id(group, 0);
		let ids = servicechain_primitives::index_ids_after::<crate::ChannelsByConsumer<T>, _>(
			who,
			first.checked_sub(1),
		);
		ids.take_while(|id| id >> GROUP_SHIFT == u64::from(group))
			.take(T::MaxOpenChannelsPerService::get() as usize)
			.filter_map(|id| Self::channel(id))
			.fold(Default::default(), |sum: BalanceOf<T>, ch| {
				sp_runtime::Saturating::saturating_add(sum, ch.paid)
			})
	}
}
