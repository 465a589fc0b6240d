//! The runtime API of metered payments (polkadot.js: `api.call.meteredPaymentsApi.*`), so
//! clients never guess the voucher format or what a claim would pay.

use crate::{Channel, ChannelId, ChannelPage, Claimable, PaymentParams};
use codec::Codec;
use sp_runtime::DispatchError;

sp_api::decl_runtime_apis! {
	/// Channels, voucher bytes and claim previews.
	pub trait MeteredPaymentsApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// An open (or closing) channel.
		fn channel(id: ChannelId) -> Option<Channel<AccountId, Balance, BlockNumber>>;

		/// A consumer's channels, ascending by id after `start_after`; at most `limit`
		/// (clamped to 1..=100). Continue with `next_cursor` while it is `Some`.
		fn channels_of_consumer(
			consumer: AccountId,
			start_after: Option<ChannelId>,
			limit: u32,
		) -> ChannelPage<Channel<AccountId, Balance, BlockNumber>>;

		/// A provider's channels, paged like `channels_of_consumer`.
		fn channels_of_provider(
			provider: AccountId,
			start_after: Option<ChannelId>,
			limit: u32,
		) -> ChannelPage<Channel<AccountId, Balance, BlockNumber>>;

		/// The exact 71 bytes the consumer signs for a voucher on this chain (a fixed-size
		/// array: no length prefix in the answer).
		fn voucher_payload(channel_id: ChannelId, cumulative_units: u64) -> [u8; 71];

		/// What claiming a voucher for `cumulative_units` would pay now, or the pallet error
		/// `claim` would fail with (the signature is not checked).
		fn claimable(
			channel_id: ChannelId,
			cumulative_units: u64,
		) -> Result<Claimable<Balance>, DispatchError>;

		/// The parameters in force.
		fn parameters() -> PaymentParams<Balance, BlockNumber>;
	}
}
