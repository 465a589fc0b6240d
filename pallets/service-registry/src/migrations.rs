//! Storage migrations of the service registry.
//!
//! # v0 → v1 (the security release, runtime spec 2)
//! v0 counted every rating alike (`rating_sum`, `rating_count`); v1 weighs each by what its
//! rater has paid the service ([`Rating`]). Each v0 rating becomes a [`Rating`] with the score
//! it had and, as weight, what the rater's ledger entry says it has paid (read through
//! `T::Payments`, so this runs after the metered-payments pallet's v1 migration). A v0 rating v1
//! would not accept is dropped: by the service's own provider or payee, or by an account that
//! paid less than `min_paid_to_rate`. Each service's `rating_count`, `rating_weight` and
//! `rating_points` are then summed from the ratings it keeps.
//!
//! Only a chain whose last runtime was spec 1 has v0 layouts; later builds' chains at version
//! 0 only get their version set. A single-block migration: every service and rating is read
//! and written once; the weight counts proof size.

use crate::{Config, Pallet, Rating, Ratings, ServiceInfo, Services};
use alloc::collections::btree_map::BTreeMap;
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};
use servicechain_primitives::{
	migrations::{proof_of, upgrading_from_spec},
	PaymentInspect, ServiceId,
};
use sp_runtime::{traits::UniqueSaturatedInto, Saturating};

/// The v0 layouts, as the chain stored them before the security release.
pub mod v0 {
	use crate::{ServiceDetails, ServiceStatus};
	use codec::{Decode, Encode};
	use frame_support::{storage_alias, Blake2_128Concat, Twox64Concat};
	use servicechain_primitives::ServiceId;

	/// v0 `ServiceInfo`: unweighted ratings (`rating_sum`).
	#[derive(Encode, Decode)]
	pub struct ServiceInfo<T: crate::Config> {
		/// Provider.
		pub provider: T::AccountId,
		/// Description.
		pub details: ServiceDetails<T>,
		/// Held deposit.
		pub deposit: crate::BalanceOf<T>,
		/// Version.
		pub version: u32,
		/// Registered at.
		pub registered_at: frame_system::pallet_prelude::BlockNumberFor<T>,
		/// Last heartbeat.
		pub last_heartbeat: frame_system::pallet_prelude::BlockNumberFor<T>,
		/// Status.
		pub status: ServiceStatus<frame_system::pallet_prelude::BlockNumberFor<T>>,
		/// Sum of all scores.
		pub rating_sum: u64,
		/// Number of ratings.
		pub rating_count: u32,
	}

	/// v0 `Services`.
	#[storage_alias]
	pub type Services<T: crate::Config> =
		StorageMap<crate::Pallet<T>, Twox64Concat, ServiceId, ServiceInfo<T>>;

	/// v0 `Ratings`: a bare score.
	#[storage_alias]
	pub type Ratings<T: crate::Config> = StorageDoubleMap<
		crate::Pallet<T>,
		Twox64Concat,
		ServiceId,
		Blake2_128Concat,
		<T as frame_system::Config>::AccountId,
		u8,
	>;
}

/// What `pre_upgrade` hands to `post_upgrade`.
#[cfg(feature = "try-runtime")]
#[derive(codec::Encode, codec::Decode)]
struct Before {
	services: u32,
	kept: u32,
}

