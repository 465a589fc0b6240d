//! Ratings by accounts that paid a service, weighted by what they paid.

use crate::{Config, Error, Event, Pallet, Rating, Ratings, Services};
use frame_support::pallet_prelude::*;
use servicechain_primitives::{PaymentInspect, ServiceId};
use sp_runtime::traits::UniqueSaturatedInto;

impl<T: Config> Pallet<T> {
	/// Records `rater`'s score (1..=5, checked by the call), weighted by what it has paid the
	/// service, and updates the aggregate. Rating again replaces the score and the weight.
	///
	/// # Errors
	/// `UnknownService`, `ServiceRetired`, `OwnService` (the provider or payee), `NotAPayer`
	/// (paid less than `min_paid_to_rate`), `Overflow`.
	pub(crate) fn do_rate(rater: T::AccountId, service_id: ServiceId, score: u8) -> DispatchResult {
		Services::<T>::try_mutate(service_id, |maybe| {
			let info = maybe.as_mut().ok_or(Error::<T>::UnknownService)?;
			ensure!(!info.is_retired(), Error::<T>::ServiceRetired);
			ensure!(rater != info.provider && &rater != info.payee(), Error::<T>::OwnService);
			let paid = T::Payments::paid_to_service(&rater, service_id);
			ensure!(paid >= Self::params().min_paid_to_rate, Error::<T>::NotAPayer);
			let rating = Rating { score, weight: paid.unique_saturated_into() };
			let previous = Ratings::<T>::get(service_id, &rater);
			let (mut count, mut weight, mut points) =
				(info.rating_count, info.rating_weight, info.rating_points);
			match previous {
				Some(old) => {
					weight = weight.saturating_sub(old.weight);
					points = points.saturating_sub(old.points());
				},
				None => count = count.checked_add(1).ok_or(Error::<T>::Overflow)?,
			}
			info.rating_weight = weight.checked_add(rating.weight).ok_or(Error::<T>::Overflow)?;
			info.rating_points = points.checked_add(rating.points()).ok_or(Error::<T>::Overflow)?;
			info.rating_count = count;
			Ratings::<T>::insert(service_id, &rater, rating);
			Self::deposit_event(Event::ServiceRated {
				service_id,
				rater,
				score,
				previous: previous.map(|r| r.score),
			});
			Ok(())
		})
	}

	/// Drops `rater`'s rating of a service (its ledger entry, which backed it, was removed).
	pub(crate) fn remove_rating(rater: &T::AccountId, service_id: ServiceId) {
		let Some(old) = Ratings::<T>::take(service_id, rater) else { return };
		Services::<T>::mutate(service_id, |maybe| {
			if let Some(info) = maybe {
				info.rating_count = info.rating_count.saturating_sub(1);
				info.rating_weight = info.rating_weight.saturating_sub(old.weight);
				info.rating_points = info.rating_points.saturating_sub(old.points());
			}
		});
		Self::deposit_event(Event::RatingRemoved { service_id, rater: rater.clone() });
	}
}
