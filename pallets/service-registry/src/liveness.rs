//! Liveness: heartbeats, staleness and reaping.

use crate::{Config, Error, Event, HoldReason, Pallet, ServiceStatus, Services};
use frame_support::{
	dispatch::{DispatchResultWithPostInfo, Pays, PostDispatchInfo},
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
	},
};
use servicechain_primitives::ServiceId;
use sp_runtime::Saturating;

impl<T: Config> Pallet<T> {
	/// Records a heartbeat; it is free if the previous one is at least `heartbeat_interval`
	/// blocks old.
	///
	/// # Errors
	/// `UnknownService`, `NotProvider`, `ServiceRetired`.
	pub(crate) fn do_heartbeat(
		who: &T::AccountId,
		service_id: ServiceId,
	) -> DispatchResultWithPostInfo {
		let mut info = Self::provider_service(who, service_id)?;
		ensure!(!info.is_retired(), Error::<T>::ServiceRetired);
		let now = Self::now();
		let free = now >= info.last_heartbeat.saturating_add(Self::params().heartbeat_interval);
		info.last_heartbeat = now;
		Services::<T>::insert(service_id, info);
		Self::deposit_event(Event::HeartbeatReceived { service_id, free });
		Ok(PostDispatchInfo {
			actual_weight: None,
			pays_fee: if free { Pays::No } else { Pays::Yes },
		})
	}

	/// Whether an active service may be reaped now: stale for more than `reap_after` blocks,
	/// i.e. `now > last_heartbeat + stale_after + reap_after`.
	pub fn is_reapable(info: &crate::ServiceInfo<T>) -> bool {
		let params = Self::params();
		info.status == ServiceStatus::Active
			&& Self::now()
				> info
					.last_heartbeat
					.saturating_add(params.stale_after)
					.saturating_add(params.reap_after)
	}

	/// Retires a long-stale service; pays the reaper up to `reap_reward` of the deposit. The
	/// reward is a polite transfer: it takes nothing the provider has frozen (for a vote), so
	/// it may be less, or nothing, when the deposit satisfies a freeze.
	///
	/// # Errors
	/// `UnknownService`, `ServiceRetired`, `NotReapable`.
	pub(crate) fn do_reap(reaper: &T::AccountId, service_id: ServiceId) -> DispatchResult {
		let mut info = Services::<T>::get(service_id).ok_or(Error::<T>::UnknownService)?;
		ensure!(!info.is_retired(), Error::<T>::ServiceRetired);
		ensure!(Self::is_reapable(&info), Error::<T>::NotReapable);
		let unlock_at = Self::retire(service_id, &mut info)?;
		let reward = Self::params().reap_reward * info.deposit;
		let paid = if reaper == &info.provider {
			// A provider reaping its own service just retires it.
			Default::default()
		} else {
			// Nothing is paid when even that fails (e.g. a reward below the existential deposit
			// of a reaper without an account); the service is retired either way.
			frame_support::storage::with_storage_layer(|| {
				T::Currency::transfer_on_hold(
					&HoldReason::ServiceDeposit.into(),
					&info.provider,
					reaper,
					reward,
					Precision::BestEffort,
					Restriction::Free,
					Fortitude::Polite,
				)
			})
			.unwrap_or_default()
		};
		info.deposit = info.deposit.saturating_sub(paid);
		Services::<T>::insert(service_id, info);
		Self::deposit_event(Event::ServiceReaped {
			service_id,
			reaper: reaper.clone(),
			reward: paid,
			unlock_at,
		});
		Ok(())
	}
}
