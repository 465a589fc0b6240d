//! Registering, updating, pausing, retiring and removing services.

use crate::{
	weights::WeightInfo, BalanceOf, BoundedBytes, Config, Error, Event, NextServiceId, Pallet,
	ProviderServiceCount, ServiceCount, ServiceDetails, ServiceInfo, ServiceInput, ServiceStatus,
	Services, ServicesByProvider, Unit, UnitInput,
};
use alloc::vec::Vec;
use frame_support::{pallet_prelude::*, BoundedVec};
use servicechain_primitives::ServiceId;
use sp_runtime::Saturating;

/// Converts `bytes` into a bounded vector: `empty` if empty, `too_long` if over the bound.
fn bounded<S: Get<u32>, T: Config>(
	bytes: Vec<u8>,
	empty: Error<T>,
	too_long: Error<T>,
) -> Result<BoundedBytes<S>, Error<T>> {
	ensure!(!bytes.is_empty(), empty);
	BoundedVec::try_from(bytes).map_err(|_| too_long)
}

impl<T: Config> Pallet<T> {
	/// Checks a call's service description and turns it into its stored form.
	pub(crate) fn validate_input(
		input: ServiceInput<T::AccountId, BalanceOf<T>>,
	) -> Result<ServiceDetails<T>, DispatchError> {
		let name = bounded::<T::MaxNameLen, T>(input.name, Error::EmptyName, Error::NameTooLong)?;

		ensure!(!input.endpoints.is_empty(), Error::<T>::NoEndpoints);
		ensure!(
			input.endpoints.len() <= T::MaxEndpoints::get() as usize,
			Error::<T>::TooManyEndpoints
		);
		let endpoints = input
			.endpoints
			.into_iter()
			.map(|e| {
				bounded::<T::MaxEndpointLen, T>(e, Error::EmptyEndpoint, Error::EndpointTooLong)
			})
			.collect::<Result<Vec<_>, _>>()?;

		let protocol = bounded::<T::MaxProtocolLen, T>(
			input.protocol,
			Error::EmptyProtocol,
			Error::ProtocolTooLong,
		)?;

		ensure!(input.tags.len() <= T::MaxTags::get() as usize, Error::<T>::TooManyTags);
		let mut tags = Vec::with_capacity(input.tags.len());
		for tag in input.tags {
			let tag = bounded::<T::MaxTagLen, T>(tag, Error::EmptyTag, Error::TagTooLong)?;
			ensure!(!tags.contains(&tag), Error::<T>::DuplicateTag);
			tags.push(tag);
		}

		ensure!(input.price_per_unit != Default::default(), Error::<T>::ZeroPrice);

		let unit = match input.unit {
			UnitInput::Request => Unit::Request,
			UnitInput::Second => Unit::Second,
			UnitInput::Megabyte => Unit::Megabyte,
			UnitInput::Custom(u) => {
				Unit::Custom(bounded::<T::MaxUnitLen, T>(u, Error::EmptyUnit, Error::UnitTooLong)?)
			},
		};
		let metadata = input
			.metadata
			.map(|m| {
				bounded::<T::MaxMetadataLen, T>(m, Error::EmptyMetadata, Error::MetadataTooLong)
			})
			.transpose()?;

		Ok(ServiceDetails {
			name,
			// Lengths were checked against the bounds above.
			endpoints: BoundedVec::try_from(endpoints).map_err(|_| Error::<T>::TooManyEndpoints)?,
			protocol,
			tags: BoundedVec::try_from(tags).map_err(|_| Error::<T>::TooManyTags)?,
			price_per_unit: input.price_per_unit,
			unit,
			metadata,
			beneficiary: input.beneficiary,
		})
	}

	/// Loads a service and checks that `who` is its provider.
	pub(crate) fn provider_service(
		who: &T::AccountId,
		service_id: ServiceId,
	) -> Result<ServiceInfo<T>, DispatchError> {
		let info = Services::<T>::get(service_id).ok_or(Error::<T>::UnknownService)?;
		ensure!(&info.provider == who, Error::<T>::NotProvider);
		Ok(info)
	}

