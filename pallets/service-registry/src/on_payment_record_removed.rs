//! `OnPaymentRecordRemoved`: the payments pallet tells the registry a payer forgot a service.

use crate::{Config, Pallet, WeightInfo};
use frame_support::weights::Weight;
use servicechain_primitives::{OnPaymentRecordRemoved, ServiceId};

/// A rating lives as long as the payer's ledger entry that backs it (and its deposit).
impl<T: Config> OnPaymentRecordRemoved<T::AccountId> for Pallet<T> {
	fn payment_record_removed(who: &T::AccountId, id: ServiceId) {
		Self::remove_rating(who, id)
	}

	fn weight() -> Weight {
		T::WeightInfo::remove_rating()
	}
}
