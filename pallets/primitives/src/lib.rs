//! # ServiceChain primitives
//!
//! The types and traits through which ServiceChain's pallets talk to each other. Each pallet
//! names the trait it needs in its `Config`; the runtime wires the pallet that implements it.
//! No pallet depends on another pallet's crate.
//!
//! - [`ServiceInspect`]: what the metered-payments pallet needs to know about a service
//!   (implemented by the service registry).
//! - [`PaymentInspect`]: how much an account has paid a service (implemented by the
//!   metered-payments pallet, read by the registry to decide who may rate and how much a
//!   rating weighs).
//! - [`OnPaymentRecordRemoved`]: the payer removed its ledger entry of a service (implemented
//!   by the registry, which drops the rating that entry backed).
//! - [`VoteBacking`]: an account's balance was taken by force (a slash); its votes may count
//!   no more than it still holds (implemented by the DAO pallet, called by the pallets that
//!   slash).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::weights::Weight;
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

/// The ids in `Index` under `prefix`, ascending, after `start_after` (from the first without
/// one). `Index` is a double map `prefix => IdKey => ()`, keyed by [`id_key`].
pub fn index_ids_after<Index, Prefix>(
	prefix: &Prefix,
	start_after: Option<u64>,
) -> impl Iterator<Item = u64>
where
	Prefix: codec::FullCodec,
	Index: frame_support::storage::IterableStorageDoubleMap<Prefix, IdKey, ()>,
{
	let keys = match start_after {
		Some(after) => {
			Index::iter_key_prefix_from(prefix, Index::hashed_key_for(prefix, id_key(after)))
		},
		None => Index::iter_key_prefix(prefix),
	};
	keys.map(key_id)
}

/// One page of the records of `ids`: the first `limit` that `load` finds (ids it finds nothing
/// for are skipped), and the cursor to continue after, `None` when no id is left.
pub fn page_of<Record>(
	ids: impl Iterator<Item = u64>,
	limit: usize,
	mut load: impl FnMut(u64) -> Option<Record>,
) -> (alloc::vec::Vec<Record>, Option<u64>) {
	let mut records = alloc::vec::Vec::new();
	let mut last = None;
	for id in ids {
		if records.len() >= limit {
			return (records, last);
		}
		if let Some(record) = load(id) {
			records.push(record);
			last = Some(id);
		}
	}
	(records, None)
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
	/// The total amount `who` has paid to service `id` so far (zero without a ledger entry).
	fn paid_to_service(who: &AccountId, id: ServiceId) -> Balance;
	/// The most [`Self::paid_to_service`] can weigh.
	fn weight() -> Weight;
}

/// Told when a payer removes its ledger entry of a service: whatever that entry backed (a
/// rating) goes with it.
pub trait OnPaymentRecordRemoved<AccountId> {
	/// `who` no longer has a ledger entry for service `id`.
	fn payment_record_removed(who: &AccountId, id: ServiceId);
	/// The most [`Self::payment_record_removed`] can weigh.
	fn weight() -> Weight;
}

impl<AccountId> OnPaymentRecordRemoved<AccountId> for () {
	fn payment_record_removed(_: &AccountId, _: ServiceId) {}
	fn weight() -> Weight {
		Weight::zero()
	}
}

/// Votes backed by balance frozen in the voter's account (the DAO pallet's token votes).
///
/// Freezes apply to an account's total balance, held funds included, so a slash of held funds
/// (`Fortitude::Force`) can leave an account holding less than it has frozen for votes. The
/// pallet that slashes tells the voting pallet, which then counts the account's votes at most
/// at what it still holds: SCV that left the account never goes on counting.
pub trait VoteBacking<AccountId> {
	/// `who`'s balance was reduced by force: cap its votes at what it still holds.
	fn rebalance(who: &AccountId);
	/// The most [`Self::rebalance`] can weigh.
	fn rebalance_weight() -> Weight;
}

impl<AccountId> VoteBacking<AccountId> for () {
	fn rebalance(_: &AccountId) {}
	fn rebalance_weight() -> Weight {
		Weight::zero()
	}
}

/// A payment ledger that knows nothing: nobody has paid anything.
impl<AccountId, Balance: Default> PaymentInspect<AccountId, Balance> for () {
	fn paid_to_service(_: &AccountId, _: ServiceId) -> Balance {
		Balance::default()
	}
	fn weight() -> Weight {
		Weight::zero()
	}
}

/// A registry that knows no service.
impl<AccountId, Balance> ServiceInspect<AccountId, Balance> for () {
	fn service_terms(_: ServiceId) -> Option<ServiceTerms<AccountId, Balance>> {
		None
	}
}

/// Helpers the pallets' storage migrations share.
pub mod migrations {
	/// Whether the chain's last runtime had `spec_version` `spec`. During an upgrade's
	/// migrations `LastRuntimeUpgrade` still names the runtime being replaced (the executive
	/// writes the new one after them), so this tells which layouts the storage has.
	pub fn upgrading_from_spec<T: frame_system::Config>(spec: u32) -> bool {
		frame_system::LastRuntimeUpgrade::<T>::get().is_some_and(|last| last.spec_version.0 == spec)
	}

	/// The proof size of reading one stored value of at most `bytes` bytes under a map key: the
	/// value and about 2.6 kB of trie nodes and key, as the benchmarks measure for
	/// `MaxEncodedLen` items.
	pub fn proof_of(bytes: usize) -> u64 {
		(bytes as u64).saturating_add(2_600)
	}
}
