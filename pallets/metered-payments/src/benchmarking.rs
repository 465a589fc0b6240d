//! Benchmarks of metered payments (FRAME benchmarking v2).
//!
//! Worst cases: every claim verifies a `<Bytes>`-wrapped voucher (the plain check fails first,
//! so two signature checks), pays a non-zero fee and a payee whose account it creates, and its
//! channel sits in a full page (the page read and written whole). `claim_batch(p)` is the
//! scattered case: `p` claims, each with its own consumer, service, provider, payee and page;
//! `claim_batch_paged(n)` packs `n` claims of distinct consumers into pages of
//! [`crate::CHANNELS_PER_PAGE`], each page with its own service and payee;
//! `claim_batch_named(n)` is the same through `claim_batch_with_forms`, every claim naming its
//! voucher's form (one check each, of the wrapped form's longer message). `claim` is measured
//! for each signature kind; `claim_batch` and the provider's `close` use ECDSA vouchers (see
//! [`crate::ClaimBranch`] for how the kinds and pages are charged), and `claim_batch_rejected`
//! measures claims that fail before their signature is verified. `paid_to_service` reads
//! `MaxOpenChannelsPerService` channels of one payer, each in a page of its own.

use super::*;
use crate::Pallet as Payments;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	EnsureOrigin, Get,
};
use frame_system::RawOrigin;
use servicechain_primitives::ServiceId;
use sp_runtime::{
	traits::{Bounded, Zero},
	Perbill, Saturating,
};

pub use crate::types::SignatureKind;

/// What the benchmarks need from the runtime.
pub trait BenchmarkHelper<AccountId, Balance, Signature> {
	/// Makes an available service of `provider` paying to `payee` at `price` per unit; returns
	/// its id.
	fn create_service(provider: &AccountId, payee: &AccountId, price: Balance) -> ServiceId;
	/// The account of the `index`th benchmark key of `kind` (created in the keystore on first
	/// use).
	fn signer(kind: SignatureKind, index: u32) -> AccountId;
	/// `message` signed with the `index`th benchmark key of `kind`.
	fn sign(kind: SignatureKind, index: u32, message: &[u8]) -> Option<Signature>;
}

/// Benchmark keys for runtimes whose signatures are `sp_runtime::MultiSignature` and whose
/// accounts are `AccountId32`: keys live in the benchmark's keystore, derived from fixed
/// seeds, and sign through the `sp_io::crypto` host functions.
pub mod multi_signature_keys {
	use super::SignatureKind;
	use alloc::vec::Vec;
	use sp_core::crypto::{AccountId32, KeyTypeId};
	use sp_runtime::{traits::IdentifyAccount, MultiSignature, MultiSigner};

	/// The keystore key type of the benchmark keys.
	pub const KEY_TYPE: KeyTypeId = KeyTypeId(*b"scvb");

	fn seed(index: u32) -> Option<Vec<u8>> {
		Some(alloc::format!("//ServiceChainVoucherBenchmark//{index}").into_bytes())
	}

	/// The account of the `index`th key of `kind`.
	pub fn signer(kind: SignatureKind, index: u32) -> AccountId32 {
		let seed = seed(index);
		let signer: MultiSigner = match kind {
			SignatureKind::Sr25519 => sp_io::crypto::sr25519_generate(KEY_TYPE, seed).into(),
			SignatureKind::Ed25519 => sp_io::crypto::ed25519_generate(KEY_TYPE, seed).into(),
			SignatureKind::Ecdsa => sp_io::crypto::ecdsa_generate(KEY_TYPE, seed).into(),
			SignatureKind::Eth => {
				let key = sp_io::crypto::ecdsa_generate(KEY_TYPE, seed);
				MultiSigner::Eth(sp_core::ecdsa::KeccakPublic::from_raw(key.0))
			},
		};
		signer.into_account()
	}

