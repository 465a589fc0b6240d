//! Benchmarks of metered payments (FRAME benchmarking v2).
//!
//! Worst cases: every claim verifies a `<Bytes>`-wrapped voucher (the plain check fails first,
//! so two signature checks), pays a payee distinct from the provider and a non-zero fee, and
//! creates the consumer's ledger entry. `claim` is measured for each signature kind; the
//! call is charged the heaviest ([`crate::claim_weight`]); `claim_batch` and the
//! provider's `close` use ECDSA vouchers (the heaviest kind measured on the reference machine).

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

/// The signature schemes of `MultiSignature`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureKind {
	/// Schnorrkel/Ristretto sr25519.
	Sr25519,
	/// Ed25519.
	Ed25519,
	/// ECDSA over secp256k1 (the account is the blake2-256 of the compressed public key).
	Ecdsa,
}

/// What the benchmarks need from the runtime.
pub trait BenchmarkHelper<AccountId, Balance, Signature> {
	/// Makes an available service of `provider` paying to another account at `price` per
	/// unit; returns its id.
	fn create_service(provider: &AccountId, price: Balance) -> ServiceId;
	/// The account of the benchmark key of `kind` (created in the keystore on first use).
	fn signer(kind: SignatureKind) -> AccountId;
	/// `message` signed with the benchmark key of `kind`.
	fn sign(kind: SignatureKind, message: &[u8]) -> Option<Signature>;
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

	fn seed() -> Option<Vec<u8>> {
		Some(b"//ServiceChainVoucherBenchmark".to_vec())
	}

	/// The account of the key of `kind`.
	pub fn signer(kind: SignatureKind) -> AccountId32 {
		let signer: MultiSigner = match kind {
			SignatureKind::Sr25519 => sp_io::crypto::sr25519_generate(KEY_TYPE, seed()).into(),
			SignatureKind::Ed25519 => sp_io::crypto::ed25519_generate(KEY_TYPE, seed()).into(),
			SignatureKind::Ecdsa => sp_io::crypto::ecdsa_generate(KEY_TYPE, seed()).into(),
		};
		signer.into_account()
	}

	/// `message` signed with the key of `kind`.
	pub fn sign(kind: SignatureKind, message: &[u8]) -> Option<MultiSignature> {
		match kind {
			SignatureKind::Sr25519 => {
				let key = sp_io::crypto::sr25519_generate(KEY_TYPE, seed());
				sp_io::crypto::sr25519_sign(KEY_TYPE, &key, message).map(Into::into)
			},
			SignatureKind::Ed25519 => {
				let key = sp_io::crypto::ed25519_generate(KEY_TYPE, seed());
				sp_io::crypto::ed25519_sign(KEY_TYPE, &key, message).map(Into::into)
			},
			SignatureKind::Ecdsa => {
				let key = sp_io::crypto::ecdsa_generate(KEY_TYPE, seed());
				sp_io::crypto::ecdsa_sign(KEY_TYPE, &key, message).map(Into::into)
			},
		}
	}
}

fn funded<T: Config>(who: &T::AccountId) {
	let amount = BalanceOf::<T>::max_value() / 4u32.into();
	let _ = T::Currency::set_balance(who, amount);
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
	Parameters::<T>::put(p);
}

/// A provider with a service at [`price`].
fn service<T: Config>() -> (T::AccountId, ServiceId) {
	let provider: T::AccountId = account("provider", 0, 0);
	funded::<T>(&provider);
	let id = T::BenchmarkHelper::create_service(&provider, price::<T>());
	(provider, id)
}

/// A channel of the `kind` key's account with a deposit worth a million units.
fn channel<T: Config>(kind: SignatureKind, service_id: ServiceId) -> (T::AccountId, ChannelId) {
	let consumer = T::BenchmarkHelper::signer(kind);
	if T::Currency::balance(&consumer) < BalanceOf::<T>::max_value() / 8u32.into() {
		funded::<T>(&consumer);
	}
	let deposit = price::<T>().saturating_mul(1_000_000u32.into());
	let id = NextChannelId::<T>::get();
	let opened = Payments::<T>::do_open(consumer.clone(), service_id, deposit);
	assert_eq!(opened, Ok(id), "benchmark channel opens");
	(consumer, id)
}

/// A `<Bytes>`-wrapped voucher of `kind` for `units` of `channel_id`.
fn voucher<T: Config>(
	kind: SignatureKind,
	channel_id: ChannelId,
	units: u64,
) -> Result<T::Signature, BenchmarkError> {
	let payload = Payments::<T>::voucher_payload(channel_id, units);
	T::BenchmarkHelper::sign(kind, &types::wrapped_payload(&payload))
		.ok_or(BenchmarkError::Stop("the benchmark key cannot sign"))
}

fn assert_claimed<T: Config>(channel_id: ChannelId, units: u64) {
	let ch = Channels::<T>::get(channel_id);
	assert_eq!(ch.map(|c| c.claimed_units), Some(units), "voucher settled");
}