	/// Registers a service for `provider`: holds the deposit, indexes it, returns its id. The
	/// input is checked before (`validate_input`).
	///
	/// # Errors
	/// `TooManyServices`, `Overflow` (service ids or count), `InsufficientBalance` (the deposit).
	pub(crate) fn do_register(
		provider: T::AccountId,
		details: ServiceDetails<T>,
	) -> Result<ServiceId, DispatchError> {
		let count = ProviderServiceCount::<T>::get(&provider);
		ensure!(count < T::MaxServicesPerProvider::get(), Error::<T>::TooManyServices);
		let service_id = NextServiceId::<T>::get();
		let next = service_id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let total = ServiceCount::<T>::get().checked_add(1).ok_or(Error::<T>::Overflow)?;

		let now = Self::now();
		let mut info = ServiceInfo {
			provider: provider.clone(),
			details,
			deposit: Default::default(),
			version: 0,
			registered_at: now,
			last_heartbeat: now,
			status: ServiceStatus::Active,
			rating_count: 0,
			rating_weight: 0,
			rating_points: 0,
		};
		Self::adjust_deposit(&mut info)?;

		Self::index_tags(service_id, &info.details.tags);
		ServicesByProvider::<T>::insert(&provider, Self::id_key(service_id), ());
		ProviderServiceCount::<T>::insert(&provider, count.saturating_add(1));
		ServiceCount::<T>::put(total);
		NextServiceId::<T>::put(next);
		let deposit = info.deposit;
		Services::<T>::insert(service_id, info);
		Self::deposit_event(Event::ServiceRegistered { service_id, provider, deposit });
		Ok(service_id)
	}

	/// Replaces a service's details, re-indexes its tags and adjusts its deposit.
	///
	/// # Errors
	/// `UnknownService`, `NotProvider`, `ServiceRetired`, `Overflow`, `InsufficientBalance`
	/// (a larger deposit).
	pub(crate) fn do_update(
		who: &T::AccountId,
		service_id: ServiceId,
		details: ServiceDetails<T>,
	) -> DispatchResultWithPostInfo {
		let mut info = Self::provider_service(who, service_id)?;
		ensure!(!info.is_retired(), Error::<T>::ServiceRetired);
		let old_payee = info.payee().clone();
		let old_tags = core::mem::replace(&mut info.details, details).tags;
		info.version = info.version.checked_add(1).ok_or(Error::<T>::Overflow)?;
		Self::adjust_deposit(&mut info)?;
		let touched = old_tags.len().max(info.details.tags.len()) as u32;
		if info.status == ServiceStatus::Active {
			Self::unindex_tags(service_id, &old_tags);
			Self::index_tags(service_id, &info.details.tags);
		}
		let (version, deposit) = (info.version, info.deposit);
		let new_payee = (info.payee() != &old_payee).then(|| info.payee().clone());
		Services::<T>::insert(service_id, info);
		Self::deposit_event(Event::ServiceUpdated { service_id, version, deposit });
		let mut weight = T::WeightInfo::update_service(touched);
		if let Some(payee) = new_payee {
			// Found by the runtime fuzzer: a payer that rated the service and then became its
			// payee would otherwise keep rating a service that pays it.
			Self::remove_rating(&payee, service_id);
			weight = weight.saturating_add(T::WeightInfo::remove_rating());
		}
		Ok(Some(weight).into())
	}

	/// Pauses an active service: it leaves the tag indexes.
	///
	/// # Errors
	/// `UnknownService`, `NotProvider`, `ServiceRetired`, `AlreadyPaused`.
	pub(crate) fn do_pause(who: &T::AccountId, service_id: ServiceId) -> DispatchResult {
		let mut info = Self::provider_service(who, service_id)?;
		match info.status {
			ServiceStatus::Active => {},
			ServiceStatus::Paused => return Err(Error::<T>::AlreadyPaused.into()),
			ServiceStatus::Retired { .. } => return Err(Error::<T>::ServiceRetired.into()),
		}
		Self::unindex_tags(service_id, &info.details.tags);
		info.status = ServiceStatus::Paused;
		Services::<T>::insert(service_id, info);
		Self::deposit_event(Event::ServicePaused { service_id });
		Ok(())
	}

