//! Read-only queries behind the runtime API: channel pages and claim previews.

use crate::{
	pages, BalanceOf, ChannelId, ChannelOf, ChannelPage, ChannelPages, ChannelsByConsumer,
	ChannelsByProvider, Claimable, Config, Error, IdKey, Pallet,
};
use frame_support::{pallet_prelude::*, storage::IterableStorageDoubleMap};
use servicechain_primitives::{index_ids_after, page_of};

/// Most channels one page returns.
pub const MAX_CHANNEL_PAGE: u32 = 100;

impl<T: Config> Pallet<T> {
	/// What a voucher of `channel_id` for `cumulative_units` would pay if claimed now.
	pub fn claimable(
		channel_id: ChannelId,
		cumulative_units: u64,
	) -> Result<Claimable<BalanceOf<T>>, DispatchError> {
		let (key, slot) = pages::locate(channel_id);
		let page = ChannelPages::<T>::get(key).ok_or(Error::<T>::UnknownChannel)?;
		let entry = pages::position::<T>(&page, slot)
			.and_then(|at| page.entries.get(at))
			.ok_or(Error::<T>::UnknownChannel)?;
		Self::settlement(entry, cumulative_units)
	}

	/// A consumer's channels after `start_after`, at most `limit` (clamped to
	/// `1..=`[`MAX_CHANNEL_PAGE`]).
	pub fn channels_of_consumer(
		consumer: &T::AccountId,
		start_after: Option<ChannelId>,
		limit: u32,
	) -> ChannelPage<ChannelOf<T>> {
		Self::page::<ChannelsByConsumer<T>>(consumer, start_after, limit)
	}

	/// A provider's channels after `start_after`, at most `limit` (clamped to
	/// `1..=`[`MAX_CHANNEL_PAGE`]).
	pub fn channels_of_provider(
		provider: &T::AccountId,
		start_after: Option<ChannelId>,
		limit: u32,
	) -> ChannelPage<ChannelOf<T>> {
		Self::page::<ChannelsByProvider<T>>(provider, start_after, limit)
	}

	/// One page of an account's index, ascending by id.
	fn page<Index>(
		who: &T::AccountId,
		start_after: Option<ChannelId>,
		limit: u32,
	) -> ChannelPage<ChannelOf<T>>
	where
		Index: IterableStorageDoubleMap<T::AccountId, IdKey, ()>,
	{
		let ids = index_ids_after::<Index, _>(who, start_after);
		let limit = limit.clamp(1, MAX_CHANNEL_PAGE) as usize;
		let (channels, next_cursor) =
			page_of(ids, limit, |id| Self::channel(id).map(|ch| (id, ch)));
		ChannelPage { channels, next_cursor }
	}
}
