//! # Service registry pallet
//!
//! On-chain service discovery for ServiceChain. Providers register services (endpoints,
//! protocol, tags, price per unit), bond a deposit sized by what they store, and prove liveness
//! with heartbeats; anyone discovers them by tag, protocol, price and rating through the
//! [`runtime_api::ServiceRegistryApi`] without scanning all services.
//!
//! ## Life cycle
//! `register_service` → `Active` ⇄ `Paused` (`pause_service`/`resume_service`) → `Retired`
//! (`deregister_service`, `force_deregister_service`, or `reap_stale_service` when its
//! heartbeats stopped) → removed by `withdraw_deposit` once `retirement_period` has passed,
//! which gives consumers with open channels time to settle. Ids are never reused.
//!
//! ## Deposit
//! `deposit = base_deposit + byte_deposit × encoded size of the stored service record`, held
//! with [`HoldReason::ServiceDeposit`]. `update_service` tops it up or releases the surplus.
//!
//! ## Liveness
//! A service whose last heartbeat is more than `stale_after` blocks old is *stale*: discovery
//! hides it (unless asked not to) and the payments pallet will not open channels to it. One
//! heartbeat per `heartbeat_interval` is free. A service stale for more than `reap_after`
//! further blocks can be reaped by anyone for `reap_reward` of its deposit. The reward never
//! takes funds the provider has frozen (for a vote): it is what the deposit can pay without
//! breaking a freeze, up to `reap_reward`.
//!
//! ## Slashing
//! Governance (`slash_service`) moves part of a deposit to [`Config::Slash`]. A slash cannot be
//! blocked by the provider's vote freezes; afterwards [`Config::VoteBacking`] caps the
//! provider's votes at what it still holds, so slashed SCV never goes on counting in a vote.
//!
//! ## Ratings
//! Accounts that have paid a service at least `min_paid_to_rate` (asked through
//! [`Config::Payments`]) may rate it 1..=5, updatable; its provider and payee may not. Each
//! rating weighs what its rater had paid the service when it rated, so the average moves only
//! as far as real payments push it: shifting it costs Sybil raters the protocol fee on what
//! they pay (see the pallet's documentation). There is no cap on the number of raters, so no
//! genuine payer is ever locked out; each rating lives as long as the rater's ledger entry in
//! the payments pallet, whose deposit pays for both, and goes when the rater removes it.
//!
//! ## Invariants (checked by `try_state`, see [`invariants`])
//! - Every index entry (by provider, by tag) points at an existing service that belongs there,
//!   and every listed (active) service is in the index of each of its tags; retired and paused
//!   services are in no tag index.
//! - Per provider, the held `ServiceDeposit` equals the sum of its services' `deposit`.
//! - Counters: `ServiceCount` equals the number of services, `ProviderServiceCount` the number
//!   of each provider's services, `TagServiceCount` the size of each tag index, every id is
//!   below `NextServiceId`, and each service's ratings add up to its `rating_count`,
//!   `rating_weight` and `rating_points`.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod deposit;
mod discovery;
pub mod invariants;
mod liveness;
pub mod migrations;
#[cfg(test)]
mod mock;
mod on_payment_record_removed;
mod ratings;
pub mod runtime_api;
mod service_inspect;
mod services;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

use frame_support::traits::fungible;

/// Balance type of the currency deposits are held in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A credit (imbalance) of the deposit currency, e.g. a slashed deposit.
pub type CreditOf<T> =
	fungible::Credit<<T as frame_system::Config>::AccountId, <T as Config>::Currency>;

/// A tag as stored.
pub type TagOf<T> = BoundedBytes<<T as Config>::MaxTagLen>;

/// The genesis config's services: each provider with its services.
pub type GenesisServicesOf<T> = alloc::vec::Vec<(
	<T as frame_system::Config>::AccountId,
	alloc::vec::Vec<GenesisService<BalanceOf<T>>>,
)>;

/// The governance-tunable parameters with this runtime's types.
pub type ParamsOf<T> =
	RegistryParams<BalanceOf<T>, frame_system::pallet_prelude::BlockNumberFor<T>>;