	/// `message` signed with the `index`th key of `kind`.
	pub fn sign(kind: SignatureKind, index: u32, message: &[u8]) -> Option<MultiSignature> {
		let seed = seed(index);
		match kind {
			SignatureKind::Sr25519 => {
				let key = sp_io::crypto::sr25519_generate(KEY_TYPE, seed);
				sp_io::crypto::sr25519_sign(KEY_TYPE, &key, message).map(Into::into)
			},
			SignatureKind::Ed25519 => {
				let key = sp_io::crypto::ed25519_generate(KEY_TYPE, seed);
				sp_io::crypto::ed25519_sign(KEY_TYPE, &key, message).map(Into::into)
			},
			SignatureKind::Ecdsa => {
				let key = sp_io::crypto::ecdsa_generate(KEY_TYPE, seed);
				sp_io::crypto::ecdsa_sign(KEY_TYPE, &key, message).map(Into::into)
			},
			SignatureKind::Eth => {
				let key = sp_io::crypto::ecdsa_generate(KEY_TYPE, seed);
				let hash = sp_io::hashing::keccak_256(message);
				sp_io::crypto::ecdsa_sign_prehashed(KEY_TYPE, &key, &hash).map(|sig| {
					MultiSignature::Eth(sp_core::ecdsa::KeccakSignature::from_raw(sig.0))
				})
			},
		}
	}
}

/// A millionth of the largest balance: a batch funds up to `2 × MaxClaimsPerBatch` accounts,
/// so the total issuance cannot overflow.
fn rich<T: Config>() -> BalanceOf<T> {
	BalanceOf::<T>::max_value() / 1_000_000u32.into()
}

fn funded<T: Config>(who: &T::AccountId) {
	let _ = T::Currency::set_balance(who, rich::<T>());
}

fn price<T: Config>() -> BalanceOf<T> {
	T::Currency::minimum_balance().max(1u32.into())
}

/// A 1% fee and a minimum deposit, so that every path moves real funds.
fn set_params<T: Config>() {
	let mut p = Payments::<T>::default_params();
	p.protocol_fee = Perbill::from_percent(1);
	p.min_deposit = T::Currency::minimum_balance();
	p.max_claims_per_batch = T::MaxClaimsPerBatch::get();
	p.record_deposit = T::Currency::minimum_balance();
	Parameters::<T>::put(p);
}

/// The `index`th provider, with a service at [`price`] paying to its own payee (an account that
/// does not exist yet).
fn service<T: Config>(index: u32) -> (T::AccountId, ServiceId) {
	let provider: T::AccountId = account("provider", index, 0);
	funded::<T>(&provider);
	let payee: T::AccountId = account("payee", index, 0);
	let id = T::BenchmarkHelper::create_service(&provider, &payee, price::<T>());
	(provider, id)
}

/// A channel of the `index`th `kind` key's account with a deposit worth a million units.
fn channel<T: Config>(
	kind: SignatureKind,
	index: u32,
	service_id: ServiceId,
) -> (T::AccountId, ChannelId) {
	let consumer = T::BenchmarkHelper::signer(kind, index);
	if T::Currency::balance(&consumer) < rich::<T>() / 2u32.into() {
		funded::<T>(&consumer);
	}
	let deposit = price::<T>().saturating_mul(1_000_000u32.into());
	let opened = Payments::<T>::do_open(consumer.clone(), service_id, deposit);
	assert!(opened.is_ok(), "benchmark channel opens");
	(consumer, opened.unwrap_or_default())
}

/// Fills the rest of the service's current page with channels of other consumers (written
/// directly: only their bytes matter), so that the next channel takes the page's last slot.
fn fill_page<T: Config>(service_id: ServiceId) {
	let group = crate::pages::group_of(service_id).unwrap_or_default();
	let per_page = crate::CHANNELS_PER_PAGE;
	let start = NextChannelIndex::<T>::get(service_id);
	let terms =
		<T::Services as servicechain_primitives::ServiceInspect<_, _>>::service_terms(service_id);
	let Some(terms) = terms else { return };
	let mut index = start;
	while index % per_page != per_page - 1 {
		let (key, slot) = crate::pages::locate(crate::pages::channel_id(group, index));
		ChannelPages::<T>::mutate(key, |page| {
			let page = page.get_or_insert_with(|| PageOf::<T> {
				service_id,
				provider: terms.provider.clone(),
				payee: terms.payee.clone(),
				entries: Default::default(),
			});
			let _ = page.entries.try_push(ChannelEntry {
				slot,
				consumer: account("filler", index, 0),
				price_per_unit: price::<T>(),
				deposit: price::<T>(),
				claimed_units: 0,
				paid: Zero::zero(),
				opened_at: Zero::zero(),
				// Closing: the largest encoding an entry has.
				settle_until: Some(Zero::zero()),
			});
		});
		index = index.saturating_add(1);
	}
	NextChannelIndex::<T>::insert(service_id, index);
}

