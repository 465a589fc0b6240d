//! TEMPORARY: replaced by `scripts/benchmark-weights.sh` (pallet_xcm benchmarked on this machine).

use core::marker::PhantomData;
use frame_support::weights::Weight;
use pallet_xcm::TestWeightInfo as T0;

/// Weights for `pallet_xcm`.
pub struct WeightInfo<T>(PhantomData<T>);
impl<T: frame_system::Config> pallet_xcm::WeightInfo for WeightInfo<T> {
	fn send() -> Weight {
		<T0 as pallet_xcm::WeightInfo>::send()
	}
	fn teleport_assets() -> Weight {
		<T0 as pallet_xcm::WeightInfo>::teleport_assets()
	}
	fn reserve_transfer_assets() -> Weight {
		<T0 as pallet_xcm::WeightInfo>::reserve_transfer_assets()
	}
	fn transfer_assets() -> Weight {
		<T0 as pallet_xcm::WeightInfo>::transfer_assets()
	}
	fn execute() -> Weight {
		<T0 as pallet_xcm::WeightInfo>::execute()
	}
	fn force_xcm_version() -> Weight {
		<T0 as pallet_xcm::WeightInfo>::force_xcm_version()
	}
	fn force_default_xcm_version() -> Weight {
		<T0 as pallet_xcm::WeightInfo>::force_default_xcm_version()
	}
	fn force_subscribe_version_notify() -> Weight {
		<T0 as pallet_xcm::WeightInfo>::force_subscribe_version_notify()
	}
	fn force_unsubscribe_version_notify() -> Weight {
		<T0 as pallet_xcm::WeightInfo>::force_unsubscribe_version_notify()
	}
	fn force_suspension() -> Weight {
		<T0 as pallet_xcm::WeightInfo>::force_suspension()
	}
	fn migrate_supported_version() -> Weight {
		<T0 as pallet_xcm::WeightInfo>::migrate_supported_version()
	}
	fn migrate_version_notifiers() -> Weight {
		<T0 as pallet_xcm::WeightInfo>::migrate_version_notifiers()
	}
	fn already_notified_target() -> Weight {
		<T0 as pallet_xcm::WeightInfo>::already_notified_target()
	}
	fn notify_current_targets() -> Weight {
		<T0 as pallet_xcm::WeightInfo>::notify_current_targets()
	}
	fn notify_target_migration_fail() -> Weight {
		<T0 as pallet_xcm::WeightInfo>::notify_target_migration_fail()
	}
	fn migrate_version_notify_targets() -> Weight {
		<T0 as pallet_xcm::WeightInfo>::migrate_version_notify_targets()
	}
	fn migrate_and_notify_old_targets() -> Weight {
		<T0 as pallet_xcm::WeightInfo>::migrate_and_notify_old_targets()
	}
	fn new_query() -> Weight {
		<T0 as pallet_xcm::WeightInfo>::new_query()
	}
	fn take_response() -> Weight {
		<T0 as pallet_xcm::WeightInfo>::take_response()
	}
	fn add_authorized_alias() -> Weight {
		<T0 as pallet_xcm::WeightInfo>::add_authorized_alias()
	}
	fn remove_authorized_alias() -> Weight {
		<T0 as pallet_xcm::WeightInfo>::remove_authorized_alias()
	}
	fn claim_assets(n: u32) -> Weight {
		<T0 as pallet_xcm::WeightInfo>::claim_assets(n)
	}
	fn weigh_message(n: u32) -> Weight {
		<T0 as pallet_xcm::WeightInfo>::weigh_message(n)
	}
	fn decode_xcm(n: u32) -> Weight {
		<T0 as pallet_xcm::WeightInfo>::decode_xcm(n)
	}
}
