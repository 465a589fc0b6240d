//! `ServiceInspect`: what the payments pallet reads of a service.

use crate::{Config, Pallet, ServiceStatus, Services};
use servicechain_primitives::ServiceId;

/// What the payments pallet needs to know about a service. `available` means listed (active)
/// and not stale: channels open only to such services.
impl<T: Config> servicechain_primitives::ServiceInspect<T::AccountId, crate::BalanceOf<T>>
	for Pallet<T>
{
	fn service_terms(
		id: ServiceId,
	) -> Option<servicechain_primitives::ServiceTerms<T::AccountId, crate::BalanceOf<T>>> {
		Services::<T>::get(id).map(|info| servicechain_primitives::ServiceTerms {
			provider: info.provider.clone(),
			payee: info.payee().clone(),
			price_per_unit: info.details.price_per_unit,
			available: info.status == ServiceStatus::Active && !Self::is_stale(&info),
		})
	}
}