/// A `<Bytes>`-wrapped voucher of the `index`th `kind` key for `units` of `channel_id`.
fn voucher<T: Config>(
	kind: SignatureKind,
	index: u32,
	channel_id: ChannelId,
	units: u64,
) -> Result<T::Signature, BenchmarkError> {
	let payload = Payments::<T>::voucher_payload(channel_id, units);
	T::BenchmarkHelper::sign(kind, index, &crate::wrapped_payload(&payload))
		.ok_or(BenchmarkError::Stop("the benchmark key cannot sign"))
}

fn assert_claimed<T: Config>(channel_id: ChannelId, units: u64) {
	let ch = Payments::<T>::channel(channel_id);
	assert_eq!(ch.map(|c| c.claimed_units), Some(units), "voucher settled");
}

/// A fresh channel of the `kind` key and a wrapped voucher for 1,000 units of it.
type ClaimSetup<T> =
	(<T as frame_system::Config>::AccountId, ChannelId, u64, <T as Config>::Signature);

fn claim_setup<T: Config>(kind: SignatureKind) -> Result<ClaimSetup<T>, BenchmarkError> {
	set_params::<T>();
	let (provider, service_id) = service::<T>(0);
	fill_page::<T>(service_id);
	let (_, id) = channel::<T>(kind, 0, service_id);
	let units = 1_000u64;
	let signature = voucher::<T>(kind, 0, id, units)?;
	Ok((provider, id, units, signature))
}

/// `n` claims with wrapped ECDSA vouchers of `n` distinct consumers, packed
/// `CHANNELS_PER_PAGE` to a page, each page of its own service, provider and payee; and the
/// (funded) account that submits them.
fn packed_claims<T: Config>(
	n: u32,
) -> Result<(T::AccountId, Vec<Claim<T::Signature>>), BenchmarkError> {
	set_params::<T>();
	let units = 1_000u64;
	let mut claims = Vec::new();
	let mut service_id = 0;
	for i in 0..n {
		if i % crate::CHANNELS_PER_PAGE == 0 {
			service_id = service::<T>(i / crate::CHANNELS_PER_PAGE).1;
		}
		let (_, id) = channel::<T>(SignatureKind::Ecdsa, i, service_id);
		let signature = voucher::<T>(SignatureKind::Ecdsa, i, id, units)?;
		claims.push(Claim { channel_id: id, cumulative_units: units, signature });
	}
	let provider: T::AccountId = account("provider", 0, 0);
	funded::<T>(&provider);
	Ok((provider, claims))
}

