//! Benchmarks of the service registry (FRAME benchmarking v2). Worst cases: longest strings,
//! most endpoints and tags, ratings replaced rather than added.

use super::*;
use crate::Pallet as Registry;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	EnsureOrigin, Get,
};
use frame_system::RawOrigin;
use sp_runtime::{traits::Bounded, Saturating};

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId
where
	T::Currency: Mutate<T::AccountId>,
{
	let who: T::AccountId = account(name, index, 0);
	let amount = BalanceOf::<T>::max_value() / 4u32.into();
	let _ = T::Currency::set_balance(&who, amount);
	who
}

fn bytes(len: u32, fill: u8) -> Vec<u8> {
	vec![fill; len as usize]
}

/// The largest valid input with `tags` distinct tags of maximal length.
fn max_input<T: Config>(tags: u32, seed: u8) -> ServiceInput<T::AccountId, BalanceOf<T>> {
	let tag_len = T::MaxTagLen::get();
	ServiceInput {
		name: bytes(T::MaxNameLen::get(), b'n'),
		endpoints: (0..T::MaxEndpoints::get())
			.map(|i| bytes(T::MaxEndpointLen::get(), i as u8))
			.collect(),
		protocol: bytes(T::MaxProtocolLen::get(), b'p'),
		tags: (0..tags)
			.map(|i| {
				let mut t = bytes(tag_len, seed);
				let id = i.to_be_bytes();
				let n = t.len().min(4);
				t[..n].copy_from_slice(&id[4 - n..]);
				t
			})
			.collect(),
		price_per_unit: 1_000u32.into(),
		unit: UnitInput::Custom(bytes(T::MaxUnitLen::get(), b'u')),
		metadata: Some(bytes(T::MaxMetadataLen::get(), b'm')),
		beneficiary: Some(account("beneficiary", 0, 0)),
	}
}

/// Parameters with real deposits so that holds are exercised.
fn set_params<T: Config>() {
	let mut p = Registry::<T>::default_params();
	p.base_deposit = T::Currency::minimum_balance().saturating_mul(10u32.into());
	p.byte_deposit = 1u32.into();
	p.min_paid_to_rate = 0u32.into();
	Parameters::<T>::put(p);
}

fn register<T: Config>(provider: &T::AccountId, tags: u32) -> ServiceId
where
	T::Currency: Mutate<T::AccountId>,
{
	let details = Registry::<T>::validate_input(max_input::<T>(tags, b'a')).expect("valid input");
	Registry::<T>::do_register(provider.clone(), details).expect("registers")
}

fn advance<T: Config>(blocks: u32) {
	let now = frame_system::Pallet::<T>::block_number();
	frame_system::Pallet::<T>::set_block_number(now.saturating_add(blocks.into()));
}

