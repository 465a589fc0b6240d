//! Storage migrations of the metered-payments pallet.
//!
//! # v0 → v1 (the security release, runtime spec 2)
//! - **Channel deposits move from holds into escrow.** v0 held each channel's deposit on the
//!   consumer's account (`HoldReason::ChannelDeposit`, encoded as v1's
//!   `HoldReason::PaymentRecord`: same pallet, same index). Each deposit moves, as it stands,
//!   from that hold to the escrow account ([`Pallet::escrow_account`]), which is first endowed
//!   with the existential deposit as genesis does (minted: the issuance grows by at most one
//!   existential deposit). The provider's claim to the deposit comes first: the move ignores
//!   freezes (a v0 hold could back a token vote's freeze, the exploit v1 closes), and the
//!   consumer's votes are then capped at what it still holds through `V`
//!   ([`VoteBacking`](servicechain_primitives::VoteBacking), the DAO pallet in the runtime), so
//!   no vote counts SCV that left the account. Should a hold be short of its channels'
//!   deposits (it cannot be in v0: try_state), the channel keeps what moved. Anything left on
//!   hold under the reason afterwards (nothing, in a consistent v0) is released to its owner.
//! - **Channels**: `closing_at` becomes `settle_until = closing_at + settlement_window`, the
//!   deadline v0 computed on every claim from the current window.
//! - **Ledger**: `PaidToService` values become [`PaymentRecord`]s with the amount paid and the
//!   payer's open channels to the service; consumers with an open channel but no payment yet
//!   get an entry (v1 makes it at `open_channel`). Entries made in v0 carry no deposit: their
//!   payers never agreed to one, and the set cannot grow (every new entry pays
//!   `record_deposit`); removing one returns nothing.
//! - **Parameters** gain `record_deposit`, at its default (the existential deposit).
//!
//! Order in the runtime: after the DAO pallet's v1 migration (the vote caps use its v1
//! storage), before the service registry's (its ratings read the v1 ledger).
//!
//! Only a chain whose last runtime was spec 1 has v0 layouts; a chain started from a later
//! build before storage versions were declared (v1 layouts at version 0) only gets its version
//! set. A single-block migration: every channel and ledger entry is read and written once, and
//! the weight counts proof size, so `try-runtime` refuses an upgrade that would not fit a block.

use crate::{
	BalanceOf, Channel, ChannelEntry, ChannelPages, Config, HoldReason, PageOf, PaidToService,
	Pallet, Parameters, PaymentParams, PaymentRecord,
};
use alloc::collections::btree_map::BTreeMap;
use frame_support::{
	migrations::VersionedMigration,
	traits::{
		fungible::{Inspect, InspectHold, Mutate, MutateHold},
		tokens::{Fortitude, Precision, Restriction},
		Get, UncheckedOnRuntimeUpgrade,
	},
	weights::Weight,
};
use servicechain_primitives::{
	migrations::{proof_of, upgrading_from_spec},
	ServiceId, VoteBacking,
};
use sp_runtime::Saturating;

/// The v0 layouts, as the chain stored them before the security release.
pub mod v0 {
	use crate::ChannelId;
	use codec::{Decode, Encode, MaxEncodedLen};
	use frame_support::{storage_alias, Blake2_128Concat, Twox64Concat};
	use scale_info::TypeInfo;
	use servicechain_primitives::ServiceId;
	use sp_runtime::Perbill;

	/// v0 `Channel`: with `closing_at` instead of `settle_until`.
	#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
	pub struct Channel<AccountId, Balance, BlockNumber> {
		/// Payer.
		pub consumer: AccountId,
		/// Service.
		pub service_id: ServiceId,
		/// Provider.
		pub provider: AccountId,
		/// Payee.
		pub payee: AccountId,
		/// Locked price.
		pub price_per_unit: Balance,
		/// Held deposit.
		pub deposit: Balance,
		/// Claimed units.
		pub claimed_units: u64,
		/// Paid out.
		pub paid: Balance,
		/// Opened at.
		pub opened_at: BlockNumber,
		/// Block of the close request.
		pub closing_at: Option<BlockNumber>,
	}

	/// v0 `PaymentParams`: without `record_deposit`.
	#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
	pub struct PaymentParams<Balance, BlockNumber> {
		/// Fee.
		pub protocol_fee: Perbill,
		/// Smallest deposit.
		pub min_deposit: Balance,
		/// Settlement window.
		pub settlement_window: BlockNumber,
		/// Claims per batch.
		pub max_claims_per_batch: u32,
	}

	/// A v0 channel with the runtime's types.
	pub type ChannelOf<T> = Channel<
		<T as frame_system::Config>::AccountId,
		crate::BalanceOf<T>,
		frame_system::pallet_prelude::BlockNumberFor<T>,
	>;

