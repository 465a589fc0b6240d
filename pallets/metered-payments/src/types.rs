//! Types stored by the metered-payments pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::ConstU32, BoundedVec};
use scale_info::TypeInfo;
use servicechain_primitives::ServiceId;
use sp_runtime::Perbill;

/// Identifier of a payment channel. Never reused.
pub type ChannelId = u64;

/// A payment channel from a consumer to a service.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
pub struct Channel<AccountId, Balance, BlockNumber> {
	/// Who pays; signs the vouchers.
	pub consumer: AccountId,
	/// The service paid.
	pub service_id: ServiceId,
	/// The service's provider at opening: may claim and close.
	pub provider: AccountId,
	/// Where payments go (the service's beneficiary, or its provider).
	pub payee: AccountId,
	/// Price per unit, locked at opening.
	pub price_per_unit: Balance,
	/// Funds of this channel still in escrow (the pallet's account).
	pub deposit: Balance,
	/// Units already settled (the highest claimed cumulative count).
	pub claimed_units: u64,
	/// Total paid out of this channel (payee and fee).
	pub paid: Balance,
	/// Block of opening.
	pub opened_at: BlockNumber,
	/// Once the consumer asked to close: the block until which (exclusive) the provider may
	/// still claim, fixed when the close was requested. From it on the consumer may finalize.
	pub settle_until: Option<BlockNumber>,
}

/// Channels a page holds: a batch reads and writes each page once, however many of its
/// channels it settles.
pub const CHANNELS_PER_PAGE: u32 = 16;

/// Where a channel lives: `(group, page)`. The group is the service id plus one (0 for channels
/// opened before pages, each alone in the page numbered by its id).
pub type PageKey = (u32, u32);

/// One channel in its page: what is its own (the service, provider and payee are the page's).
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
pub struct ChannelEntry<AccountId, Balance, BlockNumber> {
	/// Its position in the page (`index % CHANNELS_PER_PAGE`; 0 for a channel opened before
	/// pages).
	pub slot: u8,
	/// Who pays; signs the vouchers.
	pub consumer: AccountId,
	/// Price per unit, locked at opening.
	pub price_per_unit: Balance,
	/// Funds of this channel still in escrow (the pallet's account).
	pub deposit: Balance,
	/// Units already settled (the highest claimed cumulative count).
	pub claimed_units: u64,
	/// Total paid out of this channel (payee and fee).
	pub paid: Balance,
	/// Block of opening.
	pub opened_at: BlockNumber,
	/// Once the consumer asked to close: the block until which (exclusive) the provider may
	/// still claim.
	pub settle_until: Option<BlockNumber>,
}

/// Up to [`CHANNELS_PER_PAGE`] open channels of one service that share a provider and a payee,
/// ascending by slot.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
pub struct PageOfChannels<AccountId, Balance, BlockNumber> {
	/// The service the channels pay.
	pub service_id: ServiceId,
	/// The service's provider when the channels opened: may claim and close them.
	pub provider: AccountId,
	/// Where their payments go (the service's beneficiary, or its provider, at opening).
	pub payee: AccountId,
	/// The channels, ascending by slot.
	pub entries:
		BoundedVec<ChannelEntry<AccountId, Balance, BlockNumber>, ConstU32<CHANNELS_PER_PAGE>>,
}

/// A payer's ledger entry for one service: what it paid (which decides whether and how much
/// its rating counts), and the deposit that pays for the entry's storage.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	Default,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct PaymentRecord<Balance> {
	/// Total paid to the service, through channels and `pay`.
	pub paid: Balance,
	/// Held from the payer (`HoldReason::PaymentRecord`) until it removes the entry.
	pub deposit: Balance,
	/// The payer's open channels to the service (the entry stays while any is open).
	pub channels: u32,
}

/// The signature schemes of `MultiSignature`; verifying each costs differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureKind {
	/// Schnorrkel/Ristretto sr25519.
	Sr25519,
	/// Ed25519.
	Ed25519,
	/// ECDSA over secp256k1 (the account is the blake2-256 of the compressed public key).
	Ecdsa,
	/// ECDSA over secp256k1 of the keccak-256 of the message, for Ethereum keys (the account is
	/// the key's Ethereum address padded with `0xEE`).
	Eth,
}

/// Which scheme a voucher signature uses, so a claim is charged what verifying it cost.
pub trait SignatureKindOf {
	/// The scheme of this signature.
	fn kind(&self) -> SignatureKind;
}

impl SignatureKindOf for sp_runtime::MultiSignature {
	fn kind(&self) -> SignatureKind {
		match self {
			sp_runtime::MultiSignature::Sr25519(_) => SignatureKind::Sr25519,
			sp_runtime::MultiSignature::Ed25519(_) => SignatureKind::Ed25519,
			sp_runtime::MultiSignature::Ecdsa(_) => SignatureKind::Ecdsa,
			sp_runtime::MultiSignature::Eth(_) => SignatureKind::Eth,
		}
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
pub struct PaymentParams<Balance, BlockNumber> {
	/// Share of every payment that goes to the fee destination.
	pub protocol_fee: Perbill,
	/// Smallest deposit a channel can be opened with.
	pub min_deposit: Balance,
	/// Blocks the provider has to claim after the consumer requests to close.
	pub settlement_window: BlockNumber,
	/// Most claims one `claim_batch` may carry (at most `MaxClaimsPerBatch`).
	pub max_claims_per_batch: u32,
	/// Held from a payer for each service it pays (its ledger entry), until it removes the
	/// entry with `remove_payment_record`.
	pub record_deposit: Balance,
}

/// The bytes a voucher signature was made over: the payload itself, or the payload wrapped in
/// `<Bytes>…</Bytes>` as browser wallets sign raw bytes. A claim of `claim_batch_with_forms`
/// names it, so its signature is checked once, in that form (and charged one verification);
/// claims of `claim` and `claim_batch` name none and both forms are tried, plain first.
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
pub enum VoucherForm {
	/// The 71-byte payload.
	Plain,
	/// `<Bytes>` payload `</Bytes>`.
	Wrapped,
}

/// One claim of a batch.
#[derive(Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo)]
pub struct Claim<Signature> {
	/// The channel.
	pub channel_id: ChannelId,
	/// The voucher's cumulative units.
	pub cumulative_units: u64,
	/// The consumer's signature over the voucher payload.
	pub signature: Signature,
}

/// What settling a voucher would do now (see `MeteredPaymentsApi::claimable`).
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
pub struct Claimable<Balance> {
	/// Units the voucher adds beyond those already claimed.
	pub units: u64,
	/// What those units cost at the channel's locked price.
	pub owed: Balance,
	/// What would be paid out: `owed`, capped at the remaining deposit.
	pub amount: Balance,
	/// The protocol fee within `amount`.
	pub fee: Balance,
	/// What the payee would receive: `amount - fee`.
	pub payee_amount: Balance,
	/// What the voucher is worth beyond the remaining deposit.
	pub shortfall: Balance,
}

/// A page of channels, ascending by id.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
pub struct ChannelPage<Channel> {
	/// `(id, channel)` pairs, ascending by id.
	pub channels: alloc::vec::Vec<(ChannelId, Channel)>,
	/// Pass as `start_after` to continue; `None` when there are no more.
	pub next_cursor: Option<ChannelId>,
}