/// A fresh channel of the `kind` key and a wrapped voucher for 1,000 units of it.
type ClaimSetup<T> =
	(<T as frame_system::Config>::AccountId, ChannelId, u64, <T as Config>::Signature);

fn claim_setup<T: Config>(kind: SignatureKind) -> Result<ClaimSetup<T>, BenchmarkError> {
	set_params::<T>();
	let (provider, service_id) = service::<T>();
	let (_, id) = channel::<T>(kind, service_id);
	let units = 1_000u64;
	let signature = voucher::<T>(kind, id, units)?;
	Ok((provider, id, units, signature))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn open_channel() {
		set_params::<T>();
		let (_, service_id) = service::<T>();
		let consumer: T::AccountId = account("consumer", 0, 0);
		funded::<T>(&consumer);
		let deposit = price::<T>().saturating_mul(1_000u32.into());
		let id = NextChannelId::<T>::get();
		#[extrinsic_call]
		_(RawOrigin::Signed(consumer), service_id, deposit);
		assert!(Channels::<T>::contains_key(id));
	}

	#[benchmark]
	fn top_up() {
		set_params::<T>();
		let (_, service_id) = service::<T>();
		let (consumer, id) = channel::<T>(SignatureKind::Sr25519, service_id);
		let before = Channels::<T>::get(id).map(|c| c.deposit).unwrap_or_default();
		let amount = price::<T>().saturating_mul(10u32.into());
		#[extrinsic_call]
		_(RawOrigin::Signed(consumer), id, amount);
		let after = Channels::<T>::get(id).map(|c| c.deposit).unwrap_or_default();
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

	/// `n` claims of `n` channels, each with a wrapped ECDSA voucher.
	#[benchmark]
	fn claim_batch(n: Linear<1, { T::MaxClaimsPerBatch::get() }>) -> Result<(), BenchmarkError> {
		set_params::<T>();
		let (provider, service_id) = service::<T>();
		let units = 1_000u64;
		let mut claims = Vec::new();
		for _ in 0..n {
			let (_, id) = channel::<T>(SignatureKind::Ecdsa, service_id);
			let signature = voucher::<T>(SignatureKind::Ecdsa, id, units)?;
			claims.push(ClaimOf { channel_id: id, cumulative_units: units, signature });
		}
		let ids: Vec<ChannelId> = claims.iter().map(|c| c.channel_id).collect();
		#[extrinsic_call]
		_(RawOrigin::Signed(provider), claims);
		for id in &ids {
			assert_claimed::<T>(*id, units);
		}
		// The worst case: every claim touches its own consumer's ledger entry and pays its
		// own payee; no account is shared between claims.
		let channels: Vec<_> = ids.iter().filter_map(|id| Channels::<T>::get(id)).collect();
		let consumers: alloc::collections::BTreeSet<_> =
			channels.iter().map(|c| c.consumer.clone()).collect();
		let payees: alloc::collections::BTreeSet<_> =
			channels.iter().map(|c| c.payee.clone()).collect();
		assert_eq!(consumers.len(), n as usize, "consumers are not distinct");
		assert_eq!(payees.len(), n as usize, "payees are not distinct");
		Ok(())
	}

	#[benchmark]
	fn request_close() {
		set_params::<T>();
		let (_, service_id) = service::<T>();
		let (consumer, id) = channel::<T>(SignatureKind::Sr25519, service_id);
		#[extrinsic_call]
		_(RawOrigin::Signed(consumer), id);
		assert!(Channels::<T>::get(id).is_some_and(|c| c.closing_at.is_some()));
	}

	#[benchmark]
	fn finalize_close() -> Result<(), BenchmarkError> {
		set_params::<T>();
		let (_, service_id) = service::<T>();
		let (consumer, id) = channel::<T>(SignatureKind::Sr25519, service_id);
		Payments::<T>::request_close(RawOrigin::Signed(consumer.clone()).into(), id)?;
		let window = Payments::<T>::params().settlement_window;
		let now = frame_system::Pallet::<T>::block_number();
		frame_system::Pallet::<T>::set_block_number(now.saturating_add(window));
		#[extrinsic_call]
		_(RawOrigin::Signed(consumer), id);
		assert!(!Channels::<T>::contains_key(id));
		Ok(())
	}

	/// The provider closes with a final (wrapped ECDSA) voucher.
	#[benchmark]
	fn close() -> Result<(), BenchmarkError> {
		set_params::<T>();
		let (provider, service_id) = service::<T>();
		let (_, id) = channel::<T>(SignatureKind::Ecdsa, service_id);
		let units = 1_000u64;
		let signature = voucher::<T>(SignatureKind::Ecdsa, id, units)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(provider), id, Some((units, signature)));
		assert!(!Channels::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn pay() {
		set_params::<T>();
		let (_, service_id) = service::<T>();
		let consumer: T::AccountId = account("consumer", 0, 0);
		funded::<T>(&consumer);
		#[extrinsic_call]
		_(RawOrigin::Signed(consumer.clone()), service_id, 1_000);
		assert!(!PaidToService::<T>::get(&consumer, service_id).is_zero());
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
