//! The weight of each path a claim can take (as `pallet-referenda`'s `branch.rs` does for its
//! calls): the worst case is charged before dispatch, the path taken is returned after.
//!
//! `claim` is benchmarked once per signature kind; `claim_batch` and the provider's `close` with
//! ECDSA vouchers, so the kinds' differences to ECDSA are added or refunded per claim. Every
//! weight also carries at least the proof size that [`crate::proof`] sums over the storage
//! items a claim reads (the generated weights count only the largest item).

use crate::{proof, weights::WeightInfo, Config, SignatureKind};
use frame_support::weights::Weight;

/// The path one claim took, as far as its weight is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimBranch {
	/// Failed before its signature was verified (unknown channel, settlement window closed,
	/// units not above those claimed): it read only its channel.
	RejectedEarly,
	/// Verified a signature of this kind (and settled, or failed after verifying).
	Verified(SignatureKind),
}

/// The benchmarked `claim` with a signature of `kind`.
fn claim_of_kind<W: WeightInfo>(kind: SignatureKind) -> Weight {
	match kind {
		SignatureKind::Sr25519 => W::claim_sr25519(),
		SignatureKind::Ed25519 => W::claim_ed25519(),
		SignatureKind::Ecdsa => W::claim_ecdsa(),
		SignatureKind::Eth => W::claim_eth(),
	}
}

/// The heaviest benchmarked signature kind of a single `claim`.
fn heaviest_claim<W: WeightInfo>() -> Weight {
	[SignatureKind::Sr25519, SignatureKind::Ed25519, SignatureKind::Ecdsa, SignatureKind::Eth]
		.into_iter()
		.map(claim_of_kind::<W>)
		.fold(Weight::zero(), |heaviest, w| heaviest.max(w))
}

/// What the heaviest signature kind costs beyond ECDSA, with which `claim_batch` and `close`
/// are benchmarked.
fn beyond_ecdsa<W: WeightInfo>() -> Weight {
	heaviest_claim::<W>().saturating_sub(W::claim_ecdsa())
}

/// `weight` with a proof size of at least `proof`.
fn with_proof(weight: Weight, proof: u64) -> Weight {
	weight.set_proof_size(weight.proof_size().max(proof))
}

impl ClaimBranch {
	/// The weight charged for `claim`: the heaviest of the signature kinds, since the kind is
	/// only known once the signature is decoded.
	pub fn max_weight_of_claim<T: Config>() -> Weight {
		with_proof(heaviest_claim::<T::WeightInfo>(), proof::claims_proof::<T>(1, 0))
	}

	/// The weight charged up front for `claim_batch` of `n` claims: every claim verified with
	/// the heaviest signature kind and settled.
	pub fn max_weight_of_batch<T: Config>(n: u32) -> Weight {
		let weight = T::WeightInfo::claim_batch(n)
			.saturating_add(beyond_ecdsa::<T::WeightInfo>().saturating_mul(n.into()));
		with_proof(weight, proof::claims_proof::<T>(n, 0))
	}

	/// What a `claim_batch` whose claims took `branches` used: `claim_batch` for the claims that
	/// verified a signature, adjusted by what their kinds cost beside ECDSA, plus
	/// `claim_batch_rejected` for those rejected early.
	pub fn weight_of_batch<T: Config>(branches: &[ClaimBranch]) -> Weight {
		type W<T> = <T as Config>::WeightInfo;
		let ecdsa = W::<T>::claim_ecdsa();
		let (mut verified, mut rejected) = (0u32, 0u32);
		let (mut more, mut less) = (Weight::zero(), Weight::zero());
		for branch in branches {
			match branch {
				ClaimBranch::RejectedEarly => rejected = rejected.saturating_add(1),
				ClaimBranch::Verified(kind) => {
					verified = verified.saturating_add(1);
					let cost = claim_of_kind::<W<T>>(*kind);
					more = more.saturating_add(cost.saturating_sub(ecdsa));
					less = less.saturating_add(ecdsa.saturating_sub(cost));
				},
			}
		}
		let rejected_weight =
			W::<T>::claim_batch_rejected(rejected).saturating_sub(W::<T>::claim_batch_rejected(0));
		let weight = W::<T>::claim_batch(verified)
			.saturating_add(more)
			.saturating_sub(less)
			.saturating_add(rejected_weight);
		with_proof(weight, proof::claims_proof::<T>(verified, rejected))
	}

	/// The weight charged for the provider's `close` (with a final voucher at worst).
	pub fn max_weight_of_close<T: Config>() -> Weight {
		with_proof(
			T::WeightInfo::close().saturating_add(beyond_ecdsa::<T::WeightInfo>()),
			proof::close_proof::<T>(),
		)
	}
}
