//! DAO treasuries: spending, distributing to members, and acting as the treasury or as Root.

use crate::{BalanceOf, Config, DaoId, Daos, Error, Event, Members, Pallet, WeightInfo};
use frame_support::{
	dispatch::{GetDispatchInfo, PostDispatchInfo},
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::{Fortitude, Preservation},
	},
};
use sp_runtime::{
	traits::{Dispatchable, Zero},
	Saturating,
};

impl<T: Config> Pallet<T> {
	/// What the treasury can pay while keeping its account alive.
	pub fn spendable(dao_id: DaoId) -> BalanceOf<T> {
		T::Currency::reducible_balance(
			&Self::treasury_account(dao_id),
			Preservation::Preserve,
			Fortitude::Polite,
		)
	}

	/// Pays `amount` from the treasury.
	///
	/// # Errors
	/// `ZeroAmount`, `UnknownDao`, `InsufficientTreasury`, and the transfer's own.
	pub(crate) fn do_spend(
		dao_id: DaoId,
		beneficiary: T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(Daos::<T>::contains_key(dao_id), Error::<T>::UnknownDao);
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		ensure!(amount <= Self::spendable(dao_id), Error::<T>::InsufficientTreasury);
		T::Currency::transfer(
			&Self::treasury_account(dao_id),
			&beneficiary,
			amount,
			Preservation::Preserve,
		)?;
		Self::deposit_event(Event::Spent { dao_id, beneficiary, amount });
		Ok(())
	}

	/// Pays `amount` to the members pro rata to their shares; rounding rests, and payments
	/// that could not be made (below the existential deposit of a new account), stay in the
	/// treasury.
	///
	/// # Errors
	/// `ZeroAmount`, `UnknownDao`, `NoShares`, `InsufficientTreasury`.
	pub(crate) fn do_distribute(dao_id: DaoId, amount: BalanceOf<T>) -> DispatchResultWithPostInfo {
		let dao = Daos::<T>::get(dao_id).ok_or(Error::<T>::UnknownDao)?;
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		ensure!(dao.total_shares > 0, Error::<T>::NoShares);
		ensure!(amount <= Self::spendable(dao_id), Error::<T>::InsufficientTreasury);
		let treasury = Self::treasury_account(dao_id);
		let total = Self::weight_of(amount);
		let mut paid = BalanceOf::<T>::zero();
		let mut members = 0u32;
		let mut visited = 0u32;
		for (who, shares) in Members::<T>::iter_prefix(dao_id) {
			visited = visited.saturating_add(1);
			let share = sp_runtime::helpers_128bit::multiply_by_rational_with_rounding(
				total,
				shares,
				dao.total_shares,
				sp_runtime::Rounding::Down,
			)
			.and_then(|s| BalanceOf::<T>::try_from(s).ok())
			.unwrap_or_else(Zero::zero);
			if share.is_zero() {
				continue;
			}
			if T::Currency::transfer(&treasury, &who, share, Preservation::Preserve).is_ok() {
				paid = paid.saturating_add(share);
				members = members.saturating_add(1);
			}
		}
		Self::deposit_event(Event::Distributed { dao_id, paid, members });
		Ok(Some(T::WeightInfo::distribute(visited)).into())
	}

	/// Dispatches `call` as the DAO's treasury account, or as Root.
	///
	/// # Errors
	/// `UnknownDao`. The call's own result is reported in an event, not returned.
	pub(crate) fn do_dispatch(
		dao_id: DaoId,
		call: <T as Config>::RuntimeCall,
		as_root: bool,
	) -> DispatchResultWithPostInfo {
		ensure!(Daos::<T>::contains_key(dao_id), Error::<T>::UnknownDao);
		let (origin, base) = if as_root {
			(frame_system::RawOrigin::Root, T::WeightInfo::dispatch_as_root())
		} else {
			(
				frame_system::RawOrigin::Signed(Self::treasury_account(dao_id)),
				T::WeightInfo::dispatch_as_treasury(),
			)
		};
		let origin: <T as frame_system::Config>::RuntimeOrigin = origin.into();
		let (result, used) = Self::dispatch_call(call, <T as Config>::RuntimeOrigin::from(origin));
		Self::deposit_event(Event::Dispatched { dao_id, as_root, result });
		Ok(PostDispatchInfo { actual_weight: Some(base.saturating_add(used)), pays_fee: Pays::Yes })
	}

	/// Dispatches `call` with `origin`; returns its result and the weight it used (its
	/// declared weight unless it reported less).
	pub(crate) fn dispatch_call(
		call: <T as Config>::RuntimeCall,
		origin: <T as Config>::RuntimeOrigin,
	) -> (DispatchResult, Weight) {
		let declared = call.get_dispatch_info().call_weight;
		match call.dispatch(origin) {
			Ok(post) => (Ok(()), post.actual_weight.unwrap_or(declared)),
			Err(e) => (Err(e.error), e.post_info.actual_weight.unwrap_or(declared)),
		}
	}
}
