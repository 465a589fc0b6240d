//! # Metered payments pallet
//!
//! Pay a provider for every call of a service while the chain sees one transaction per
//! settlement. A consumer opens a **channel** to a service with a deposit paid into escrow; the
//! price per unit is locked at opening. For every call the consumer signs a **voucher**
//! off-chain over the *cumulative* number of units used so far; the provider submits only the
//! latest voucher with `claim` (or many channels' vouchers with `claim_batch`) and is paid
//! `(cumulative_units - claimed_units) × price`, minus the protocol fee. `pay` is the direct,
//! channel-less alternative for rare calls.
//!
//! ## Voucher (see [`voucher::voucher_payload`])
//! The consumer signs the SCALE encoding of
//! `(b"servicechain/voucher/v1", genesis_hash, channel_id: u64, cumulative_units: u64)` — or
//! the same bytes wrapped in `<Bytes>…</Bytes>` as browser wallets sign them — with the key of
//! its account (`MultiSignature`: sr25519, ed25519 or ecdsa). The genesis hash stops
//! cross-chain replay, the never-reused channel id cross-channel replay, and strictly
//! increasing units the replay of older vouchers.
//!
//! ## Channels in pages (see [`pages`])
//! A service's channels are stored [`CHANNELS_PER_PAGE`] to a page ([`ChannelPages`]) with the
//! provider and payee they were opened with, and a channel id names its page
//! (`(service_id + 1) << 32 | index`): `claim_batch` reads and writes each page once, pays each
//! page's payee once, and is charged from its arguments (the distinct pages its ids name, each
//! claim's signature kind). Channels opened before pages keep their ids, each alone in a page.
//!
//! ## Escrow, not holds
//! Channel deposits move to the pallet's escrow account ([`Pallet::escrow_account`]) at
//! `open_channel`/`top_up`, and claims pay the payee and the fee out of escrow. They are not
//! held on the consumer's account because in `pallet-balances` held funds satisfy freezes:
//! funds held for a channel could back a token vote's freeze while the consumer moves its free
//! balance away, and a claim would then either take the vote's SCV to the provider (forced) or
//! be blocked by the consumer's vote (polite). With escrow, moving a deposit in respects the
//! consumer's freezes, and a provider's claim never depends on them.
//!
//! ## Ledger
//! Every payer has one [`PaymentRecord`] per service it pays ([`PaidToService`]): what it paid
//! through `pay`, closed channels and channels opened before pages (with what its open channels
//! paid, read from them, this is what the registry lets payers rate with and weighs ratings
//! by; at most `MaxOpenChannelsPerService` are open per service), and a `record_deposit` held
//! from the payer
//! when the entry is made (the first `open_channel` or `pay` to the service). The payer removes
//! the entry, and gets the deposit back, with `remove_payment_record` once it has no open
//! channel to the service; its rating goes with it. Providers and payees cannot pay their own
//! services.
//!
//! ## Invariants (checked by `do_try_state`, see [`invariants`])
//! - The escrow account holds at least its existential deposit plus every channel's `deposit`.
//! - Every channel is in its consumer's and its provider's index, and every index entry points
//!   at a channel of that account.
//! - Every page holds 1..=`CHANNELS_PER_PAGE` channels in ascending slots and is in its
//!   service's group, with indexes below the service's [`NextChannelIndex`]; a page of group 0
//!   (opened before pages) holds one channel, in slot 0.
//! - Every channel has its consumer's ledger entry for its service, whose `channels` counts
//!   them; per payer, the held `PaymentRecord` deposit equals its entries' deposits.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
pub mod branch;
mod channels;
pub mod invariants;
pub mod migrations;
#[cfg(test)]
mod mock;
pub mod pages;
mod payment_inspect;
pub mod proof;
#[cfg(test)]
mod proptests;
mod queries;
pub mod runtime_api;
mod settlement;
#[cfg(test)]
mod tests;
pub mod types;
pub mod voucher;
pub mod weights;

pub use branch::{ClaimBranch, ClaimPath};
pub use types::*;
pub use voucher::{voucher_payload, wrapped_payload, VOUCHER_DOMAIN};
pub use weights::WeightInfo;