	/// v0 parameters with the runtime's types.
	pub type ParamsOf<T> =
		PaymentParams<crate::BalanceOf<T>, frame_system::pallet_prelude::BlockNumberFor<T>>;

	/// v0 `Channels`.
	#[storage_alias]
	pub type Channels<T: crate::Config> =
		StorageMap<crate::Pallet<T>, Twox64Concat, ChannelId, ChannelOf<T>>;

	/// v0 `PaidToService`: the amount paid.
	#[storage_alias]
	pub type PaidToService<T: crate::Config> = StorageDoubleMap<
		crate::Pallet<T>,
		Blake2_128Concat,
		<T as frame_system::Config>::AccountId,
		Twox64Concat,
		ServiceId,
		crate::BalanceOf<T>,
	>;

	/// v0 `Parameters`.
	#[storage_alias]
	pub type Parameters<T: crate::Config> = StorageValue<crate::Pallet<T>, ParamsOf<T>>;
}

/// The v1 layouts: one storage entry per channel.
pub mod v1 {
	use crate::{ChannelId, ChannelOf};
	use frame_support::{storage_alias, Twox64Concat};

	/// v1 `NextChannelId`: the id the next channel got.
	#[storage_alias]
	pub type NextChannelId<T: crate::Config> = StorageValue<crate::Pallet<T>, ChannelId>;

	/// v1 `Channels`: every open channel under its id (the layout of [`crate::Channel`]).
	#[storage_alias]
	pub type Channels<T: crate::Config> =
		StorageMap<crate::Pallet<T>, Twox64Concat, ChannelId, ChannelOf<T>>;
}

/// What `pre_upgrade` hands to `post_upgrade`.
#[cfg(feature = "try-runtime")]
#[derive(codec::Encode, codec::Decode)]
struct Before<Balance> {
	channels: u32,
	deposits: Balance,
	paid: Balance,
	entries: u32,
	issuance: Balance,
	escrow: Balance,
}

/// v0 → v1 without the version check; use [`MigrateV0ToV1`]. `V` caps the votes of consumers
/// whose held deposits moved into escrow.
pub struct InnerMigrateV0ToV1<T, V>(core::marker::PhantomData<(T, V)>);

