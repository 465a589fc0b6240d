//! The runtime API of the service registry: discovery for clients (polkadot.js calls it as
//! `api.call.serviceRegistryApi.*`).

use crate::{RegistryParams, ServiceFilter, ServicePage};
use codec::Codec;
use servicechain_primitives::ServiceId;

sp_api::decl_runtime_apis! {
	/// Discovery of registered services.
	///
	/// `Summary` is the runtime's `ServiceSummary<ServiceInfo<Runtime>>`.
	pub trait ServiceRegistryApi<Summary, AccountId, Balance, BlockNumber>
	where
		Summary: Codec,
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// One service by id (any status), with its staleness and average rating.
		fn service(id: ServiceId) -> Option<Summary>;

		/// A provider's services (any status), ascending by id after `start_after`; at most
		/// `limit` (capped at `MaxPageSize`).
		fn services_by_provider(
			provider: AccountId,
			start_after: Option<ServiceId>,
			limit: u32,
		) -> ServicePage<Summary>;

		/// Listed services matching `filter`, ascending by id after `start_after`; at most
		/// `limit` (capped at `MaxPageSize`). Continue with `next_cursor` while it is `Some`.
		fn find_services(
			filter: ServiceFilter<Balance>,
			start_after: Option<ServiceId>,
			limit: u32,
		) -> ServicePage<Summary>;

		/// The parameters in force.
		fn parameters() -> RegistryParams<Balance, BlockNumber>;
	}
}
