//! `PaymentInspect`: the registry asks this ledger who paid a service, and how much.

use crate::{weights::WeightInfo, BalanceOf, Config, PaidToService, Pallet};
use frame_support::weights::Weight;
use servicechain_primitives::{PaymentInspect, ServiceId};
use sp_runtime::Saturating;

/// The registry asks this ledger who has paid a service enough to rate it, and how much: what
/// its ledger entry holds (direct payments, closed channels, and claims on channels opened
/// before pages) plus what its open channels to the service paid so far.
impl<T: Config> PaymentInspect<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn paid_to_service(who: &T::AccountId, id: ServiceId) -> BalanceOf<T> {
		match PaidToService::<T>::get(who, id) {
			Some(record) => record.paid.saturating_add(Self::paid_through_open_channels(who, id)),
			None => Default::default(),
		}
	}

	fn weight() -> Weight {
		T::WeightInfo::paid_to_service()
	}
}
