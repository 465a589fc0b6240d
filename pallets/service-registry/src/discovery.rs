//! Discovery: the tag index and the paged queries behind the runtime API.
//!
//! Index keys are service ids in big-endian, so iterating an index prefix visits services in
//! ascending id order and a page can resume right after a cursor. A query walks the index of
//! its rarest tag (or, without tags, the ids themselves) and examines at most `MaxScan`
//! candidates, so its cost grows with the page, not with the number of services.

use crate::{
	Config, IdKey, NextServiceId, Pallet, ServiceFilter, ServiceInfo, ServicePage, ServiceStatus,
	ServiceSummary, Services, ServicesByProvider, ServicesByTag, TagOf, TagServiceCount,
};
use alloc::{boxed::Box, vec::Vec};
use frame_support::{pallet_prelude::*, BoundedVec};
use servicechain_primitives::{index_ids_after, page_of, ServiceId};

/// A page of summaries of this runtime's services.
pub type PageOf<T> = ServicePage<ServiceSummary<ServiceInfo<T>>>;

impl<T: Config> Pallet<T> {
	/// The order-preserving index key of an id.
	pub fn id_key(id: ServiceId) -> IdKey {
		servicechain_primitives::id_key(id)
	}

	/// The id of an index key.
	pub fn key_id(key: IdKey) -> ServiceId {
		servicechain_primitives::key_id(key)
	}

	/// Adds a service to the index of each of its tags.
	pub(crate) fn index_tags(service_id: ServiceId, tags: &[TagOf<T>]) {
		for tag in tags {
			ServicesByTag::<T>::insert(tag, Self::id_key(service_id), ());
			TagServiceCount::<T>::mutate(tag, |c| *c = c.saturating_add(1));
		}
	}

	/// Removes a service from the index of each of its tags.
	pub(crate) fn unindex_tags(service_id: ServiceId, tags: &[TagOf<T>]) {
		for tag in tags {
			ServicesByTag::<T>::remove(tag, Self::id_key(service_id));
			TagServiceCount::<T>::mutate_exists(tag, |c| {
				*c = c.map(|c| c.saturating_sub(1)).filter(|c| *c > 0);
			});
		}
	}

	/// The summary of a service with its derived fields.
	pub fn summary(id: ServiceId, info: ServiceInfo<T>) -> ServiceSummary<ServiceInfo<T>> {
		ServiceSummary {
			id,
			stale: Self::is_stale(&info),
			average_rating_centi: info.average_rating_centi(),
			service: info,
		}
	}

	/// One service by id, any status.
	pub fn service(id: ServiceId) -> Option<ServiceSummary<ServiceInfo<T>>> {
		Services::<T>::get(id).map(|info| Self::summary(id, info))
	}

	/// A provider's services (any status), ascending by id, after `start_after`.
	pub fn services_by_provider(
		provider: &T::AccountId,
		start_after: Option<ServiceId>,
		limit: u32,
	) -> PageOf<T> {
		let ids = index_ids_after::<ServicesByProvider<T>, _>(provider, start_after);
		let limit = limit.min(T::MaxPageSize::get()) as usize;
		let (services, next_cursor) =
			page_of(ids, limit, |id| Services::<T>::get(id).map(|info| Self::summary(id, info)));
		ServicePage { services, next_cursor }
	}

	/// Whether a listed service passes the filter's non-tag conditions (tags are checked by
	/// the caller against the stored tags).
	fn passes(
		info: &ServiceInfo<T>,
		filter: &ServiceFilter<crate::BalanceOf<T>>,
		tags: &[TagOf<T>],
	) -> bool {
		info.status == ServiceStatus::Active
			&& (filter.include_stale || !Self::is_stale(info))
			&& tags.iter().all(|t| info.details.tags.contains(t))
			&& filter
				.protocol
				.as_ref()
				.is_none_or(|p| info.details.protocol.as_slice() == p.as_slice())
			&& filter.max_price_per_unit.is_none_or(|max| info.details.price_per_unit <= max)
			&& filter
				.min_average_rating_centi
				.is_none_or(|min| info.average_rating_centi().is_some_and(|avg| avg >= min))
	}

	/// Listed services matching `filter`, ascending by id, after `start_after`. Returns at
	/// most `limit` (capped at `MaxPageSize`) results and examines at most `MaxScan`
	/// candidates; `next_cursor` continues the search when it stopped early.
	pub fn find_services(
		filter: ServiceFilter<crate::BalanceOf<T>>,
		start_after: Option<ServiceId>,
		limit: u32,
	) -> PageOf<T> {
		let empty = ServicePage { services: Vec::new(), next_cursor: None };
		let limit = limit.min(T::MaxPageSize::get()) as usize;
		if limit == 0 || filter.tags.len() > T::MaxTags::get() as usize {
			return empty;
		}
		// A tag that cannot be stored matches no service.
		let Ok(tags) = filter
			.tags
			.iter()
			.map(|t| BoundedVec::try_from(t.clone()))
			.collect::<Result<Vec<TagOf<T>>, _>>()
		else {
			return empty;
		};

		// Walk the rarest tag's index, or all ids when no tag is given.
		let candidates: Box<dyn Iterator<Item = ServiceId>> =
			match tags.iter().min_by_key(|t| TagServiceCount::<T>::get(*t)) {
				Some(tag) => Box::new(index_ids_after::<ServicesByTag<T>, _>(tag, start_after)),
				None => {
					let from = start_after.map_or(0, |a| a.saturating_add(1));
					Box::new(from..NextServiceId::<T>::get())
				},
			};

		let max_scan = T::MaxScan::get() as usize;
		let mut services = Vec::new();
		let mut scanned = 0usize;
		let mut last_seen = None;
		for id in candidates {
			if services.len() == limit || scanned == max_scan {
				return ServicePage { services, next_cursor: last_seen };
			}
			scanned = scanned.saturating_add(1);
			last_seen = Some(id);
			if let Some(info) = Services::<T>::get(id) {
				if Self::passes(&info, &filter, &tags) {
					services.push(Self::summary(id, info));
				}
			}
		}
		ServicePage { services, next_cursor: None }
	}
}