/// Every claim of `packed_claims` settled, of distinct consumers, on packed pages.
fn assert_packed_claimed<T: Config>(ids: &[ChannelId], n: u32) {
	for id in ids {
		assert_claimed::<T>(*id, 1_000);
	}
	let consumers: alloc::collections::BTreeSet<_> =
		ids.iter().filter_map(|id| Payments::<T>::channel(*id)).map(|c| c.consumer).collect();
	assert_eq!(consumers.len(), n as usize, "consumers are not distinct");
	let pages: alloc::collections::BTreeSet<_> =
		ids.iter().map(|id| crate::pages::locate(*id).0).collect();
	assert_eq!(pages.len() as u32, n.div_ceil(crate::CHANNELS_PER_PAGE), "pages not packed");
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A consumer's first channel to the service: its ledger entry is made too, and the
	/// service's current page (15 channels) was opened with another payee, so the channel starts
	/// a new page (both pages are read).
	#[benchmark]
	fn open_channel() {
		set_params::<T>();
		let (_, service_id) = service::<T>(0);
		fill_page::<T>(service_id);
		let group = crate::pages::group_of(service_id).unwrap_or_default();
		let current = (group, NextChannelIndex::<T>::get(service_id) / crate::CHANNELS_PER_PAGE);
		ChannelPages::<T>::mutate(current, |page| {
			if let Some(page) = page {
				page.payee = account("former payee", 0, 0);
			}
		});
		let consumer: T::AccountId = account("consumer", 0, 0);
		funded::<T>(&consumer);
		let deposit = price::<T>().saturating_mul(1_000u32.into());
		let index = NextChannelIndex::<T>::get(service_id);
		#[extrinsic_call]
		_(RawOrigin::Signed(consumer), service_id, deposit);
		// On a new page: the next multiple of the page size, plus itself.
		let next_page = index.next_multiple_of(crate::CHANNELS_PER_PAGE);
		assert_eq!(NextChannelIndex::<T>::get(service_id), next_page + 1);
	}

	#[benchmark]
	fn top_up() {
		set_params::<T>();
		let (_, service_id) = service::<T>(0);
		fill_page::<T>(service_id);
		let (consumer, id) = channel::<T>(SignatureKind::Sr25519, 0, service_id);
		let before = Payments::<T>::channel(id).map(|c| c.deposit).unwrap_or_default();
		let amount = price::<T>().saturating_mul(10u32.into());
		#[extrinsic_call]
		_(RawOrigin::Signed(consumer), id, amount);
		let after = Payments::<T>::channel(id).map(|c| c.deposit).unwrap_or_default();
		assert_eq!(after, before.saturating_add(amount));
	}

	#[benchmark]
	fn claim_sr25519() -> Result<(), BenchmarkError> {
		let (provider, id, units, signature) = claim_setup::<T>(SignatureKind::Sr25519)?;
		#[extrinsic_call]
		claim(RawOrigin::Signed(provider), id, units, signature);
		assert_claimed::<T>(id, units);
		Ok(())
	}

	#[benchmark]
	fn claim_ed25519() -> Result<(), BenchmarkError> {
		let (provider, id, units, signature) = claim_setup::<T>(SignatureKind::Ed25519)?;
		#[extrinsic_call]
		claim(RawOrigin::Signed(provider), id, units, signature);
		assert_claimed::<T>(id, units);
		Ok(())
	}

	#[benchmark]
	fn claim_ecdsa() -> Result<(), BenchmarkError> {
		let (provider, id, units, signature) = claim_setup::<T>(SignatureKind::Ecdsa)?;
		#[extrinsic_call]
		claim(RawOrigin::Signed(provider), id, units, signature);
		assert_claimed::<T>(id, units);
		Ok(())
	}

	#[benchmark]
	fn claim_eth() -> Result<(), BenchmarkError> {
		let (provider, id, units, signature) = claim_setup::<T>(SignatureKind::Eth)?;
		#[extrinsic_call]
		claim(RawOrigin::Signed(provider), id, units, signature);
		assert_claimed::<T>(id, units);
		Ok(())
	}

	/// `n` claims of `n` channels, each with a wrapped ECDSA voucher, its own consumer, its own
	/// service and provider, its own payee (whose account the claim creates) and its own full
	/// page: the scattered worst case, charged per distinct page.
	#[benchmark]
	fn claim_batch(n: Linear<1, { T::MaxClaimsPerBatch::get() }>) -> Result<(), BenchmarkError> {
		set_params::<T>();
		let units = 1_000u64;
		let mut claims = Vec::new();
		for i in 0..n {
			let (_, service_id) = service::<T>(i);
			fill_page::<T>(service_id);
			let (_, id) = channel::<T>(SignatureKind::Ecdsa, i, service_id);
			let signature = voucher::<T>(SignatureKind::Ecdsa, i, id, units)?;
			claims.push(Claim { channel_id: id, cumulative_units: units, signature });
		}
		let provider: T::AccountId = account("provider", 0, 0);
		let ids: Vec<ChannelId> = claims.iter().map(|c| c.channel_id).collect();
		#[extrinsic_call]
		_(RawOrigin::Signed(provider), claims);
		for id in &ids {
			assert_claimed::<T>(*id, units);
		}
		// The worst case: every claim pays its own payee from its own page; no account or page
		// is shared between claims.
		let channels: Vec<_> = ids.iter().filter_map(|id| Payments::<T>::channel(*id)).collect();
		let consumers: alloc::collections::BTreeSet<_> =
			channels.iter().map(|c| c.consumer.clone()).collect();
		let payees: alloc::collections::BTreeSet<_> =
			channels.iter().map(|c| c.payee.clone()).collect();
		assert_eq!(consumers.len(), n as usize, "consumers are not distinct");
		assert_eq!(payees.len(), n as usize, "payees are not distinct");
		let pages: alloc::collections::BTreeSet<_> =
			ids.iter().map(|id| crate::pages::locate(*id).0).collect();
		assert_eq!(pages.len(), n as usize, "pages are not distinct");
		Ok(())
	}

	/// `n` claims with wrapped ECDSA vouchers of `n` distinct consumers, packed
	/// `CHANNELS_PER_PAGE` to a page; each page of its own service, provider and payee (whose
	/// account the batch creates). The claims leave their form unnamed: each checks two forms.
	#[benchmark]
	fn claim_batch_paged(
		n: Linear<0, { T::MaxClaimsPerBatch::get() }>,
	) -> Result<(), BenchmarkError> {
		let (provider, claims) = packed_claims::<T>(n)?;
		let ids: Vec<ChannelId> = claims.iter().map(|c| c.channel_id).collect();
		#[extrinsic_call]
		claim_batch(RawOrigin::Signed(provider), claims);
		assert_packed_claimed::<T>(&ids, n);
		Ok(())
	}

	/// `claim_batch_paged(n)` through `claim_batch_with_forms`, each claim naming the
	/// (wrapped) form of its voucher: one check each.
	#[benchmark]
	fn claim_batch_named(
		n: Linear<0, { T::MaxClaimsPerBatch::get() }>,
	) -> Result<(), BenchmarkError> {
		let (provider, claims) = packed_claims::<T>(n)?;
		let ids: Vec<ChannelId> = claims.iter().map(|c| c.channel_id).collect();
		let claims: Vec<_> = claims.into_iter().map(|c| (c, VoucherForm::Wrapped)).collect();
		#[extrinsic_call]
		claim_batch_with_forms(RawOrigin::Signed(provider), claims);
		assert_packed_claimed::<T>(&ids, n);
		Ok(())
	}

	/// What a payer paid to a service through `MaxOpenChannelsPerService` open channels, each
	/// in a full page of its own (the registry adds this to `rate_service`).
	#[benchmark]
	fn paid_to_service() -> Result<(), BenchmarkError> {
		set_params::<T>();
		let (_, service_id) = service::<T>(0);
		let consumer = T::BenchmarkHelper::signer(SignatureKind::Sr25519, 0);
		let mut ids = Vec::new();
		for _ in 0..T::MaxOpenChannelsPerService::get() {
			fill_page::<T>(service_id);
			ids.push(channel::<T>(SignatureKind::Sr25519, 0, service_id).1);
		}
		// A channel of the payer to the next service: the scan reads its index key to stop.
		let (_, next_service) = service::<T>(1);
		channel::<T>(SignatureKind::Sr25519, 0, next_service);
		for id in &ids {
			Payments::<T>::mutate_channel(*id, |_, ch| {
				ch.paid = price::<T>();
				Ok(())
			})
			.map_err(|_| BenchmarkError::Stop("a benchmark channel is missing"))?;
		}
		let paid;
		#[block]
		{
			paid = <Payments<T> as servicechain_primitives::PaymentInspect<_, _>>::paid_to_service(
				&consumer, service_id,
			);
		}
		let expected = price::<T>().saturating_mul((ids.len() as u32).into());
		assert_eq!(paid, expected, "every open channel counted");
		Ok(())
	}

	/// `n` claims that fail before any signature is verified (units not above those claimed).
	#[benchmark]
	fn claim_batch_rejected(
		n: Linear<0, { T::MaxClaimsPerBatch::get() }>,
	) -> Result<(), BenchmarkError> {
		set_params::<T>();
		let mut claims = Vec::new();
		for i in 0..n {
			let (_, service_id) = service::<T>(i);
			fill_page::<T>(service_id);
			let (_, id) = channel::<T>(SignatureKind::Ecdsa, i, service_id);
			let signature = voucher::<T>(SignatureKind::Ecdsa, i, id, 0)?;
			claims.push(Claim { channel_id: id, cumulative_units: 0, signature });
		}
		let ids: Vec<ChannelId> = claims.iter().map(|c| c.channel_id).collect();
		let submitter: T::AccountId = account("provider", 0, 0);
		funded::<T>(&submitter);
		#[extrinsic_call]
		claim_batch(RawOrigin::Signed(submitter), claims);
		for id in ids {
			assert_claimed::<T>(id, 0);
		}
		Ok(())
	}

	#[benchmark]
	fn request_close() {
		set_params::<T>();
		let (_, service_id) = service::<T>(0);
		fill_page::<T>(service_id);
		let (consumer, id) = channel::<T>(SignatureKind::Sr25519, 0, service_id);
		#[extrinsic_call]
		_(RawOrigin::Signed(consumer), id);
		assert!(Payments::<T>::channel(id).is_some_and(|c| c.settle_until.is_some()));
	}

	#[benchmark]
	fn finalize_close() -> Result<(), BenchmarkError> {
		set_params::<T>();
		let (_, service_id) = service::<T>(0);
		fill_page::<T>(service_id);
		let (consumer, id) = channel::<T>(SignatureKind::Sr25519, 0, service_id);
		Payments::<T>::request_close(RawOrigin::Signed(consumer.clone()).into(), id)?;
		let window = Payments::<T>::params().settlement_window;
		let now = frame_system::Pallet::<T>::block_number();
		frame_system::Pallet::<T>::set_block_number(now.saturating_add(window));
		#[extrinsic_call]
		_(RawOrigin::Signed(consumer), id);
		assert!(Payments::<T>::channel(id).is_none());
		Ok(())
	}

	/// The provider closes with a final (wrapped ECDSA) voucher.
	#[benchmark]
	fn close() -> Result<(), BenchmarkError> {
		set_params::<T>();
		let (provider, service_id) = service::<T>(0);
		fill_page::<T>(service_id);
		let (_, id) = channel::<T>(SignatureKind::Ecdsa, 0, service_id);
		let units = 1_000u64;
		let signature = voucher::<T>(SignatureKind::Ecdsa, 0, id, units)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(provider), id, Some((units, signature)));
		assert!(Payments::<T>::channel(id).is_none());
		Ok(())
	}

	/// A consumer's first payment to the service: its ledger entry is made too.
	#[benchmark]
	fn pay() {
		set_params::<T>();
		let (_, service_id) = service::<T>(0);
		let consumer: T::AccountId = account("consumer", 0, 0);
		funded::<T>(&consumer);
		#[extrinsic_call]
		_(RawOrigin::Signed(consumer.clone()), service_id, 1_000);
		assert!(PaidToService::<T>::get(&consumer, service_id).is_some_and(|r| !r.paid.is_zero()));
	}

	/// Removing a ledger entry (the registry's part is charged on top).
	#[benchmark]
	fn remove_payment_record() -> Result<(), BenchmarkError> {
		set_params::<T>();
		let (_, service_id) = service::<T>(0);
		let consumer: T::AccountId = account("consumer", 0, 0);
		funded::<T>(&consumer);
		Payments::<T>::pay(RawOrigin::Signed(consumer.clone()).into(), service_id, 1_000)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(consumer.clone()), service_id);
		assert!(!PaidToService::<T>::contains_key(&consumer, service_id));
		Ok(())
	}

	#[benchmark]
	fn set_parameters() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let mut params = Payments::<T>::default_params();
		params.protocol_fee = Perbill::from_percent(3);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, params.clone());
		assert_eq!(Parameters::<T>::get(), Some(params));
		Ok(())
	}

	impl_benchmark_test_suite!(Payments, crate::mock::new_test_ext(), crate::mock::Test);
}
