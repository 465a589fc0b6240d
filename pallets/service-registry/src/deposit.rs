//! Deposits: sizing, holding, adjusting, releasing and slashing.

use crate::{BalanceOf, Config, Error, Event, HoldReason, Pallet, ServiceInfo, Services};
use codec::Encode;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{BalancedHold, MutateHold},
		tokens::Precision,
		OnUnbalanced,
	},
};
use servicechain_primitives::{ServiceId, VoteBacking};
use sp_runtime::{traits::Zero, Saturating};

impl<T: Config> Pallet<T> {
	/// The deposit a service record needs: `base_deposit + byte_deposit × encoded size`.
	pub fn required_deposit(info: &ServiceInfo<T>) -> BalanceOf<T> {
		let params = Self::params();
		let bytes = BalanceOf::<T>::from(info.encoded_size() as u32);
		params.base_deposit.saturating_add(params.byte_deposit.saturating_mul(bytes))
	}

	/// Holds `amount` more from `who`, naming a shortfall `InsufficientBalance`.
	pub(crate) fn hold_deposit(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		T::Currency::hold(&HoldReason::ServiceDeposit.into(), who, amount)
			.map_err(|_| Error::<T>::InsufficientBalance.into())
	}

	/// Releases `amount` of `who`'s held deposit.
	pub(crate) fn release_deposit(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		T::Currency::release(&HoldReason::ServiceDeposit.into(), who, amount, Precision::Exact)
			.map(|_| ())
	}

	/// Brings a service's held deposit to what its (new) record requires: holds the difference
	/// or releases the surplus. Updates `info.deposit`.
	pub(crate) fn adjust_deposit(info: &mut ServiceInfo<T>) -> DispatchResult {
		let required = Self::required_deposit(info);
		if required > info.deposit {
			Self::hold_deposit(&info.provider, required.saturating_sub(info.deposit))?;
		} else {
			Self::release_deposit(&info.provider, info.deposit.saturating_sub(required))?;
		}
		info.deposit = required;
		Ok(())
	}

	/// Slashes up to `amount` of a service's deposit to [`Config::Slash`]. A slash is not
	/// blocked by the provider's freezes; the provider's votes are capped afterwards
	/// ([`Config::VoteBacking`]).
	///
	/// # Errors
	/// `UnknownService`.
	pub(crate) fn do_slash(
		service_id: ServiceId,
		amount: BalanceOf<T>,
		reason: T::Hash,
	) -> DispatchResult {
		Services::<T>::try_mutate(service_id, |maybe| {
			let info = maybe.as_mut().ok_or(Error::<T>::UnknownService)?;
			let target = amount.min(info.deposit);
			let (credit, _missing) =
				T::Currency::slash(&HoldReason::ServiceDeposit.into(), &info.provider, target);
			let slashed = frame_support::traits::Imbalance::peek(&credit);
			T::Slash::on_unbalanced(credit);
			info.deposit = info.deposit.saturating_sub(slashed);
			T::VoteBacking::rebalance(&info.provider);
			Self::deposit_event(Event::ServiceSlashed { service_id, amount: slashed, reason });
			Ok(())
		})
	}
}
