//! Vouchers: the bytes a consumer signs for a channel (domain, payload, the wallet-wrapped
//! form) and their verification.

use crate::{ChannelId, Config, Pallet, VoucherForm};
use codec::Encode;
use sp_core::H256;
use sp_runtime::traits::{Verify, Zero};

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

impl<T: Config> Pallet<T> {
	/// This chain's genesis hash, which every voucher commits to.
	pub fn genesis_hash() -> H256 {
		let hash = frame_system::BlockHash::<T>::get(
			frame_system::pallet_prelude::BlockNumberFor::<T>::zero(),
		);
		H256::from_slice(hash.as_ref())
	}

	/// The exact bytes a consumer signs for `cumulative_units` of `channel_id` on this chain.
	pub fn voucher_payload(channel_id: ChannelId, cumulative_units: u64) -> [u8; 71] {
		voucher_payload(Self::genesis_hash(), channel_id, cumulative_units)
	}

	/// Whether `signature` is `signer`'s signature over the voucher: in `form` when given (one
	/// verification), else plain or `<Bytes>`-wrapped (plain first: up to two verifications).
	pub fn verify_voucher(
		signer: &T::AccountId,
		channel_id: ChannelId,
		cumulative_units: u64,
		signature: &T::Signature,
		form: Option<VoucherForm>,
	) -> bool {
		let payload = Self::voucher_payload(channel_id, cumulative_units);
		verify_payload::<T>(signer, &payload, signature, form)
	}
}

/// Whether `signature` is `signer`'s over `payload` in `form` (or either form, plain first).
pub(crate) fn verify_payload<T: Config>(
	signer: &T::AccountId,
	payload: &[u8; 71],
	signature: &T::Signature,
	form: Option<VoucherForm>,
) -> bool {
	let plain = || signature.verify(&payload[..], signer);
	let wrapped = || signature.verify(&wrapped_payload(payload)[..], signer);
	match form {
		Some(VoucherForm::Plain) => plain(),
		Some(VoucherForm::Wrapped) => wrapped(),
		None => plain() || wrapped(),
	}
}
