//! Types stored by the metered-payments pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
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
	/// Funds still held from the consumer for this channel.
	pub deposit: Balance,
	/// Units already settled (the highest claimed cumulative count).
	pub claimed_units: u64,
	/// Total paid out of this channel (payee and fee).
	pub paid: Balance,
	/// Block of opening.
	pub opened_at: BlockNumber,
	/// When the consumer asked to close: the provider may still claim until
	/// `closing_at + settlement_window`.
	pub closing_at: Option<BlockNumber>,
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
}

/// The domain tag that starts every voucher payload (23 bytes, encoded without a length).
pub const VOUCHER_DOMAIN: [u8; 23] = *b"servicechain/voucher/v1";

/// The bytes a consumer signs for a voucher: the SCALE encoding of
/// `(VOUCHER_DOMAIN: [u8; 23], genesis_hash: H256, channel_id: u64, cumulative_units: u64)`,
/// i.e. 23 + 32 + 8 + 8 = 71 bytes, integers little-endian.
pub fn voucher_payload(
	genesis_hash: sp_core::H256,
	channel_id: ChannelId,
	cumulative_units: u64,
) -> [u8; 71] {
	let mut out = [0u8; 71];
	let encoded = (VOUCHER_DOMAIN, genesis_hash, channel_id, cumulative_units).encode();
	let n = encoded.len().min(out.len());
	out[..n].copy_from_slice(&encoded[..n]);
	out
}

/// The same payload wrapped as browser wallets sign raw bytes: `<Bytes>` payload `</Bytes>`.
pub fn wrapped_payload(payload: &[u8]) -> alloc::vec::Vec<u8> {
	[b"<Bytes>".as_slice(), payload, b"</Bytes>".as_slice()].concat()
}

/// One claim of a batch.
#[derive(Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo)]
pub struct ClaimOf<Signature> {
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
