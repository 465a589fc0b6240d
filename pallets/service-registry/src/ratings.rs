//! Ratings by accounts that paid a service.

use crate::{Config, Error, Event, Pallet, Ratings, Services};
use frame_support::pallet_prelude::*;
use servicechain_primitives::{PaymentInspect, ServiceId};

impl<T: Config> Pallet<T> {
	/// Records `rater`'s score (1..=5, checked by the call) and updates the aggregate.
	pub(crate) fn do_rate(rater: T::AccountId, service_id: ServiceId, score: u8) -> DispatchResult {
		Services::<T>::try_mutate(service_id, |maybe| {
			let info = maybe.as_mut().ok_or(Error::<T>::UnknownService)?;
			ensure!(!info.is_retired(), Error::<T>::ServiceRetired);
			let paid = T::Payments::paid_to_service(&rater, service_id);
			ensure!(paid >= Self::params().min_paid_to_rate, Error::<T>::NotAPayer);
			let previous = Ratings::<T>::get(service_id, &rater);
			match previous {
				Some(old) => {
					info.rating_sum = info
						.rating_sum
						.checked_sub(u64::from(old))
						.and_then(|s| s.checked_add(u64::from(score)))
						.ok_or(Error::<T>::Overflow)?;
				},
				None => {
					ensure!(
						info.rating_count < T::MaxRatingsPerService::get(),
						Error::<T>::TooManyRatings
					);
					info.rating_sum = info
						.rating_sum
						.checked_add(u64::from(score))
						.ok_or(Error::<T>::Overflow)?;
					info.rating_count =
						info.rating_count.checked_add(1).ok_or(Error::<T>::Overflow)?;
				},
			}
			Ratings::<T>::insert(service_id, &rater, score);
			Self::deposit_event(Event::ServiceRated { service_id, rater, score, previous });
			Ok(())
		})
	}

	/// Removes all ratings of a service being removed (at most `MaxRatingsPerService`).
	pub(crate) fn remove_ratings(service_id: ServiceId, count: u32) {
		// `count` is the service's own rating count, so one pass removes them all.
		let _ = Ratings::<T>::clear_prefix(service_id, count.saturating_add(1), None);
	}
}
