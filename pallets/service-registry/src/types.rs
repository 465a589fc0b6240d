//! Types stored by the service registry, and the inputs its calls and genesis config take.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;
use sp_runtime::Perbill;

pub use servicechain_primitives::ServiceId;

/// Bytes bounded by `S`.
pub type BoundedBytes<S> = BoundedVec<u8, S>;

/// What a price is charged per.
#[derive(
	CloneNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	EqNoBound,
	PartialEqNoBound,
	DebugNoBound,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(S))]
pub enum Unit<S: Get<u32>> {
	/// One request or call.
	Request,
	/// One second of use.
	Second,
	/// One megabyte of data.
	Megabyte,
	/// A short unit of the provider's own (e.g. `token`, `frame`).
	Custom(BoundedBytes<S>),
}

/// The life cycle of a service.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum ServiceStatus<BlockNumber> {
	/// Listed: discoverable while not stale, accepts new channels.
	Active,
	/// Temporarily not listed by its provider.
	Paused,
	/// Retired (deregistered, force-deregistered or reaped) at `since`; its deposit can be
	/// withdrawn from `unlock_at`.
	Retired {
		/// Block of retirement.
		since: BlockNumber,
		/// First block at which `withdraw_deposit` succeeds.
		unlock_at: BlockNumber,
	},
}

/// The provider-supplied description of a service: everything `register_service` and
/// `update_service` take.
#[derive(
	CloneNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	EqNoBound,
	PartialEqNoBound,
	DebugNoBound,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
pub struct ServiceDetails<T: crate::Config> {
	/// Human-readable name.
	pub name: BoundedBytes<T::MaxNameLen>,
	/// Where to reach the service: URLs or multiaddrs. At least one.
	pub endpoints: BoundedVec<BoundedBytes<T::MaxEndpointLen>, T::MaxEndpoints>,
	/// Protocol spoken at the endpoints, e.g. `https`, `grpc`, `wss`, `libp2p`.
	pub protocol: BoundedBytes<T::MaxProtocolLen>,
	/// Distinct tags for discovery.
	pub tags: BoundedVec<BoundedBytes<T::MaxTagLen>, T::MaxTags>,
	/// Price of one unit, in planck.
	pub price_per_unit: crate::BalanceOf<T>,
	/// What one unit is.
	pub unit: Unit<T::MaxUnitLen>,
	/// Optional hash or CID of a longer off-chain description.
	pub metadata: Option<BoundedBytes<T::MaxMetadataLen>>,
	/// Optional account receiving payments instead of the provider (e.g. a DAO treasury).
	pub beneficiary: Option<T::AccountId>,
}

/// A registered service.
#[derive(
	CloneNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	EqNoBound,
	PartialEqNoBound,
	DebugNoBound,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
pub struct ServiceInfo<T: crate::Config> {
	/// The account that registered the service and controls it.
	pub provider: T::AccountId,
	/// The provider's description.
	pub details: ServiceDetails<T>,
	/// Deposit currently held from the provider for this service.
	pub deposit: crate::BalanceOf<T>,
	/// Bumped on every update; starts at 0.
	pub version: u32,
	/// Block of registration.
	pub registered_at: frame_system::pallet_prelude::BlockNumberFor<T>,
	/// Block of the last heartbeat (registration counts as one).
	pub last_heartbeat: frame_system::pallet_prelude::BlockNumberFor<T>,
	/// Life cycle state.
	pub status: ServiceStatus<frame_system::pallet_prelude::BlockNumberFor<T>>,
	/// Number of ratings.
	pub rating_count: u32,
	/// Sum of the ratings' weights: what each rater had paid the service when it rated.
	pub rating_weight: u128,
	/// Sum of each rating's score (1..=5) times its weight.
	pub rating_points: u128,
}

/// One payer's rating of a service.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct Rating {
	/// The score, 1..=5.
	pub score: u8,
	/// What the rater had paid the service when it rated: the rating counts that much.
	pub weight: u128,
}

impl Rating {
	/// `score × weight`, what the rating adds to the service's `rating_points`.
	pub fn points(&self) -> u128 {
		self.weight.saturating_mul(u128::from(self.score))
	}
}

impl<T: crate::Config> ServiceInfo<T> {
	/// The account payments go to.
	pub fn payee(&self) -> &T::AccountId {
		self.details.beneficiary.as_ref().unwrap_or(&self.provider)
	}

	/// Average rating in hundredths (e.g. 450 = 4.50), each rating weighted by what its rater
	/// paid, or `None` when unrated.
	pub fn average_rating_centi(&self) -> Option<u32> {
		if self.rating_count == 0 || self.rating_weight == 0 {
			return None;
		}
		let avg = sp_runtime::helpers_128bit::multiply_by_rational_with_rounding(
			self.rating_points,
			100,
			self.rating_weight,
			sp_runtime::Rounding::Down,
		)?;
		Some(u32::try_from(avg).unwrap_or(u32::MAX))
	}

	/// Whether the service is retired.
	pub fn is_retired(&self) -> bool {
		matches!(self.status, ServiceStatus::Retired { .. })
	}
}

