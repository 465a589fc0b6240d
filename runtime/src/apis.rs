//! The runtime APIs: what the node, polkadot.js and other clients can call.

use crate::{
	configs::xcm_config::RelayLocation, genesis_config_presets, AccountId, Balance, Block,
	ConsensusHook, Dao, Executive, InherentDataExt, MeteredPayments, Nonce, ParachainSystem,
	PolkadotXcm, Runtime, RuntimeCall, RuntimeGenesisConfig, ServiceRegistry, SessionKeys, System,
	TransactionPayment, VERSION,
};
use alloc::{vec, vec::Vec};
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	weights::Weight,
};
use pallet_aura::Authorities;
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::Block as BlockT,
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult,
};
use sp_version::RuntimeVersion;
use xcm::{VersionedAssetId, VersionedAssets, VersionedLocation, VersionedXcm};
use xcm_runtime_apis::{
	dry_run::{CallDryRunEffects, Error as XcmDryRunApiError, XcmDryRunEffects},
	fees::Error as XcmPaymentApiError,
};

impl_runtime_apis! {
	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(crate::SLOT_DURATION)
		}

		fn authorities() -> Vec<AuraId> {
			Authorities::<Runtime>::get().into_inner()
		}
	}

	impl cumulus_primitives_aura::AuraUnincludedSegmentApi<Block> for Runtime {
		fn can_build_upon(
			included_hash: <Block as BlockT>::Hash,
			slot: cumulus_primitives_aura::Slot,
		) -> bool {
			ConsensusHook::can_build_upon(included_hash, slot)
		}
	}

	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block)
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl frame_support::view_functions::runtime_api::RuntimeViewFunction<Block> for Runtime {
		fn execute_view_function(
			id: frame_support::view_functions::ViewFunctionId,
			input: Vec<u8>,
		) -> Result<Vec<u8>, frame_support::view_functions::ViewFunctionDispatchError> {
			Runtime::execute_view_function(id, input)
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_authority_discovery::AuthorityDiscoveryApi<Block> for Runtime {
		/// The collators of the current session, in authoring order (what collator discovery
		/// expects; `Pallet::authorities()` would sort them and add the next session's).
		fn authorities() -> Vec<sp_authority_discovery::AuthorityId> {
			pallet_authority_discovery::Pallet::<Runtime>::current_authorities().to_vec()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}
		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}
		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl xcm_runtime_apis::fees::XcmPaymentApi<Block> for Runtime {
		fn query_acceptable_payment_assets(xcm_version: xcm::Version) -> Result<Vec<VersionedAssetId>, XcmPaymentApiError> {
			let acceptable_assets = vec![xcm::latest::AssetId(RelayLocation::get())];
			PolkadotXcm::query_acceptable_payment_assets(xcm_version, acceptable_assets)
		}

		fn query_weight_to_asset_fee(weight: Weight, asset: VersionedAssetId) -> Result<u128, XcmPaymentApiError> {
			use frame_support::weights::WeightToFee as _;
			let latest_asset_id: Result<xcm::latest::AssetId, ()> = asset.clone().try_into();
			match latest_asset_id {
				Ok(asset_id) if asset_id.0 == RelayLocation::get() => {
					Ok(crate::WeightToFee::weight_to_fee(&weight))
				},
				Ok(_) => Err(XcmPaymentApiError::AssetNotFound),
				Err(()) => Err(XcmPaymentApiError::VersionedConversionFailed),
			}
		}

		fn query_xcm_weight(message: VersionedXcm<()>) -> Result<Weight, XcmPaymentApiError> {
			PolkadotXcm::query_xcm_weight(message)
		}

		fn query_delivery_fees(
			destination: VersionedLocation,
			message: VersionedXcm<()>,
			asset_id: VersionedAssetId,
		) -> Result<VersionedAssets, XcmPaymentApiError> {
			type AssetExchanger = <crate::configs::xcm_config::XcmConfig as xcm_executor::Config>::AssetExchanger;
			PolkadotXcm::query_delivery_fees::<AssetExchanger>(destination, message, asset_id)
		}
	}

	impl xcm_runtime_apis::dry_run::DryRunApi<Block, RuntimeCall, crate::RuntimeEvent, crate::OriginCaller> for Runtime {
		fn dry_run_call(
			origin: crate::OriginCaller,
			call: RuntimeCall,
			result_xcms_version: xcm::prelude::XcmVersion,
		) -> Result<CallDryRunEffects<crate::RuntimeEvent>, XcmDryRunApiError> {
			PolkadotXcm::dry_run_call::<Runtime, crate::configs::xcm_config::XcmRouter, crate::OriginCaller, RuntimeCall>(origin, call, result_xcms_version)
		}

		fn dry_run_xcm(
			origin_location: VersionedLocation,
			xcm: VersionedXcm<RuntimeCall>,
		) -> Result<XcmDryRunEffects<crate::RuntimeEvent>, XcmDryRunApiError> {
			PolkadotXcm::dry_run_xcm::<crate::configs::xcm_config::XcmRouter>(origin_location, xcm)
		}
	}

	impl xcm_runtime_apis::conversions::LocationToAccountApi<Block, AccountId> for Runtime {
		fn convert_location(location: VersionedLocation) -> Result<
			AccountId,
			xcm_runtime_apis::conversions::Error
		> {
			xcm_runtime_apis::conversions::LocationToAccountHelper::<
				AccountId,
				crate::configs::xcm_config::LocationToAccountId,
			>::convert_location(location)
		}
	}

	impl pallet_dao::runtime_api::DaoApi<
		Block,
		AccountId,
		pallet_dao::DaoOf<Runtime>,
		pallet_dao::ProposalOf<Runtime>,
	> for Runtime {
		fn dao(dao_id: pallet_dao::DaoId) -> Option<pallet_dao::DaoOf<Runtime>> {
			Dao::dao(dao_id)
		}

		fn members(dao_id: pallet_dao::DaoId) -> Vec<(AccountId, pallet_dao::Shares)> {
			Dao::members(dao_id)
		}

		fn proposals(
			dao_id: pallet_dao::DaoId,
		) -> Vec<(pallet_dao::ProposalId, pallet_dao::ProposalOf<Runtime>)> {
			Dao::live_proposals(dao_id)
		}

		fn proposal(
			dao_id: pallet_dao::DaoId,
			proposal_id: pallet_dao::ProposalId,
		) -> Option<pallet_dao::ProposalOf<Runtime>> {
			Dao::proposal(dao_id, proposal_id)
		}

		fn treasury_account(dao_id: pallet_dao::DaoId) -> AccountId {
			Dao::treasury_account(dao_id)
		}
	}

	impl pallet_metered_payments::runtime_api::MeteredPaymentsApi<
		Block,
		AccountId,
		Balance,
		crate::BlockNumber,
	> for Runtime {
		fn channel(id: pallet_metered_payments::ChannelId) -> Option<pallet_metered_payments::ChannelOf<Runtime>> {
			MeteredPayments::channel(id)
		}

		fn channels_of_consumer(
			consumer: AccountId,
			start_after: Option<pallet_metered_payments::ChannelId>,
			limit: u32,
		) -> pallet_metered_payments::ChannelPage<pallet_metered_payments::ChannelOf<Runtime>> {
			MeteredPayments::channels_of_consumer(&consumer, start_after, limit)
		}

		fn channels_of_provider(
			provider: AccountId,
			start_after: Option<pallet_metered_payments::ChannelId>,
			limit: u32,
		) -> pallet_metered_payments::ChannelPage<pallet_metered_payments::ChannelOf<Runtime>> {
			MeteredPayments::channels_of_provider(&provider, start_after, limit)
		}

		fn voucher_payload(channel_id: pallet_metered_payments::ChannelId, cumulative_units: u64) -> [u8; 71] {
			MeteredPayments::voucher_payload(channel_id, cumulative_units)
		}

		fn claimable(
			channel_id: pallet_metered_payments::ChannelId,
			cumulative_units: u64,
		) -> Result<pallet_metered_payments::Claimable<Balance>, sp_runtime::DispatchError> {
			MeteredPayments::claimable(channel_id, cumulative_units)
		}

		fn parameters() -> pallet_metered_payments::ParamsOf<Runtime> {
			MeteredPayments::params()
		}
	}

	impl pallet_service_registry::runtime_api::ServiceRegistryApi<
		Block,
		pallet_service_registry::ServiceSummary<pallet_service_registry::ServiceInfo<Runtime>>,
		AccountId,
		Balance,
		crate::BlockNumber,
	> for Runtime {
		fn service(
			id: pallet_service_registry::ServiceId,
		) -> Option<pallet_service_registry::ServiceSummary<pallet_service_registry::ServiceInfo<Runtime>>> {
			ServiceRegistry::service(id)
		}

		fn services_by_provider(
			provider: AccountId,
			start_after: Option<pallet_service_registry::ServiceId>,
			limit: u32,
		) -> pallet_service_registry::ServicePage<
			pallet_service_registry::ServiceSummary<pallet_service_registry::ServiceInfo<Runtime>>,
		> {
			ServiceRegistry::services_by_provider(&provider, start_after, limit)
		}

		fn find_services(
			filter: pallet_service_registry::ServiceFilter<Balance>,
			start_after: Option<pallet_service_registry::ServiceId>,
			limit: u32,
		) -> pallet_service_registry::ServicePage<
			pallet_service_registry::ServiceSummary<pallet_service_registry::ServiceInfo<Runtime>>,
		> {
			ServiceRegistry::find_services(filter, start_after, limit)
		}

		fn parameters() -> pallet_service_registry::RegistryParams<Balance, crate::BlockNumber> {
			ServiceRegistry::params()
		}
	}

	impl cumulus_primitives_core::CollectCollationInfo<Block> for Runtime {
		fn collect_collation_info(header: &<Block as BlockT>::Header) -> cumulus_primitives_core::CollationInfo {
			ParachainSystem::collect_collation_info(header)
		}
	}

	impl cumulus_primitives_core::GetParachainInfo<Block> for Runtime {
		fn parachain_id() -> cumulus_primitives_core::ParaId {
			crate::ParachainInfo::parachain_id()
		}
	}

	impl cumulus_primitives_core::RelayParentOffsetApi<Block> for Runtime {
		fn relay_parent_offset() -> u32 {
			crate::RELAY_PARENT_OFFSET
		}

		fn max_claim_queue_offset() -> u8 {
			crate::MAX_CLAIM_QUEUE_OFFSET
		}
	}

	impl cumulus_primitives_core::TargetBlockRate<Block> for Runtime {
		fn target_block_rate() -> u32 {
			crate::BLOCK_PROCESSING_VELOCITY
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(
			checks: frame_try_runtime::UpgradeCheckSelect,
		) -> (Weight, Weight) {
			// A failed migration must abort try-runtime with its reason: a panic is how the
			// API reports it (as in the parachain template).
			let weight = match Executive::try_runtime_upgrade(checks) {
				Ok(weight) => weight,
				Err(e) => panic!("runtime upgrade failed: {e:?}"),
			};
			(weight, crate::configs::system::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			// As above: the API has no error type; try-runtime reports the panic's message.
			match Executive::try_execute_block(block, state_root_check, signature_check, select) {
				Ok(weight) => weight,
				Err(e) => panic!("block execution failed: {e:?}"),
			}
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			crate::benchmarks::benchmark_metadata(extra)
		}

		#[allow(non_local_definitions)]
		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			crate::benchmarks::dispatch_benchmark(config)
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			genesis_config_presets::preset_names()
		}
	}
}
