//! Runtime benchmarks: the pallets `benchmark pallet` (node) and `frame-omni-bencher` can run.

use crate::{
	configs::xcm_config::{PriceForParentDelivery, XcmConfig},
	AllPalletsWithSystem, Balances, Dao, MeteredPayments, Runtime, RuntimeCall, ServiceRegistry,
	Sudo, Timestamp, Utility, EXISTENTIAL_DEPOSIT,
};
use alloc::{boxed::Box, string::String, vec::Vec};
use frame_benchmarking::{BenchmarkBatch, BenchmarkConfig, BenchmarkList};
use frame_support::{
	parameter_types,
	traits::{StorageInfo, StorageInfoTrait, WhitelistedStorageKeys},
};
use xcm::latest::prelude::{Asset, AssetId, Assets, Fungible, Here, Location, Parent};

frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_utility, Utility]
	[pallet_sudo, Sudo]
	[pallet_service_registry, ServiceRegistry]
	[pallet_metered_payments, MeteredPayments]
	[pallet_dao, Dao]
	[pallet_xcm, PalletXcmExtrinsicsBenchmark::<Runtime>]
);

type SystemBench<T> = frame_system_benchmarking::Pallet<T>;
type PalletXcmExtrinsicsBenchmark<T> = pallet_xcm::benchmarking::Pallet<T>;

parameter_types! {
	/// What the relay chain's delivery helper funds an account with: one existential deposit.
	pub ExistentialDepositAsset: Option<Asset> = Some((Here, EXISTENTIAL_DEPOSIT).into());
}

/// `pallet_xcm`'s benchmarks: messages go to the relay chain (UMP), paying the delivery fee in
/// SCV. Teleports and reserve transfers through `pallet_xcm` are disabled in this runtime, so
/// their benchmarks measure nothing (they weigh `Weight::MAX`).
impl pallet_xcm::benchmarking::Config for Runtime {
	type DeliveryHelper = cumulus_primitives_utility::ToParentDeliveryHelper<
		XcmConfig,
		ExistentialDepositAsset,
		PriceForParentDelivery,
	>;

	fn reachable_dest() -> Option<Location> {
		Some(Parent.into())
	}

	fn set_up_complex_asset_transfer() -> Option<(Assets, u32, Location, Box<dyn FnOnce()>)> {
		None
	}

	fn get_asset() -> Asset {
		Asset { id: AssetId(Location::here()), fun: Fungible(EXISTENTIAL_DEPOSIT) }
	}

	fn batch_call(calls: Vec<RuntimeCall>) -> Option<RuntimeCall> {
		Some(RuntimeCall::Utility(pallet_utility::Call::batch_all { calls }))
	}
}

impl frame_system_benchmarking::Config for Runtime {
	fn setup_set_code_requirements(
		code: &Vec<u8>,
	) -> Result<(), frame_benchmarking::BenchmarkError> {
		crate::ParachainSystem::initialize_for_set_code_benchmark(code.len() as u32);
		Ok(())
	}

	fn verify_set_code() {
		crate::System::assert_last_event(
			cumulus_pallet_parachain_system::Event::<Runtime>::ValidationFunctionStored.into(),
		);
	}
}

/// Lists the benchmarks and the storage info of all pallets.
pub fn benchmark_metadata(extra: bool) -> (Vec<BenchmarkList>, Vec<StorageInfo>) {
	let mut list = Vec::<BenchmarkList>::new();
	list_benchmarks!(list, extra);
	(list, AllPalletsWithSystem::storage_info())
}

/// Runs the benchmarks selected by `config`.
pub fn dispatch_benchmark(config: BenchmarkConfig) -> Result<Vec<BenchmarkBatch>, String> {
	let whitelist = AllPalletsWithSystem::whitelisted_storage_keys();
	let mut batches = Vec::<BenchmarkBatch>::new();
	let params = (&config, &whitelist);
	add_benchmarks!(params, batches);
	Ok(batches)
}