/// v0 → v1 without the version check; use [`MigrateV0ToV1`].
pub struct InnerMigrateV0ToV1<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV0ToV1<T> {
	fn on_runtime_upgrade() -> Weight {
		use codec::MaxEncodedLen;
		if !upgrading_from_spec::<T>(1) {
			log::info!(target: "runtime::service-registry", "v1 migration: not upgrading from spec 1, layouts are v1 already");
			return T::DbWeight::get().reads(1);
		}
		let (mut reads, mut writes, mut proof) = (1u64, 0u64, 0u64);
		let service = proof_of(ServiceInfo::<T>::max_encoded_len());
		let min_paid = Pallet::<T>::params().min_paid_to_rate;
		// Who may not rate each service (provider and payee), read before the services change.
		let mut owners: BTreeMap<ServiceId, (T::AccountId, T::AccountId)> = BTreeMap::new();
		for (id, info) in v0::Services::<T>::iter() {
			reads.saturating_inc();
			proof.saturating_accrue(service);
			let payee = info.details.beneficiary.clone().unwrap_or_else(|| info.provider.clone());
			owners.insert(id, (info.provider, payee));
		}

		let mut sums: BTreeMap<ServiceId, (u32, u128, u128)> = BTreeMap::new();
		Ratings::<T>::translate::<u8, _>(|service_id, rater, score| {
			// The rating and the rater's ledger entry.
			reads.saturating_accrue(2);
			writes.saturating_inc();
			proof.saturating_accrue(proof_of(64).saturating_add(proof_of(64)));
			let own = owners
				.get(&service_id)
				.is_some_and(|(provider, payee)| &rater == provider || &rater == payee);
			let paid = T::Payments::paid_to_service(&rater, service_id);
			if own || paid < min_paid {
				return None;
			}
			let rating = Rating { score, weight: paid.unique_saturated_into() };
			let sum = sums.entry(service_id).or_default();
			sum.0.saturating_inc();
			sum.1.saturating_accrue(rating.weight);
			sum.2.saturating_accrue(rating.points());
			Some(rating)
		});

		Services::<T>::translate::<v0::ServiceInfo<T>, _>(|id, old| {
			writes.saturating_inc();
			let (rating_count, rating_weight, rating_points) =
				sums.get(&id).copied().unwrap_or_default();
			Some(ServiceInfo {
				provider: old.provider,
				details: old.details,
				deposit: old.deposit,
				version: old.version,
				registered_at: old.registered_at,
				last_heartbeat: old.last_heartbeat,
				status: old.status,
				rating_count,
				rating_weight,
				rating_points,
			})
		});

		T::DbWeight::get()
			.reads_writes(reads.saturating_add(1), writes)
			.saturating_add(Weight::from_parts(0, proof))
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
		use codec::Encode;
		if !upgrading_from_spec::<T>(1) {
			return Ok(alloc::vec::Vec::new());
		}
		// Keys, not values: an entry that does not decode as v0 fails the count below.
		let services = v0::Services::<T>::iter_keys().count() as u32;
		frame_support::ensure!(
			v0::Services::<T>::iter().count() as u32 == services,
			"v0: a service does not decode as v0"
		);
		// The ratings v1 keeps: not the provider's or payee's, by accounts that paid enough.
		let min_paid = Pallet::<T>::params().min_paid_to_rate;
		let mut kept = 0u32;
		for (id, rater, _) in v0::Ratings::<T>::iter() {
			let Some(info) = v0::Services::<T>::get(id) else { continue };
			let payee = info.details.beneficiary.clone().unwrap_or_else(|| info.provider.clone());
			if rater != info.provider
				&& rater != payee
				&& T::Payments::paid_to_service(&rater, id) >= min_paid
			{
				kept.saturating_inc();
			}
		}
		Ok(Before { services, kept }.encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		use codec::Decode;
		use frame_support::ensure;
		if state.is_empty() {
			return Pallet::<T>::do_try_state();
		}
		let before = Before::decode(&mut &state[..]).map_err(|_| "pre_upgrade state")?;
		ensure!(Services::<T>::iter().count() as u32 == before.services, "a service was lost");
		let mut ratings = 0u32;
		for (service_id, rater, rating) in Ratings::<T>::iter() {
			ratings.saturating_inc();
			let paid: u128 =
				T::Payments::paid_to_service(&rater, service_id).unique_saturated_into();
			ensure!(rating.weight == paid, "a rating does not weigh what its rater paid");
		}
		ensure!(ratings == before.kept, "the ratings kept are not those v1 accepts");
		ensure!(Ratings::<T>::iter_keys().count() as u32 == ratings, "a rating does not decode");
		Pallet::<T>::do_try_state()
	}
}

/// The service registry's v0 → v1 migration (see the [module docs](self)); runs only on a
/// chain whose registry is at storage version 0, and sets it to 1.
pub type MigrateV0ToV1<T> = VersionedMigration<
	0,
	1,
	InnerMigrateV0ToV1<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;