impl<T: Config, V: VoteBacking<T::AccountId>> UncheckedOnRuntimeUpgrade
	for InnerMigrateV0ToV1<T, V>
{
	fn on_runtime_upgrade() -> Weight {
		use codec::MaxEncodedLen;
		if !upgrading_from_spec::<T>(1) {
			log::info!(target: "runtime::metered-payments", "v1 migration: not upgrading from spec 1, layouts are v1 already");
			return T::DbWeight::get().reads(1);
		}
		let (mut reads, mut writes, mut proof) = (1u64, 0u64, 0u64);
		let mut extra = Weight::zero();
		// An account with its holds and freezes.
		let account = proof_of(1_024);

		let old_params = v0::Parameters::<T>::get();
		reads.saturating_inc();
		let defaults = Pallet::<T>::default_params();
		let params = match old_params {
			Some(p) => PaymentParams {
				protocol_fee: p.protocol_fee,
				min_deposit: p.min_deposit,
				settlement_window: p.settlement_window,
				max_claims_per_batch: p.max_claims_per_batch,
				record_deposit: defaults.record_deposit,
			},
			None => defaults,
		};
		let window = params.settlement_window;
		Parameters::<T>::put(params);
		writes.saturating_inc();

		let escrow = Pallet::<T>::escrow_account();
		let minimum = T::Currency::minimum_balance();
		let balance = T::Currency::balance(&escrow);
		if balance < minimum {
			// As genesis endows it: the escrow must exist before deposits below the
			// existential deposit can move in.
			let _ = T::Currency::mint_into(&escrow, minimum.saturating_sub(balance));
		}
		reads.saturating_accrue(2);
		writes.saturating_accrue(2);

		let reason = HoldReason::PaymentRecord.into();
		let mut consumers: BTreeMap<T::AccountId, ()> = BTreeMap::new();
		let mut open: BTreeMap<(T::AccountId, ServiceId), u32> = BTreeMap::new();
		v1::Channels::<T>::translate::<v0::ChannelOf<T>, _>(|_, old| {
			// The channel, the consumer's and the escrow's accounts and the hold.
			reads.saturating_accrue(4);
			writes.saturating_accrue(4);
			proof.saturating_accrue(
				proof_of(v0::ChannelOf::<T>::max_encoded_len())
					.saturating_add(account.saturating_mul(2)),
			);
			let moved = T::Currency::transfer_on_hold(
				&reason,
				&old.consumer,
				&escrow,
				old.deposit,
				Precision::BestEffort,
				Restriction::Free,
				Fortitude::Force,
			)
			.unwrap_or_default();
			if moved != old.deposit {
				log::warn!(
					target: "runtime::metered-payments",
					"v1 migration: a channel's hold held {moved:?} of its deposit {:?}",
					old.deposit
				);
			}
			consumers.insert(old.consumer.clone(), ());
			let n = open.entry((old.consumer.clone(), old.service_id)).or_default();
			*n = n.saturating_add(1);
			Some(Channel {
				consumer: old.consumer,
				service_id: old.service_id,
				provider: old.provider,
				payee: old.payee,
				price_per_unit: old.price_per_unit,
				deposit: moved,
				claimed_units: old.claimed_units,
				paid: old.paid,
				opened_at: old.opened_at,
				settle_until: old.closing_at.map(|at| at.saturating_add(window)),
			})
		});

		PaidToService::<T>::translate::<BalanceOf<T>, _>(|who, service_id, paid| {
			reads.saturating_inc();
			writes.saturating_inc();
			proof.saturating_accrue(proof_of(PaymentRecord::<BalanceOf<T>>::max_encoded_len()));
			let channels = open.remove(&(who, service_id)).unwrap_or_default();
			Some(PaymentRecord { paid, deposit: Default::default(), channels })
		});
		for ((who, service_id), channels) in open {
			writes.saturating_inc();
			PaidToService::<T>::insert(
				who,
				service_id,
				PaymentRecord { paid: Default::default(), deposit: Default::default(), channels },
			);
		}

		for who in consumers.into_keys() {
			reads.saturating_inc();
			proof.saturating_accrue(account);
			let left = T::Currency::balance_on_hold(&reason, &who);
			if left > Default::default() {
				writes.saturating_inc();
				log::warn!(
					target: "runtime::metered-payments",
					"v1 migration: {left:?} held beyond an account's channel deposits released"
				);
				let _ = T::Currency::release(&reason, &who, left, Precision::BestEffort);
			}
			V::rebalance(&who);
			extra.saturating_accrue(V::rebalance_weight());
		}

		T::DbWeight::get()
			.reads_writes(reads, writes)
			.saturating_add(Weight::from_parts(0, proof))
			.saturating_add(extra)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
		use codec::Encode;
		if !upgrading_from_spec::<T>(1) {
			return Ok(alloc::vec::Vec::new());
		}
		frame_support::ensure!(
			v0::Channels::<T>::iter_keys().count() == v0::Channels::<T>::iter().count()
				&& v0::PaidToService::<T>::iter_keys().count()
					== v0::PaidToService::<T>::iter().count(),
			"v0: an entry does not decode as v0"
		);
		let mut before = Before::<BalanceOf<T>> {
			channels: 0,
			deposits: Default::default(),
			paid: Default::default(),
			entries: 0,
			issuance: T::Currency::total_issuance(),
			escrow: T::Currency::balance(&Pallet::<T>::escrow_account()),
		};
		let reason = HoldReason::PaymentRecord.into();
		let mut held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (_, ch) in v0::Channels::<T>::iter() {
			before.channels.saturating_inc();
			before.deposits.saturating_accrue(ch.deposit);
			held.entry(ch.consumer).or_default().saturating_accrue(ch.deposit);
		}
		for (who, sum) in held {
			frame_support::ensure!(
				T::Currency::balance_on_hold(&reason, &who) == sum,
				"v0: a consumer's channel hold differs from its channels' deposits"
			);
		}
		for (_, _, paid) in v0::PaidToService::<T>::iter() {
			before.entries.saturating_inc();
			before.paid.saturating_accrue(paid);
		}
		Ok(before.encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		use codec::Decode;
		use frame_support::ensure;
		let before =
			Before::<BalanceOf<T>>::decode(&mut &state[..]).map_err(|_| "pre_upgrade state")?;
		let (mut channels, mut deposits) = (0u32, BalanceOf::<T>::default());
		for (_, ch) in v1::Channels::<T>::iter() {
			channels.saturating_inc();
			deposits.saturating_accrue(ch.deposit);
		}
		ensure!(channels == before.channels, "a channel was lost");
		ensure!(deposits == before.deposits, "a channel deposit was lost");
		let (mut paid, mut paid_entries) = (BalanceOf::<T>::default(), 0u32);
		for (_, _, record) in PaidToService::<T>::iter() {
			paid.saturating_accrue(record.paid);
			if record.paid > Default::default() {
				paid_entries.saturating_inc();
			}
			ensure!(record.deposit == Default::default(), "a v0 entry was charged a deposit");
		}
		ensure!(paid == before.paid, "the ledger's total changed");
		ensure!(paid_entries <= before.entries, "the ledger gained paid entries");
		let escrow = T::Currency::balance(&Pallet::<T>::escrow_account());
		let minimum = T::Currency::minimum_balance();
		let endowed = minimum.saturating_sub(before.escrow);
		ensure!(
			escrow == before.escrow.saturating_add(endowed).saturating_add(before.deposits),
			"the escrow does not hold exactly the moved deposits"
		);
		ensure!(
			T::Currency::total_issuance() == before.issuance.saturating_add(endowed),
			"the issuance changed by more than the escrow's endowment"
		);
		ensure!(
			Pallet::<T>::params_valid(&Pallet::<T>::params()),
			"the migrated parameters are invalid"
		);
		// The pallet's invariants are of the v2 layout: checked after the v1 → v2 migration.
		Ok(())
	}
}

/// The metered-payments pallet's v0 → v1 migration (see the [module docs](self)); runs only on
/// a chain whose pallet is at storage version 0, and sets it to 1.
pub type MigrateV0ToV1<T, V> = VersionedMigration<
	0,
	1,
	InnerMigrateV0ToV1<T, V>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

/// v1 → v2 without the version check; use [`MigrateV1ToV2`].
///
/// # v1 → v2 (pages of channels, runtime spec 5)
/// Every v1 channel moves, unchanged, into a page of its own: `(0, id)`, slot 0 (group 0, the
/// channels opened before pages), so that its id, and every voucher signed for it, stays
/// valid; its page's service, provider and payee are the channel's. `NextChannelId` is
/// removed: new channels are numbered per service ([`crate::NextChannelIndex`]). The ledger is
/// unchanged: claims on these channels keep crediting it as v1 did. A single-block migration
/// (each channel read, removed and written once), weighed with its proof size.
pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
	fn on_runtime_upgrade() -> Weight {
		use codec::MaxEncodedLen;
		let (mut reads, mut writes, mut proof) = (0u64, 1u64, 0u64);
		v1::NextChannelId::<T>::kill();
		for (id, ch) in v1::Channels::<T>::drain() {
			reads.saturating_inc();
			writes.saturating_accrue(2);
			proof.saturating_accrue(proof_of(crate::ChannelOf::<T>::max_encoded_len()));
			let Ok(page_no) = u32::try_from(id) else {
				// Ids count channel openings from 0: none reaches 2^32.
				log::error!(target: "runtime::metered-payments", "v2 migration: channel {id} above 2^32 dropped");
				continue;
			};
			let entry = ChannelEntry {
				slot: 0,
				consumer: ch.consumer,
				price_per_unit: ch.price_per_unit,
				deposit: ch.deposit,
				claimed_units: ch.claimed_units,
				paid: ch.paid,
				opened_at: ch.opened_at,
				settle_until: ch.settle_until,
			};
			let page = PageOf::<T> {
				service_id: ch.service_id,
				provider: ch.provider,
				payee: ch.payee,
				entries: alloc::vec![entry].try_into().unwrap_or_default(),
			};
			ChannelPages::<T>::insert((0, page_no), page);
		}
		T::DbWeight::get().reads_writes(reads, writes).saturating_add(Weight::from_parts(0, proof))
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
		use codec::Encode;
		let mut channels: alloc::vec::Vec<(crate::ChannelId, crate::ChannelOf<T>)> =
			v1::Channels::<T>::iter().collect();
		channels.sort_by_key(|(id, _)| *id);
		frame_support::ensure!(
			v1::Channels::<T>::iter_keys().count() == channels.len(),
			"v1: a channel does not decode as v1"
		);
		frame_support::ensure!(
			channels.iter().all(|(id, _)| u32::try_from(*id).is_ok()),
			"v1: a channel id at or above 2^32 has no page of group 0"
		);
		Ok(channels.encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		use codec::Decode;
		use frame_support::ensure;
		let before: alloc::vec::Vec<(crate::ChannelId, crate::ChannelOf<T>)> =
			Decode::decode(&mut &state[..]).map_err(|_| "pre_upgrade state")?;
		ensure!(v1::Channels::<T>::iter_keys().next().is_none(), "a v1 channel was left");
		ensure!(!v1::NextChannelId::<T>::exists(), "NextChannelId was left");
		ensure!(ChannelPages::<T>::iter_keys().count() == before.len(), "a channel was lost");
		for (id, ch) in before {
			ensure!(Pallet::<T>::channel(id) == Some(ch), "a channel changed or moved");
		}
		Pallet::<T>::do_try_state()
	}
}

/// The metered-payments pallet's v1 → v2 migration (see [`InnerMigrateV1ToV2`]); runs only on
/// a chain whose pallet is at storage version 1, and sets it to 2.
pub type MigrateV1ToV2<T> = VersionedMigration<
	1,
	2,
	InnerMigrateV1ToV2<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;
