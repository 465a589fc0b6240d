//! # ServiceChain primitives
//!
//! The types and traits through which ServiceChain's pallets talk to each other. Each pallet
//! names the trait it needs in its `Config`; the runtime wires the pallet that implements it.
//! No pallet depends on another pallet's crate.
//!
//! - [`ServiceInspect`]: what the metered-payments pallet needs to know about a service
//!   (implemented by the service registry).
//! - [`PaymentInspect`]: how much an account has paid a service (implemented by the
//!   metered-payments pallet, read by the registry to decide who may rate).

#![cfg_attr(not(feature = "std"), no_std)]

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Identifier of a registered service. Never reused.
pub type ServiceId = u64;

/// Order-preserving storage key of a `u64` id (big-endian): an index keyed by `IdKey` with the
/// `Identity` hasher iterates in ascending id order, so pages can resume after a cursor.
pub type IdKey = [u8; 8];

/// The order-preserving index key of an id.
pub fn id_key(id: u64) -> IdKey {
	id.to_be_bytes()
}

/// The id of an order-preserving index key.
pub fn key_id(key: IdKey) -> u64 {
	u64::from_be_bytes(key)
}

/// What a payer needs to know about a service to pay it.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct ServiceTerms<AccountId, Balance> {
	/// The account that registered the service and may claim payments.
	pub provider: AccountId,
	/// The account payments go to: the beneficiary if one is set, else the provider.
	pub payee: AccountId,
	/// Price of one unit of the service.
	pub price_per_unit: Balance,
	/// Whether the service accepts new payment relationships now: registered, not paused, not
	/// retired and not stale.
	pub available: bool,
}

/// Read access to registered services.
pub trait ServiceInspect<AccountId, Balance> {
	/// The terms of a service, or `None` if it does not exist (or was removed).
	fn service_terms(id: ServiceId) -> Option<ServiceTerms<AccountId, Balance>>;
}

/// Read access to payments made to services.
pub trait PaymentInspect<AccountId, Balance> {
	/// The total amount `who` has paid to service `id` so far.
	fn paid_to_service(who: &AccountId, id: ServiceId) -> Balance;
}

/// A payment ledger that knows nothing: nobody has paid anything.
impl<AccountId, Balance: Default> PaymentInspect<AccountId, Balance> for () {
	fn paid_to_service(_: &AccountId, _: ServiceId) -> Balance {
		Balance::default()
	}
}

/// A registry that knows no service.
impl<AccountId, Balance> ServiceInspect<AccountId, Balance> for () {
	fn service_terms(_: ServiceId) -> Option<ServiceTerms<AccountId, Balance>> {
		None
	}
}
