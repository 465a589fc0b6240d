//! `try_state` invariants of the service registry (documented on the crate).

use crate::{
	Config, HoldReason, NextServiceId, Pallet, ProviderServiceCount, Ratings, ServiceCount,
	ServiceStatus, Services, ServicesByProvider, ServicesByTag, TagServiceCount,
};
use alloc::collections::btree_map::BTreeMap;
use frame_support::{
	ensure,
	traits::{fungible::InspectHold, Get},
};
use sp_runtime::{Saturating, TryRuntimeError};

impl<T: Config> Pallet<T> {
	/// Checks every invariant (listed in this module's documentation).
	///
	/// # Errors
	/// The first invariant violated, by name.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next_id = NextServiceId::<T>::get();
		let mut count = 0u32;
		let mut per_provider: BTreeMap<T::AccountId, (u32, crate::BalanceOf<T>)> = BTreeMap::new();
		for (id, info) in Services::<T>::iter() {
			count = count.saturating_add(1);
			ensure!(id < next_id, "service id at or above NextServiceId");
			ensure!(
				ServicesByProvider::<T>::contains_key(&info.provider, Self::id_key(id)),
				"service missing from its provider's index"
			);
			let listed = info.status == ServiceStatus::Active;
			for tag in info.details.tags.iter() {
				ensure!(
					ServicesByTag::<T>::contains_key(tag, Self::id_key(id)) == listed,
					"tag index does not match the service's status"
				);
			}
			let (mut ratings, mut weight, mut points) = (0u32, 0u128, 0u128);
			for (rater, rating) in Ratings::<T>::iter_prefix(id) {
				ensure!(
					rater != info.provider && &rater != info.payee(),
					"a service is rated by its own provider or payee"
				);
				ratings = ratings.saturating_add(1);
				weight = weight.saturating_add(rating.weight);
				points = points.saturating_add(rating.points());
			}
			ensure!(
				(ratings, weight, points)
					== (info.rating_count, info.rating_weight, info.rating_points),
				"ratings do not add up to the service's aggregate"
			);
			let entry = per_provider.entry(info.provider.clone()).or_default();
			entry.0 = entry.0.saturating_add(1);
			entry.1 = entry.1.saturating_add(info.deposit);
		}
		ensure!(count == ServiceCount::<T>::get(), "ServiceCount is wrong");

		for (provider, key, ()) in ServicesByProvider::<T>::iter() {
			let info =
				Services::<T>::get(Self::key_id(key)).ok_or("provider index: unknown service")?;
			ensure!(info.provider == provider, "provider index: wrong provider");
		}
		for (provider, n) in ProviderServiceCount::<T>::iter() {
			let (expected, _) = per_provider.get(&provider).copied().unwrap_or_default();
			ensure!(n == expected && n > 0, "ProviderServiceCount is wrong");
			ensure!(n <= T::MaxServicesPerProvider::get(), "provider over MaxServicesPerProvider");
		}
		for (provider, (n, deposits)) in per_provider {
			ensure!(ProviderServiceCount::<T>::get(&provider) == n, "ProviderServiceCount missing");
			let held = T::Currency::balance_on_hold(&HoldReason::ServiceDeposit.into(), &provider);
			ensure!(held == deposits, "held deposit differs from the services' recorded deposits");
		}

		let mut tag_sizes: BTreeMap<crate::TagOf<T>, u32> = BTreeMap::new();
		for (tag, key, ()) in ServicesByTag::<T>::iter() {
			let info = Services::<T>::get(Self::key_id(key)).ok_or("tag index: unknown service")?;
			ensure!(info.details.tags.contains(&tag), "tag index: service lacks the tag");
			let n = tag_sizes.entry(tag).or_default();
			*n = n.saturating_add(1);
		}
		ensure!(
			TagServiceCount::<T>::iter().count() == tag_sizes.len(),
			"TagServiceCount has entries for empty tags"
		);
		for (tag, n) in tag_sizes {
			ensure!(TagServiceCount::<T>::get(&tag) == n, "TagServiceCount is wrong");
		}
		Ok(())
	}
}
