//! The weight of each path a claim can take (as `pallet-referenda`'s `branch.rs` does for its
//! calls), computed from the claims themselves: how many, on how many distinct pages, with which
//! signature kinds, and how many on channels opened before pages.
//!
//! Benchmarks: `claim_<kind>` (one claim of each signature kind); `claim_batch(p)`, `p` ECDSA
//! claims each on its own page (its own service, provider, payee and consumer: the scattered
//! worst case); `claim_batch_paged(n)`, `n` ECDSA claims of distinct consumers packed
//! [`crate::CHANNELS_PER_PAGE`] to a page, each page with its own payee; `claim_batch_rejected(n)`,
//! claims failing before their signature is verified. A batch of `n` claims on `p` pages is
//! charged `claim_batch(p) + claim_batch_paged(n - p) - claim_batch_paged(0)`, which is at least
//! its cost (each page's first claim as a scattered one, the others as packed ones, which also
//! carry a share of a page), plus, per claim, what its signature kind costs beside ECDSA. A claim
//! on a channel opened before pages also writes its consumer's ledger entry: one more read and
//! write at the runtime's database weights. Every weight also carries at least the proof size
//! that [`crate::proof`] sums over the storage items the claims read (the generated weights
//! count only the largest item).

use crate::{
	pages, proof, weights::WeightInfo, Claim, Config, PageKey, SignatureKind, SignatureKindOf,
};
use alloc::collections::BTreeSet;
use frame_support::{traits::Get, weights::Weight};

/// The weights of the paths claims take.
pub struct ClaimBranch;

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

/// What the heaviest signature kind costs beyond ECDSA, with which `close` is benchmarked.
fn beyond_ecdsa<W: WeightInfo>() -> Weight {
	heaviest_claim::<W>().saturating_sub(W::claim_ecdsa())
}

/// `weight` with a proof size of at least `proof`.
fn with_proof(weight: Weight, proof: u64) -> Weight {
	weight.set_proof_size(weight.proof_size().max(proof))
}

/// The ledger write of a claim on a channel opened before pages, at the database weights.
fn legacy_ledger<T: Config>() -> Weight {
	T::DbWeight::get().reads_writes(1, 1)
}

/// The weight of settling claims given as `(page, kind, opened before pages)`, plus `rejected`
/// claims that failed before verifying a signature.
fn weight_of<T: Config>(
	claims: impl Iterator<Item = (PageKey, SignatureKind, bool)>,
	rejected: u32,
) -> Weight {
	type W<T> = <T as Config>::WeightInfo;
	let ecdsa = W::<T>::claim_ecdsa();
	let mut pages = BTreeSet::new();
	let (mut n, mut legacy) = (0u32, 0u32);
	let (mut more, mut less) = (Weight::zero(), Weight::zero());
	for (key, kind, is_legacy) in claims {
		n = n.saturating_add(1);
		pages.insert(key);
		if is_legacy {
			legacy = legacy.saturating_add(1);
		}
		let cost = claim_of_kind::<W<T>>(kind);
		more = more.saturating_add(cost.saturating_sub(ecdsa));
		less = less.saturating_add(ecdsa.saturating_sub(cost));
	}
	let p = pages.len() as u32;
	let packed =
		W::<T>::claim_batch_paged(n.saturating_sub(p)).saturating_sub(W::<T>::claim_batch_paged(0));
	let rejected_weight =
		W::<T>::claim_batch_rejected(rejected).saturating_sub(W::<T>::claim_batch_rejected(0));
	let weight = W::<T>::claim_batch(p)
		.saturating_add(packed)
		.saturating_add(more)
		.saturating_sub(less)
		.saturating_add(legacy_ledger::<T>().saturating_mul(legacy.into()))
		.saturating_add(rejected_weight);
	with_proof(weight, proof::claims_proof::<T>(p, legacy, rejected))
}

impl ClaimBranch {
	/// The weight charged for `claim`: the benchmarked claim of the signature's kind.
	pub fn weight_of_claim<T: Config>(
		channel_id: crate::ChannelId,
		signature: &T::Signature,
	) -> Weight {
		let legacy = pages::is_legacy(channel_id);
		let weight = claim_of_kind::<T::WeightInfo>(signature.kind()).saturating_add(if legacy {
			legacy_ledger::<T>()
		} else {
			Weight::zero()
		});
		with_proof(weight, proof::claims_proof::<T>(1, u32::from(legacy), 0))
	}

	/// The weight charged up front for `claim_batch`: every claim verified and settled, with
	/// its own signature kind, on the distinct pages the claims name. A batch longer than
	/// `MaxClaimsPerBatch` (refused by the call) is not looked at: it is charged more than a
	/// block, so the pool drops it without the work of weighing it.
	pub fn weight_of_claims<T: Config>(claims: &[Claim<T::Signature>]) -> Weight {
		if claims.len() > T::MaxClaimsPerBatch::get() as usize {
			return Weight::MAX;
		}
		weight_of::<T>(
			claims.iter().map(|c| {
				(pages::locate(c.channel_id).0, c.signature.kind(), pages::is_legacy(c.channel_id))
			}),
			0,
		)
	}

	/// What a `claim_batch` used: the claims that verified a signature, given as
	/// `(page, kind, opened before pages)`, and `rejected` claims that failed before.
	pub fn weight_of_settled<T: Config>(
		verified: &[(PageKey, SignatureKind, bool)],
		rejected: u32,
	) -> Weight {
		weight_of::<T>(verified.iter().copied(), rejected)
	}

	/// The weight charged for the provider's `close` (with a final voucher of the heaviest
	/// kind at worst).
	pub fn max_weight_of_close<T: Config>() -> Weight {
		with_proof(
			T::WeightInfo::close().saturating_add(beyond_ecdsa::<T::WeightInfo>()),
			proof::close_proof::<T>(),
		)
	}
}