	/// Resumes a paused service: it rejoins the tag indexes, and this counts as a heartbeat.
	///
	/// # Errors
	/// `UnknownService`, `NotProvider`, `ServiceRetired`, `NotPaused`.
	pub(crate) fn do_resume(who: &T::AccountId, service_id: ServiceId) -> DispatchResult {
		let mut info = Self::provider_service(who, service_id)?;
		match info.status {
			ServiceStatus::Paused => {},
			ServiceStatus::Active => return Err(Error::<T>::NotPaused.into()),
			ServiceStatus::Retired { .. } => return Err(Error::<T>::ServiceRetired.into()),
		}
		Self::index_tags(service_id, &info.details.tags);
		info.status = ServiceStatus::Active;
		info.last_heartbeat = Self::now();
		Services::<T>::insert(service_id, info);
		Self::deposit_event(Event::ServiceResumed { service_id });
		Ok(())
	}

	/// Retires a service; `who` is its provider, or `None` for the governance origin.
	///
	/// # Errors
	/// `UnknownService`, `NotProvider`, `ServiceRetired`.
	pub(crate) fn do_deregister(
		who: Option<&T::AccountId>,
		service_id: ServiceId,
	) -> DispatchResult {
		let mut info = match who {
			Some(who) => Self::provider_service(who, service_id)?,
			None => Services::<T>::get(service_id).ok_or(Error::<T>::UnknownService)?,
		};
		let unlock_at = Self::retire(service_id, &mut info)?;
		Services::<T>::insert(service_id, info);
		Self::deposit_event(match who {
			Some(_) => Event::ServiceDeregistered { service_id, unlock_at },
			None => Event::ServiceForceDeregistered { service_id, unlock_at },
		});
		Ok(())
	}

	/// Marks `info` retired now and removes it from the tag indexes. Returns when its deposit
	/// unlocks. Fails if it is retired already.
	pub(crate) fn retire(
		service_id: ServiceId,
		info: &mut ServiceInfo<T>,
	) -> Result<frame_system::pallet_prelude::BlockNumberFor<T>, DispatchError> {
		match info.status {
			ServiceStatus::Retired { .. } => return Err(Error::<T>::ServiceRetired.into()),
			ServiceStatus::Active => Self::unindex_tags(service_id, &info.details.tags),
			ServiceStatus::Paused => {},
		}
		let since = Self::now();
		let unlock_at = since.saturating_add(Self::params().retirement_period);
		info.status = ServiceStatus::Retired { since, unlock_at };
		Ok(unlock_at)
	}

	/// Releases a retired service's deposit after its retirement period and removes it. Its
	/// ratings stay until their raters remove the ledger entries that back them.
	///
	/// # Errors
	/// `UnknownService`, `NotProvider`, `NotRetired`, `DepositLocked`.
	pub(crate) fn do_withdraw_deposit(who: &T::AccountId, service_id: ServiceId) -> DispatchResult {
		let info = Self::provider_service(who, service_id)?;
		let ServiceStatus::Retired { unlock_at, .. } = info.status else {
			return Err(Error::<T>::NotRetired.into());
		};
		ensure!(Self::now() >= unlock_at, Error::<T>::DepositLocked);
		Self::release_deposit(&info.provider, info.deposit)?;
		ServicesByProvider::<T>::remove(&info.provider, Self::id_key(service_id));
		ProviderServiceCount::<T>::mutate_exists(&info.provider, |c| {
			*c = c.map(|c| c.saturating_sub(1)).filter(|c| *c > 0);
		});
		ServiceCount::<T>::mutate(|c| *c = c.saturating_sub(1));
		Services::<T>::remove(service_id);
		Self::deposit_event(Event::DepositWithdrawn {
			service_id,
			provider: info.provider,
			amount: info.deposit,
		});
		Ok(())
	}
}
