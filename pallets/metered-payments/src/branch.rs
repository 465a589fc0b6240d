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
//! carry a share of a page), plus, per claim, what its signature kind costs beside ECDSA. Those
//! benchmarks leave the form a voucher was signed in unnamed, so each claim checks two forms
//! (the plain check fails first); `claim_batch_named(n)` is `claim_batch_paged(n)` with each
//! claim naming its form (one check): a claim that names its form is charged the difference of
//! their slopes less (and only half of what a lighter signature kind saves beside ECDSA, whose
//! benchmarks check two forms), and a batch with such claims the difference of their
//! intercepts more (once), so that a batch of named claims is charged at least the
//! `claim_batch_named` model. Below about eight claims that intercept outweighs the saving:
//! clients should then send `claim_batch` (the SDK picks the cheaper call). A claim on a channel opened before pages also writes its consumer's
//! ledger entry: one more read and write at the runtime's database weights. Every weight also carries at least the proof size
//! that [`crate::proof`] sums over the storage items the claims read (the generated weights
//! count only the largest item).

use crate::{
	pages, proof, weights::WeightInfo, Claim, Config, PageKey, SignatureKind, SignatureKindOf,
	VoucherForm,
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

/// What a claim that names its form saves: one signature verification (the per-claim slope
/// of `claim_batch_paged` beyond that of `claim_batch_named`).
fn named_form_saving<W: WeightInfo>() -> Weight {
	let paged = W::claim_batch_paged(1).saturating_sub(W::claim_batch_paged(0));
	let named = W::claim_batch_named(1).saturating_sub(W::claim_batch_named(0));
	paged.saturating_sub(named).set_proof_size(0)
}

/// What a batch with claims that name their form is charged once more: the intercept of
/// `claim_batch_named` beyond that of `claim_batch_paged` (the models are fitted apart).
fn named_form_base<W: WeightInfo>() -> Weight {
	W::claim_batch_named(0).saturating_sub(W::claim_batch_paged(0))
}

/// The path one claim takes through a batch, as far as its weight depends on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClaimPath {
	/// The page its channel is on.
	pub page: PageKey,
	/// Its signature's scheme.
	pub kind: SignatureKind,
	/// Whether its channel was opened before pages (it also writes a ledger entry).
	pub legacy: bool,
	/// Whether it names the form its voucher was signed in (one verification, not two).
	pub named_form: bool,
}

impl ClaimPath {
	/// The path of `claim`, naming `form` or not.
	pub fn of<Signature: SignatureKindOf>(
		claim: &Claim<Signature>,
		form: Option<VoucherForm>,
	) -> Self {
		Self {
			page: pages::locate(claim.channel_id).0,
			kind: claim.signature.kind(),
			legacy: pages::is_legacy(claim.channel_id),
			named_form: form.is_some(),
		}
	}
}

/// The weight of settling claims that took `paths`, plus `rejected` claims that failed before
/// verifying a signature.
fn weight_of<T: Config>(paths: impl Iterator<Item = ClaimPath>, rejected: u32) -> Weight {
	type W<T> = <T as Config>::WeightInfo;
	let ecdsa = W::<T>::claim_ecdsa();
	let saving = named_form_saving::<W<T>>();
	let mut pages = BTreeSet::new();
	let (mut n, mut legacy) = (0u32, 0u32);
	let (mut more, mut less) = (Weight::zero(), Weight::zero());
	let mut any_named = false;
	for path in paths {
		n = n.saturating_add(1);
		pages.insert(path.page);
		if path.legacy {
			legacy = legacy.saturating_add(1);
		}
		let cost = claim_of_kind::<W<T>>(path.kind);
		more = more.saturating_add(cost.saturating_sub(ecdsa));
		if path.named_form {
			// The kinds' benchmarks check two forms: a claim checking one saves at most half of
			// what a lighter kind saves there (a heavier kind is still charged all it costs).
			let half = ecdsa.saturating_sub(cost).checked_div(2).unwrap_or_default();
			less = less.saturating_add(half).saturating_add(saving);
			any_named = true;
		} else {
			less = less.saturating_add(ecdsa.saturating_sub(cost));
		}
	}
	if any_named {
		more = more.saturating_add(named_form_base::<W<T>>());
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
	pub fn weight_of_claims<'a, T: Config>(
		claims: impl ExactSizeIterator<Item = (&'a Claim<T::Signature>, Option<VoucherForm>)>,
	) -> Weight {
		if claims.len() > T::MaxClaimsPerBatch::get() as usize {
			return Weight::MAX;
		}
		weight_of::<T>(claims.map(|(claim, form)| ClaimPath::of(claim, form)), 0)
	}

	/// What a `claim_batch` used: the paths of the claims that verified a signature, and
	/// `rejected` claims that failed before.
	pub fn weight_of_settled<T: Config>(verified: &[ClaimPath], rejected: u32) -> Weight {
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
