//! Voucher verification.

use crate::{types, ChannelId, Config, Pallet};
use sp_core::H256;
use sp_runtime::traits::{Verify, Zero};

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
		types::voucher_payload(Self::genesis_hash(), channel_id, cumulative_units)
	}

	/// Whether `signature` is `signer`'s signature over the voucher, plain or `<Bytes>`-wrapped.
	pub fn verify_voucher(
		signer: &T::AccountId,
		channel_id: ChannelId,
		cumulative_units: u64,
		signature: &T::Signature,
	) -> bool {
		let payload = Self::voucher_payload(channel_id, cumulative_units);
		signature.verify(&payload[..], signer)
			|| signature.verify(&types::wrapped_payload(&payload)[..], signer)
	}
}
