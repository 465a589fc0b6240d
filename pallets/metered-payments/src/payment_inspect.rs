//! `PaymentInspect`: the registry asks this ledger who paid a service, and how much.

use crate::{BalanceOf, Config, PaidToService, Pallet};
use servicechain_primitives::{PaymentInspect, ServiceId};

/// The registry asks this ledger who has paid a service enough to rate it, and how much.
impl<T: Config> PaymentInspect<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn paid_to_service(who: &T::AccountId, id: ServiceId) -> BalanceOf<T> {
		PaidToService::<T>::get(who, id).map(|r| r.paid).unwrap_or_default()
	}
}