/// Parameters the governance origin can tune. Stored, with genesis defaults.
#[derive(
	Clone,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct RegistryParams<Balance, BlockNumber> {
	/// Deposit held for every service regardless of size.
	pub base_deposit: Balance,
	/// Deposit held per byte of the stored service record.
	pub byte_deposit: Balance,
	/// One heartbeat per this many blocks is free.
	pub heartbeat_interval: BlockNumber,
	/// A service with no heartbeat for more than this many blocks is stale.
	pub stale_after: BlockNumber,
	/// A service stale for more than this many blocks may be reaped by anyone.
	pub reap_after: BlockNumber,
	/// Share of the deposit paid to whoever reaps a service.
	pub reap_reward: Perbill,
	/// Blocks between retirement and when the deposit can be withdrawn.
	pub retirement_period: BlockNumber,
	/// Least amount an account must have paid a service to rate it.
	pub min_paid_to_rate: Balance,
}

/// What discovery filters on. All given conditions must hold.
#[derive(Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, Default)]
pub struct ServiceFilter<Balance> {
	/// The service must carry all of these tags (at most `MaxTags`).
	pub tags: alloc::vec::Vec<alloc::vec::Vec<u8>>,
	/// The service must speak this protocol.
	pub protocol: Option<alloc::vec::Vec<u8>>,
	/// The price per unit must be at most this.
	pub max_price_per_unit: Option<Balance>,
	/// The average rating must be at least this, in hundredths (e.g. 400 = 4.00). Unrated
	/// services do not pass a rating filter.
	pub min_average_rating_centi: Option<u32>,
	/// Also return services that are stale (no recent heartbeat).
	pub include_stale: bool,
}

/// A page of discovery results.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
pub struct ServicePage<Entry> {
	/// Matching services, ascending by id.
	pub services: alloc::vec::Vec<Entry>,
	/// Pass as `start_after` to continue; `None` when the search is complete.
	pub next_cursor: Option<ServiceId>,
}

/// A service as discovery returns it: the stored record plus derived liveness and rating.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
pub struct ServiceSummary<Info> {
	/// The service's id.
	pub id: ServiceId,
	/// The stored record.
	pub service: Info,
	/// Whether its last heartbeat is older than `stale_after`.
	pub stale: bool,
	/// Average rating in hundredths (450 = 4.50), `None` when unrated.
	pub average_rating_centi: Option<u32>,
}

/// Service description as calls take it: plain vectors, checked into bounded storage types
/// with a named error for every violation.
#[derive(
	Clone,
	codec::Encode,
	codec::Decode,
	codec::DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	scale_info::TypeInfo,
)]
pub struct ServiceInput<AccountId, Balance> {
	/// Human-readable name.
	pub name: alloc::vec::Vec<u8>,
	/// URLs or multiaddrs, at least one.
	pub endpoints: alloc::vec::Vec<alloc::vec::Vec<u8>>,
	/// e.g. `https`, `grpc`, `wss`, `libp2p`.
	pub protocol: alloc::vec::Vec<u8>,
	/// Distinct tags for discovery.
	pub tags: alloc::vec::Vec<alloc::vec::Vec<u8>>,
	/// Price of one unit, in planck; must not be zero.
	pub price_per_unit: Balance,
	/// What one unit is.
	pub unit: UnitInput,
	/// Optional hash or CID of a longer off-chain description.
	pub metadata: Option<alloc::vec::Vec<u8>>,
	/// Optional account receiving payments instead of the provider.
	pub beneficiary: Option<AccountId>,
}

/// A service in the genesis config (chain spec JSON): text fields as strings.
#[derive(Clone, Eq, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GenesisService<Balance> {
	/// Human-readable name.
	pub name: alloc::string::String,
	/// URLs or multiaddrs, at least one.
	pub endpoints: alloc::vec::Vec<alloc::string::String>,
	/// e.g. `https`.
	pub protocol: alloc::string::String,
	/// Distinct tags for discovery.
	pub tags: alloc::vec::Vec<alloc::string::String>,
	/// Price of one unit, in planck; must not be zero.
	pub price_per_unit: Balance,
	/// `Request`, `Second`, `Megabyte`, or a unit of the provider's own.
	pub unit: alloc::string::String,
}

impl<AccountId, Balance> From<GenesisService<Balance>> for ServiceInput<AccountId, Balance> {
	fn from(s: GenesisService<Balance>) -> Self {
		let bytes = |t: alloc::string::String| t.into_bytes();
		ServiceInput {
			name: bytes(s.name),
			endpoints: s.endpoints.into_iter().map(bytes).collect(),
			protocol: bytes(s.protocol),
			tags: s.tags.into_iter().map(bytes).collect(),
			price_per_unit: s.price_per_unit,
			unit: match s.unit.as_str() {
				"Request" => UnitInput::Request,
				"Second" => UnitInput::Second,
				"Megabyte" => UnitInput::Megabyte,
				_ => UnitInput::Custom(bytes(s.unit)),
			},
			metadata: None,
			beneficiary: None,
		}
	}
}

/// A unit as calls take it.
#[derive(
	Clone,
	codec::Encode,
	codec::Decode,
	codec::DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	scale_info::TypeInfo,
)]
pub enum UnitInput {
	/// One request or call.
	Request,
	/// One second of use.
	Second,
	/// One megabyte of data.
	Megabyte,
	/// A short unit of the provider's own.
	Custom(alloc::vec::Vec<u8>),
}