/// Order-preserving storage key of a service id (big-endian), so index iteration is by id.
pub use servicechain_primitives::IdKey;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{BalancedHold, InspectHold, MutateHold},
			OnUnbalanced,
		},
	};
	use frame_system::pallet_prelude::*;
	use servicechain_primitives::{PaymentInspect, VoteBacking};
	use sp_runtime::Saturating;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the service registry.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency deposits are held in.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ BalancedHold<Self::AccountId>
			+ InspectHold<Self::AccountId>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Where slashed deposits go (e.g. the protocol treasury).
		type Slash: OnUnbalanced<CreditOf<Self>>;

		/// Origin that may slash, force-deregister and set parameters.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// How much an account has paid a service (the metered-payments pallet).
		type Payments: PaymentInspect<Self::AccountId, BalanceOf<Self>>;

		/// Votes backed by frozen balance (the DAO pallet): told when a slash took funds from
		/// a provider, so its votes count no more than it still holds.
		type VoteBacking: VoteBacking<Self::AccountId>;

		/// Longest service name, in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;
		/// Longest endpoint (URL or multiaddr), in bytes.
		#[pallet::constant]
		type MaxEndpointLen: Get<u32>;
		/// Most endpoints per service.
		#[pallet::constant]
		type MaxEndpoints: Get<u32>;
		/// Longest protocol name, in bytes.
		#[pallet::constant]
		type MaxProtocolLen: Get<u32>;
		/// Longest tag, in bytes.
		#[pallet::constant]
		type MaxTagLen: Get<u32>;
		/// Most tags per service.
		#[pallet::constant]
		type MaxTags: Get<u32>;
		/// Longest custom unit name, in bytes.
		#[pallet::constant]
		type MaxUnitLen: Get<u32>;
		/// Longest metadata hash or CID, in bytes.
		#[pallet::constant]
		type MaxMetadataLen: Get<u32>;
		/// Most services (including retired, not yet withdrawn ones) one provider may have.
		#[pallet::constant]
		type MaxServicesPerProvider: Get<u32>;
		/// Most results one discovery call returns.
		#[pallet::constant]
		type MaxPageSize: Get<u32>;
		/// Most candidates one discovery call examines before returning a cursor.
		#[pallet::constant]
		type MaxScan: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Reasons this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit bonded for a registered service.
		ServiceDeposit,
	}

	/// The id the next registered service gets.
	#[pallet::storage]
	pub type NextServiceId<T> = StorageValue<_, ServiceId, ValueQuery>;

	/// All services that exist (active, paused, or retired and not yet withdrawn).
	#[pallet::storage]
	pub type Services<T: Config> = StorageMap<_, Twox64Concat, ServiceId, ServiceInfo<T>>;

	/// Number of entries in [`Services`].
	#[pallet::storage]
	pub type ServiceCount<T> = StorageValue<_, u32, ValueQuery>;

	/// Index: a provider's services, iterated in id order.
	#[pallet::storage]
	pub type ServicesByProvider<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Identity, IdKey, (), OptionQuery>;

	/// Number of services per provider (for `MaxServicesPerProvider`).
	#[pallet::storage]
	pub type ProviderServiceCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Index: active services per tag, iterated in id order.
	#[pallet::storage]
	pub type ServicesByTag<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, TagOf<T>, Identity, IdKey, (), OptionQuery>;

	/// Number of entries per tag in [`ServicesByTag`] (discovery iterates the rarest tag).
	#[pallet::storage]
	pub type TagServiceCount<T: Config> =
		StorageMap<_, Blake2_128Concat, TagOf<T>, u32, ValueQuery>;

	/// Each rater's score (1..=5) per service, with its weight. A rating stays while the
	/// rater's ledger entry in the payments pallet does (also after the service is removed).
	#[pallet::storage]
	pub type Ratings<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ServiceId, Blake2_128Concat, T::AccountId, Rating>;

	/// The governance-tunable parameters.
	#[pallet::storage]
	pub type Parameters<T: Config> = StorageValue<_, ParamsOf<T>, OptionQuery>;

	/// Genesis: the initial parameters.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Initial parameters; `None` uses [`Pallet::default_params`].
		pub params: Option<ParamsOf<T>>,
		/// Services registered at genesis: each provider with its services, registered in
		/// order (ids from 0) with their deposits held from the provider's genesis balance,
		/// exactly as `register_service` does: for test networks and large-state tests. Their
		/// last heartbeat is block 0.
		pub services: GenesisServicesOf<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let params = self.params.clone().unwrap_or_else(Pallet::<T>::default_params);
			assert!(Pallet::<T>::params_valid(&params), "invalid service registry parameters");
			Parameters::<T>::put(params);
			let all = self.services.iter().flat_map(|(p, list)| list.iter().map(move |s| (p, s)));
			for (index, (provider, service)) in all.enumerate() {
				// A chain spec that cannot be built must not start a chain: genesis panics.
				let registered = Pallet::<T>::validate_input(service.clone().into())
					.and_then(|details| Pallet::<T>::do_register(provider.clone(), details));
				if let Err(e) = registered {
					panic!("genesis service {index} of the service registry: {e:?}");
				}
			}
		}
	}

	/// Events: every change to a service, so clients can watch instead of polling.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A service was registered.
		ServiceRegistered {
			/// The new service's id.
			service_id: ServiceId,
			/// Its provider.
			provider: T::AccountId,
			/// Deposit held.
			deposit: BalanceOf<T>,
		},
		/// A service's details were changed.
		ServiceUpdated {
			/// The service.
			service_id: ServiceId,
			/// Its new version.
			version: u32,
			/// Deposit held now.
			deposit: BalanceOf<T>,
		},
		/// A heartbeat was recorded.
		HeartbeatReceived {
			/// The service.
			service_id: ServiceId,
			/// Whether this heartbeat was free.
			free: bool,
		},
		/// A service was paused by its provider.
		ServicePaused {
			/// The service.
			service_id: ServiceId,
		},
		/// A paused service was resumed.
		ServiceResumed {
			/// The service.
			service_id: ServiceId,
		},
		/// A service was retired by its provider.
		ServiceDeregistered {
			/// The service.
			service_id: ServiceId,
			/// When its deposit can be withdrawn.
			unlock_at: BlockNumberFor<T>,
		},
		/// A service was retired by the governance origin.
		ServiceForceDeregistered {
			/// The service.
			service_id: ServiceId,
			/// When its deposit can be withdrawn.
			unlock_at: BlockNumberFor<T>,
		},
		/// A stale service was reaped.
		ServiceReaped {
			/// The service.
			service_id: ServiceId,
			/// Who reaped it.
			reaper: T::AccountId,
			/// Reward paid to the reaper from the deposit.
			reward: BalanceOf<T>,
			/// When the rest of the deposit can be withdrawn.
			unlock_at: BlockNumberFor<T>,
		},
		/// A retired service's deposit was released and the service removed.
		DepositWithdrawn {
			/// The service.
			service_id: ServiceId,
			/// Its provider.
			provider: T::AccountId,
			/// Amount released.
			amount: BalanceOf<T>,
		},
		/// A service was rated.
		ServiceRated {
			/// The service.
			service_id: ServiceId,
			/// The rater.
			rater: T::AccountId,
			/// The score, 1..=5.
			score: u8,
			/// The rater's previous score, if this updated one.
			previous: Option<u8>,
		},
		/// A rating was removed with the ledger entry that backed it.
		RatingRemoved {
			/// The service.
			service_id: ServiceId,
			/// The former rater.
			rater: T::AccountId,
		},
		/// Part of a service's deposit was slashed.
		ServiceSlashed {
			/// The service.
			service_id: ServiceId,
			/// Amount slashed.
			amount: BalanceOf<T>,
			/// Hash of the reason (e.g. of an off-chain report).
			reason: T::Hash,
		},
		/// The parameters were changed.
		ParametersSet {
			/// The new parameters.
			params: ParamsOf<T>,
		},
	}

	/// Errors: every bad input is named.
	#[pallet::error]
	pub enum Error<T> {
		/// The name is empty.
		EmptyName,
		/// The name is longer than `MaxNameLen`.
		NameTooLong,
		/// No endpoint was given.
		NoEndpoints,
		/// More endpoints than `MaxEndpoints`.
		TooManyEndpoints,
		/// An endpoint is empty.
		EmptyEndpoint,
		/// An endpoint is longer than `MaxEndpointLen`.
		EndpointTooLong,
		/// The protocol is empty.
		EmptyProtocol,
		/// The protocol is longer than `MaxProtocolLen`.
		ProtocolTooLong,
		/// More tags than `MaxTags`.
		TooManyTags,
		/// A tag is empty.
		EmptyTag,
		/// A tag is longer than `MaxTagLen`.
		TagTooLong,
		/// The same tag was given twice.
		DuplicateTag,
		/// The custom unit is empty.
		EmptyUnit,
		/// The custom unit is longer than `MaxUnitLen`.
		UnitTooLong,
		/// The metadata hash/CID is empty.
		EmptyMetadata,
		/// The metadata hash/CID is longer than `MaxMetadataLen`.
		MetadataTooLong,
		/// The price per unit is zero.
		ZeroPrice,
		/// No service has this id.
		UnknownService,
		/// Only the service's provider may do this.
		NotProvider,
		/// The service is retired.
		ServiceRetired,
		/// The service is not retired.
		NotRetired,
		/// The service is already paused.
		AlreadyPaused,
		/// The service is not paused.
		NotPaused,
		/// The retirement period has not passed yet.
		DepositLocked,
		/// The service has not been stale for longer than `reap_after` (or is paused).
		NotReapable,
		/// The provider has `MaxServicesPerProvider` services already.
		TooManyServices,
		/// A score must be 1..=5.
		RatingOutOfRange,
		/// The rater has not paid this service at least `min_paid_to_rate`.
		NotAPayer,
		/// A service's provider or payee cannot rate it.
		OwnService,
		/// The provider cannot afford the deposit.
		InsufficientBalance,
		/// The parameters are inconsistent (zero intervals, or no deposit for a service).
		InvalidParameters,
		/// An id or counter would overflow.
		Overflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			for (name, value) in [
				("MaxNameLen", T::MaxNameLen::get()),
				("MaxEndpointLen", T::MaxEndpointLen::get()),
				("MaxEndpoints", T::MaxEndpoints::get()),
				("MaxProtocolLen", T::MaxProtocolLen::get()),
				("MaxTagLen", T::MaxTagLen::get()),
				("MaxTags", T::MaxTags::get()),
				("MaxUnitLen", T::MaxUnitLen::get()),
				("MaxMetadataLen", T::MaxMetadataLen::get()),
				("MaxServicesPerProvider", T::MaxServicesPerProvider::get()),
				("MaxPageSize", T::MaxPageSize::get()),
			] {
				assert!(value > 0, "{name} must be positive");
			}
			assert!(
				T::MaxScan::get() >= T::MaxPageSize::get(),
				"MaxScan must be at least MaxPageSize"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers a service and holds its deposit. The new id is in `ServiceRegistered`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_service(input.tags.len() as u32))]
		pub fn register_service(
			origin: OriginFor<T>,
			input: ServiceInput<T::AccountId, BalanceOf<T>>,
		) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			let details = Self::validate_input(input)?;
			Self::do_register(provider, details).map(|_| ())
		}

		/// Replaces a service's details; the deposit is topped up or partly released to match.
		/// A new payee's own rating of the service, if it had one, is removed (nobody rates a
		/// service that pays them).
		#[pallet::call_index(1)]
		#[pallet::weight(
			T::WeightInfo::update_service(T::MaxTags::get())
				.saturating_add(T::WeightInfo::remove_rating())
		)]
		pub fn update_service(
			origin: OriginFor<T>,
			service_id: ServiceId,
			input: ServiceInput<T::AccountId, BalanceOf<T>>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let details = Self::validate_input(input)?;
			Self::do_update(&who, service_id, details)
		}

		/// Marks a service alive now. One heartbeat per `heartbeat_interval` is free.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::heartbeat())]
		pub fn heartbeat(
			origin: OriginFor<T>,
			service_id: ServiceId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_heartbeat(&who, service_id)
		}

		/// Takes an active service out of discovery until `resume_service`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::pause_service(T::MaxTags::get()))]
		pub fn pause_service(origin: OriginFor<T>, service_id: ServiceId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_pause(&who, service_id)
		}

		/// Lists a paused service again (and counts as a heartbeat).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::resume_service(T::MaxTags::get()))]
		pub fn resume_service(origin: OriginFor<T>, service_id: ServiceId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_resume(&who, service_id)
		}

		/// Retires a service; its deposit can be withdrawn after `retirement_period`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::deregister_service(T::MaxTags::get()))]
		pub fn deregister_service(origin: OriginFor<T>, service_id: ServiceId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deregister(Some(&who), service_id)
		}

		/// Releases a retired service's deposit once `retirement_period` has passed and removes
		/// the service (its ratings go with their raters' ledger entries). Only its provider may
		/// call this.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::withdraw_deposit())]
		pub fn withdraw_deposit(origin: OriginFor<T>, service_id: ServiceId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_deposit(&who, service_id)
		}

		/// Retires a service stale for more than `reap_after` blocks; the caller receives
		/// `reap_reward` of its deposit.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::reap_stale_service(T::MaxTags::get()))]
		pub fn reap_stale_service(origin: OriginFor<T>, service_id: ServiceId) -> DispatchResult {
			let reaper = ensure_signed(origin)?;
			Self::do_reap(&reaper, service_id)
		}

		/// Rates a service 1..=5, weighted by what the caller has paid it. Only accounts that
		/// paid it at least `min_paid_to_rate` may, and not its provider or payee; rating again
		/// replaces the previous score and weight.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::rate_service().saturating_add(T::Payments::weight()))]
		pub fn rate_service(
			origin: OriginFor<T>,
			service_id: ServiceId,
			score: u8,
		) -> DispatchResult {
			let rater = ensure_signed(origin)?;
			ensure!((1..=5).contains(&score), Error::<T>::RatingOutOfRange);
			Self::do_rate(rater, service_id, score)
		}

		/// Governance: moves up to `amount` of a service's deposit to the slash destination;
		/// the provider's votes are then capped at what it still holds.
		#[pallet::call_index(9)]
		#[pallet::weight(
			T::WeightInfo::slash_service().saturating_add(T::VoteBacking::rebalance_weight())
		)]
		pub fn slash_service(
			origin: OriginFor<T>,
			service_id: ServiceId,
			amount: BalanceOf<T>,
			reason: T::Hash,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_slash(service_id, amount, reason)
		}

		/// Governance: retires a service as if its provider had deregistered it.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::deregister_service(T::MaxTags::get()))]
		pub fn force_deregister_service(
			origin: OriginFor<T>,
			service_id: ServiceId,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_deregister(None, service_id)
		}

		/// Governance: sets all tunable parameters.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::set_parameters())]
		pub fn set_parameters(origin: OriginFor<T>, params: ParamsOf<T>) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(Self::params_valid(&params), Error::<T>::InvalidParameters);
			Parameters::<T>::put(params.clone());
			Self::deposit_event(Event::ParametersSet { params });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The parameters in force (genesis sets them; defaults if storage is empty).
		pub fn params() -> ParamsOf<T> {
			Parameters::<T>::get().unwrap_or_else(Self::default_params)
		}

		/// Whether the parameters are consistent: every interval is at least one block, and a
		/// service always carries a deposit (`base_deposit` > 0).
		pub fn params_valid(p: &ParamsOf<T>) -> bool {
			let one: BlockNumberFor<T> = 1u32.into();
			p.base_deposit > Default::default()
				&& p.heartbeat_interval >= one
				&& p.stale_after >= one
				&& p.reap_after >= one
				&& p.retirement_period >= one
		}

		/// Parameters used when genesis gives none: a deposit of the existential deposit and
		/// nothing per byte, heartbeats every 100 blocks, stale after 600, reapable 600 later,
		/// 10% reaper reward, 100 blocks to settle.
		pub fn default_params() -> ParamsOf<T> {
			use frame_support::traits::fungible::Inspect;
			RegistryParams {
				base_deposit: T::Currency::minimum_balance(),
				byte_deposit: Default::default(),
				heartbeat_interval: 100u32.into(),
				stale_after: 600u32.into(),
				reap_after: 600u32.into(),
				reap_reward: sp_runtime::Perbill::from_percent(10),
				retirement_period: 100u32.into(),
				min_paid_to_rate: Default::default(),
			}
		}

		/// The current block number.
		pub(crate) fn now() -> BlockNumberFor<T> {
			frame_system::Pallet::<T>::block_number()
		}

		/// Whether a service's last heartbeat is more than `stale_after` blocks old.
		pub fn is_stale(info: &ServiceInfo<T>) -> bool {
			Self::now() > info.last_heartbeat.saturating_add(Self::params().stale_after)
		}
	}
}