use frame_support::traits::fungible;
pub use servicechain_primitives::IdKey;

/// Balance type of the currency payments are made in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A channel with this runtime's types.
pub type ChannelOf<T> = Channel<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	frame_system::pallet_prelude::BlockNumberFor<T>,
>;

/// A stored channel entry with this runtime's types.
pub type ChannelEntryOf<T> = ChannelEntry<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	frame_system::pallet_prelude::BlockNumberFor<T>,
>;

/// A stored page of channels with this runtime's types.
pub type PageOf<T> = PageOfChannels<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	frame_system::pallet_prelude::BlockNumberFor<T>,
>;

/// The parameters with this runtime's types.
pub type ParamsOf<T> = PaymentParams<BalanceOf<T>, frame_system::pallet_prelude::BlockNumberFor<T>>;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Inspect, InspectHold, Mutate, MutateHold},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use servicechain_primitives::{OnPaymentRecordRemoved, ServiceId, ServiceInspect};
	use sp_runtime::traits::{IdentifyAccount, Verify};

	/// The in-code storage version (see the migrations in the README).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the metered-payments pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency payments are made in.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ InspectHold<Self::AccountId>
			+ Mutate<Self::AccountId>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Signatures of vouchers (the runtime's `MultiSignature`).
		type Signature: Verify<Signer: IdentifyAccount<AccountId = Self::AccountId>>
			+ Parameter
			+ MaxEncodedLen
			+ SignatureKindOf;

		/// Read access to services (the service registry).
		type Services: ServiceInspect<Self::AccountId, BalanceOf<Self>>;

		/// Told when a payer removes its ledger entry of a service (the registry drops the
		/// rating that entry backed).
		type OnPaymentRecordRemoved: OnPaymentRecordRemoved<Self::AccountId>;

		/// The pallet's id: its account is the escrow of every channel's deposit.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// The account protocol fees are paid to (the protocol treasury).
		type FeeDestination: Get<Self::AccountId>;

		/// Origin that may set the parameters.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Upper bound of `max_claims_per_batch`.
		#[pallet::constant]
		type MaxClaimsPerBatch: Get<u32>;

		/// Most channels one payer may have open to one service (what the payer paid through
		/// them is read from them when it rates the service, so this bounds that read).
		#[pallet::constant]
		type MaxOpenChannelsPerService: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Creates services and voucher keys for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: benchmarking::BenchmarkHelper<
			Self::AccountId,
			BalanceOf<Self>,
			Self::Signature,
		>;
	}

	/// Reasons this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a payer's ledger entry for a service.
		PaymentRecord,
	}

	/// Per service: the index the next channel to it gets (its id is
	/// `(service_id + 1) << 32 | index`, see [`pages`]).
	#[pallet::storage]
	pub type NextChannelIndex<T> = StorageMap<_, Twox64Concat, ServiceId, u32, ValueQuery>;

	/// Open channels (including those closing), [`CHANNELS_PER_PAGE`] to a page of one service,
	/// provider and payee, by `(group, page)` ([`pages::locate`]).
	#[pallet::storage]
	pub type ChannelPages<T: Config> = StorageMap<_, Twox64Concat, PageKey, PageOf<T>>;

	/// Index: channels per consumer, keyed by big-endian channel id (ascending iteration).
	#[pallet::storage]
	pub type ChannelsByConsumer<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Identity, IdKey, ()>;

	/// Index: channels per provider, keyed by big-endian channel id (ascending iteration).
	#[pallet::storage]
	pub type ChannelsByProvider<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Identity, IdKey, ()>;

	/// Ledger: per (payer, service), what it paid through channels and `pay`, with the
	/// entry's deposit and the payer's open channels to the service.
	#[pallet::storage]
	pub type PaidToService<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		ServiceId,
		PaymentRecord<BalanceOf<T>>,
	>;

	/// The governance-tunable parameters.
	#[pallet::storage]
	pub type Parameters<T: Config> = StorageValue<_, ParamsOf<T>, OptionQuery>;

	/// Genesis: the initial parameters.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Initial parameters; `None` uses [`Pallet::default_params`].
		pub params: Option<ParamsOf<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let params = self.params.clone().unwrap_or_else(Pallet::<T>::default_params);
			assert!(Pallet::<T>::params_valid(&params), "invalid metered payments parameters");
			Parameters::<T>::put(params);
			// The fee destination and the escrow must exist, or payments below the existential
			// deposit could not be made to them (as pallet-treasury endows its pot at genesis).
			let minimum = T::Currency::minimum_balance();
			for account in [T::FeeDestination::get(), Pallet::<T>::escrow_account()] {
				if T::Currency::balance(&account) < minimum {
					let _ = T::Currency::set_balance(&account, minimum);
				}
			}
		}
	}

	/// Events.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A channel was opened.
		ChannelOpened {
			/// The new channel.
			channel_id: ChannelId,
			/// Who pays.
			consumer: T::AccountId,
			/// The service.
			service_id: ServiceId,
			/// Deposit paid into escrow.
			deposit: BalanceOf<T>,
			/// Price per unit, locked for the channel's life.
			price_per_unit: BalanceOf<T>,
		},
		/// Funds were added to a channel.
		ChannelToppedUp {
			/// The channel.
			channel_id: ChannelId,
			/// Amount added.
			amount: BalanceOf<T>,
			/// Deposit in escrow now.
			deposit: BalanceOf<T>,
		},
		/// A voucher was settled.
		Claimed {
			/// The channel.
			channel_id: ChannelId,
			/// Units settled by this claim.
			units: u64,
			/// Amount paid out (payee share plus fee).
			amount: BalanceOf<T>,
			/// The protocol fee within `amount`.
			fee: BalanceOf<T>,
			/// What the voucher was worth beyond the remaining deposit.
			shortfall: BalanceOf<T>,
		},
		/// One claim of a batch failed; the others were processed.
		ClaimFailed {
			/// The channel.
			channel_id: ChannelId,
			/// Why.
			error: DispatchError,
		},
		/// The consumer asked to close a channel.
		CloseRequested {
			/// The channel.
			channel_id: ChannelId,
			/// From this block the consumer can finalize.
			settle_until: BlockNumberFor<T>,
		},
		/// A channel was closed and the rest of its deposit refunded.
		ChannelClosed {
			/// The channel.
			channel_id: ChannelId,
			/// Amount returned to the consumer.
			refund: BalanceOf<T>,
			/// A rest below the existential deposit that could not be returned because the
			/// consumer's account no longer exists; it went to the fee destination.
			dust: BalanceOf<T>,
		},
		/// A payer made its ledger entry for a service (its deposit was held).
		PaymentRecordCreated {
			/// The payer.
			who: T::AccountId,
			/// The service.
			service_id: ServiceId,
			/// The deposit held.
			deposit: BalanceOf<T>,
		},
		/// A payer removed its ledger entry for a service and got its deposit back.
		PaymentRecordRemoved {
			/// The payer.
			who: T::AccountId,
			/// The service.
			service_id: ServiceId,
			/// The deposit released.
			deposit: BalanceOf<T>,
		},
		/// A direct payment was made.
		Paid {
			/// Who paid.
			consumer: T::AccountId,
			/// The service.
			service_id: ServiceId,
			/// Units paid for.
			units: u64,
			/// Amount paid (payee share plus fee).
			amount: BalanceOf<T>,
			/// The protocol fee within `amount`.
			fee: BalanceOf<T>,
		},
		/// The parameters were changed.
		ParametersSet {
			/// The new parameters.
			params: ParamsOf<T>,
		},
	}

	/// Errors.
	#[pallet::error]
	pub enum Error<T> {
		/// No such service.
		UnknownService,
		/// The service is paused, retired or stale.
		ServiceUnavailable,
		/// The deposit is below `min_deposit`.
		DepositTooLow,
		/// The consumer cannot afford the deposit or payment.
		InsufficientBalance,
		/// No open channel has this id.
		UnknownChannel,
		/// Only the channel's consumer may do this.
		NotConsumer,
		/// Only the channel's provider may do this.
		NotProvider,
		/// The signature does not verify for this channel's consumer, chain and units.
		BadSignature,
		/// The voucher's units are not above what was already claimed.
		UnitsNotIncreasing,
		/// `units × price` overflows.
		Overflow,
		/// The channel is closing already.
		AlreadyClosing,
		/// The channel is not closing.
		NotClosing,
		/// The settlement window has not ended yet.
		SettlementWindowOpen,
		/// More claims than `max_claims_per_batch`.
		BatchTooLarge,
		/// Zero units or a zero amount.
		ZeroAmount,
		/// The parameters are inconsistent.
		InvalidParameters,
		/// The channel is closing and its settlement window has ended: no more claims.
		SettlementWindowClosed,
		/// The payout would create the payee's account with less than the existential
		/// deposit: settle more units at once.
		PayoutBelowMinimum,
		/// The service's provider or payee cannot pay, or open a channel to, its own service.
		OwnService,
		/// The payer cannot afford the deposit of its ledger entry for the service.
		InsufficientRecordDeposit,
		/// The payer has no ledger entry for this service.
		NoPaymentRecord,
		/// The payer still has open channels to the service.
		ChannelsOpen,
		/// The payer has `MaxOpenChannelsPerService` channels open to the service already.
		TooManyChannels,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxClaimsPerBatch::get() > 0, "MaxClaimsPerBatch must be positive");
			assert!(
				T::MaxOpenChannelsPerService::get() > 0,
				"MaxOpenChannelsPerService must be positive"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Opens a channel to an available service and pays `deposit` into escrow; the
		/// service's price is locked for the channel. The first payment relationship with the
		/// service also holds `record_deposit` for the payer's ledger entry. The new id is in
		/// `ChannelOpened`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::open_channel())]
		pub fn open_channel(
			origin: OriginFor<T>,
			service_id: ServiceId,
			deposit: BalanceOf<T>,
		) -> DispatchResult {
			let consumer = ensure_signed(origin)?;
			ensure!(deposit >= Self::params().min_deposit, Error::<T>::DepositTooLow);
			Self::do_open(consumer, service_id, deposit).map(|_| ())
		}

		/// Adds funds to a channel.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::top_up())]
		pub fn top_up(
			origin: OriginFor<T>,
			channel_id: ChannelId,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			let consumer = ensure_signed(origin)?;
			Self::do_top_up(&consumer, channel_id, amount)
		}

		/// Settles a voucher: pays `(cumulative_units - claimed) × price` from the deposit.
		/// Anyone may submit it (the provider usually does).
		#[pallet::call_index(2)]
		#[pallet::weight(ClaimBranch::weight_of_claim::<T>(*channel_id, signature))]
		pub fn claim(
			origin: OriginFor<T>,
			channel_id: ChannelId,
			cumulative_units: u64,
			signature: T::Signature,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_claim(channel_id, cumulative_units, &signature)
		}

		/// Settles up to `max_claims_per_batch` vouchers of any channels, page by page (each page
		/// read and written once, its payee paid once); each claim succeeds or fails on its own
		/// (failures emit `ClaimFailed`). Charged up front from the claims: their number, the
		/// distinct pages their channel ids name and their signature kinds; refunded for
		/// claims that failed before verifying a signature. Each voucher is checked plain, then
		/// `<Bytes>`-wrapped (two verifications charged): `claim_batch_with_forms` is cheaper
		/// from about eight claims on.
		#[pallet::call_index(3)]
		#[pallet::weight(ClaimBranch::weight_of_claims::<T>(
			claims.iter().map(|claim| (claim, None))
		))]
		pub fn claim_batch(
			origin: OriginFor<T>,
			claims: alloc::vec::Vec<Claim<T::Signature>>,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::ensure_batch_size(claims.len())?;
			Self::do_claim_batch(claims.iter().map(|claim| (claim, None)))
		}

		/// `claim_batch` with each claim naming the form its voucher was signed in (plain or
		/// `<Bytes>`-wrapped): its signature is checked in that form only, and charged one
		/// verification instead of two (the batch is charged the benchmarked difference of the
		/// two models' intercepts once: it is the cheaper call from about eight claims on). A
		/// claim naming the wrong form fails (`BadSignature`).
		#[pallet::call_index(10)]
		#[pallet::weight(ClaimBranch::weight_of_claims::<T>(
			claims.iter().map(|(claim, form)| (claim, Some(*form)))
		))]
		pub fn claim_batch_with_forms(
			origin: OriginFor<T>,
			claims: alloc::vec::Vec<(Claim<T::Signature>, VoucherForm)>,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::ensure_batch_size(claims.len())?;
			Self::do_claim_batch(claims.iter().map(|(claim, form)| (claim, Some(*form))))
		}

		/// Consumer: starts closing; the provider has `settlement_window` blocks to claim.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::request_close())]
		pub fn request_close(origin: OriginFor<T>, channel_id: ChannelId) -> DispatchResult {
			let consumer = ensure_signed(origin)?;
			Self::do_request_close(&consumer, channel_id)
		}

		/// Consumer: after the settlement window, refunds the rest and deletes the channel.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::finalize_close())]
		pub fn finalize_close(origin: OriginFor<T>, channel_id: ChannelId) -> DispatchResult {
			let consumer = ensure_signed(origin)?;
			Self::do_finalize_close(&consumer, channel_id)
		}

		/// Provider: closes at once, settling `final_voucher` if given; the rest is refunded.
		#[pallet::call_index(6)]
		#[pallet::weight(ClaimBranch::max_weight_of_close::<T>())]
		pub fn close(
			origin: OriginFor<T>,
			channel_id: ChannelId,
			final_voucher: Option<(u64, T::Signature)>,
		) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			Self::do_provider_close(&provider, channel_id, final_voucher)
		}

		/// Pays `units` of a service directly, without a channel. The first payment to the
		/// service also holds `record_deposit` for the payer's ledger entry.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::pay())]
		pub fn pay(origin: OriginFor<T>, service_id: ServiceId, units: u64) -> DispatchResult {
			let consumer = ensure_signed(origin)?;
			ensure!(units > 0, Error::<T>::ZeroAmount);
			Self::do_pay(consumer, service_id, units)
		}

		/// Governance: sets all parameters.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::set_parameters())]
		pub fn set_parameters(origin: OriginFor<T>, params: ParamsOf<T>) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(Self::params_valid(&params), Error::<T>::InvalidParameters);
			Parameters::<T>::put(params.clone());
			Self::deposit_event(Event::ParametersSet { params });
			Ok(())
		}

		/// Removes the caller's ledger entry for a service and releases its deposit, once it
		/// has no open channel to the service. Its rating of the service goes with it.
		#[pallet::call_index(9)]
		#[pallet::weight(
			T::WeightInfo::remove_payment_record()
				.saturating_add(T::OnPaymentRecordRemoved::weight())
		)]
		pub fn remove_payment_record(
			origin: OriginFor<T>,
			service_id: ServiceId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_remove_record(who, service_id)
		}
	}

	impl<T: Config> Pallet<T> {
		/// The parameters in force.
		pub fn params() -> ParamsOf<T> {
			Parameters::<T>::get().unwrap_or_else(Self::default_params)
		}

		/// Defaults: 1% fee, channels of at least the existential deposit, 100-block settlement
		/// window, 100 claims/batch, ledger entries holding the existential deposit.
		pub fn default_params() -> ParamsOf<T> {
			PaymentParams {
				protocol_fee: sp_runtime::Perbill::from_percent(1),
				min_deposit: T::Currency::minimum_balance(),
				settlement_window: 100u32.into(),
				max_claims_per_batch: T::MaxClaimsPerBatch::get().min(100),
				record_deposit: T::Currency::minimum_balance(),
			}
		}

		/// Consistent parameters: a window of at least one block, a batch of 1..=Max claims,
		/// and deposits that make every channel and ledger entry cost something: channels of at
		/// least the existential deposit, a non-zero ledger deposit.
		pub fn params_valid(p: &ParamsOf<T>) -> bool {
			p.settlement_window >= 1u32.into()
				&& p.max_claims_per_batch >= 1
				&& p.max_claims_per_batch <= T::MaxClaimsPerBatch::get()
				&& p.min_deposit >= T::Currency::minimum_balance()
				&& p.record_deposit > Default::default()
		}

		/// The escrow account holding every channel's deposit.
		pub fn escrow_account() -> T::AccountId {
			sp_runtime::traits::AccountIdConversion::into_account_truncating(&T::PalletId::get())
		}
	}
}