#[benchmarks(where T::Currency: Mutate<T::AccountId>)]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_service(t: Linear<0, { T::MaxTags::get() }>) {
		set_params::<T>();
		let provider = funded::<T>("provider", 0);
		let input = max_input::<T>(t, b'a');
		#[extrinsic_call]
		_(RawOrigin::Signed(provider.clone()), input);
		assert_eq!(ProviderServiceCount::<T>::get(&provider), 1);
	}

	#[benchmark]
	fn update_service(t: Linear<0, { T::MaxTags::get() }>) {
		set_params::<T>();
		let provider = funded::<T>("provider", 0);
		let id = register::<T>(&provider, t);
		// All tags change: every old entry is removed and every new one added.
		let input = max_input::<T>(t, b'b');
		#[extrinsic_call]
		_(RawOrigin::Signed(provider), id, input);
		assert_eq!(Services::<T>::get(id).map(|s| s.version), Some(1));
	}

	#[benchmark]
	fn heartbeat() {
		set_params::<T>();
		let provider = funded::<T>("provider", 0);
		let id = register::<T>(&provider, T::MaxTags::get());
		advance::<T>(1);
		#[extrinsic_call]
		_(RawOrigin::Signed(provider), id);
	}

	#[benchmark]
	fn pause_service(t: Linear<0, { T::MaxTags::get() }>) {
		set_params::<T>();
		let provider = funded::<T>("provider", 0);
		let id = register::<T>(&provider, t);
		#[extrinsic_call]
		_(RawOrigin::Signed(provider), id);
		assert_eq!(Services::<T>::get(id).map(|s| s.status), Some(ServiceStatus::Paused));
	}

	#[benchmark]
	fn resume_service(t: Linear<0, { T::MaxTags::get() }>) {
		set_params::<T>();
		let provider = funded::<T>("provider", 0);
		let id = register::<T>(&provider, t);
		Registry::<T>::do_pause(&provider, id).expect("pauses");
		#[extrinsic_call]
		_(RawOrigin::Signed(provider), id);
		assert_eq!(Services::<T>::get(id).map(|s| s.status), Some(ServiceStatus::Active));
	}

	#[benchmark]
	fn deregister_service(t: Linear<0, { T::MaxTags::get() }>) {
		set_params::<T>();
		let provider = funded::<T>("provider", 0);
		let id = register::<T>(&provider, t);
		#[extrinsic_call]
		_(RawOrigin::Signed(provider), id);
		assert!(Services::<T>::get(id).is_some_and(|s| s.is_retired()));
	}

	#[benchmark]
	fn withdraw_deposit() {
		set_params::<T>();
		let provider = funded::<T>("provider", 0);
		let id = register::<T>(&provider, T::MaxTags::get());
		Registry::<T>::do_deregister(Some(&provider), id).expect("retires");
		advance::<T>(1_000_000);
		#[extrinsic_call]
		_(RawOrigin::Signed(provider.clone()), id);
		assert!(Services::<T>::get(id).is_none());
	}

	#[benchmark]
	fn reap_stale_service(t: Linear<0, { T::MaxTags::get() }>) {
		set_params::<T>();
		let provider = funded::<T>("provider", 0);
		let reaper = funded::<T>("reaper", 0);
		let id = register::<T>(&provider, t);
		advance::<T>(1_000_000);
		#[extrinsic_call]
		_(RawOrigin::Signed(reaper), id);
		assert!(Services::<T>::get(id).is_some_and(|s| s.is_retired()));
	}

	#[benchmark]
	fn rate_service() {
		set_params::<T>();
		let provider = funded::<T>("provider", 0);
		let id = register::<T>(&provider, T::MaxTags::get());
		let rater: T::AccountId = whitelisted_caller();
		// Worst case: the rater replaces an earlier score.
		Registry::<T>::do_rate(rater.clone(), id, 1).expect("rates");
		#[extrinsic_call]
		_(RawOrigin::Signed(rater.clone()), id, 5);
		assert_eq!(Ratings::<T>::get(id, &rater).map(|r| r.score), Some(5));
	}

	/// A rating goes with the ledger entry that backed it (`OnPaymentRecordRemoved`).
	#[benchmark]
	fn remove_rating() {
		set_params::<T>();
		let provider = funded::<T>("provider", 0);
		let id = register::<T>(&provider, T::MaxTags::get());
		let rater: T::AccountId = account("rater", 0, 0);
		Registry::<T>::do_rate(rater.clone(), id, 4).expect("rates");
		#[block]
		{
			Registry::<T>::remove_rating(&rater, id);
		}
		assert!(Ratings::<T>::get(id, &rater).is_none());
	}

	#[benchmark]
	fn slash_service() -> Result<(), BenchmarkError> {
		set_params::<T>();
		let provider = funded::<T>("provider", 0);
		let id = register::<T>(&provider, T::MaxTags::get());
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let amount = T::Currency::minimum_balance();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, amount, T::Hash::default());
		Ok(())
	}

	#[benchmark]
	fn set_parameters() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let params = Registry::<T>::default_params();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, params.clone());
		assert_eq!(Parameters::<T>::get(), Some(params));
		Ok(())
	}

	impl_benchmark_test_suite!(Registry, crate::mock::new_test_ext(), crate::mock::Test);
}
