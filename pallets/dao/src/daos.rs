//! Creating DAOs, their members and rules.

use crate::{
	BalanceOf, Config, DaoId, DaoInfo, DaoRulesOf, Daos, Error, Event, HoldReason, Members,
	NextDaoId, Pallet, Shares, WeightInfo,
};
use alloc::{collections::btree_set::BTreeSet, vec::Vec};
use frame_support::{
	pallet_prelude::*,
	traits::fungible::{Inspect, Mutate, MutateHold},
};
use sp_runtime::{
	traits::{AccountIdConversion, Zero},
	Perbill,
};

impl<T: Config> Pallet<T> {
	/// The treasury account of a DAO: the pallet id's sub-account for the DAO id.
	pub fn treasury_account(dao_id: DaoId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating(dao_id)
	}

	/// Whether rules are in range: a positive threshold, voting and execution periods of at
	/// least a block and a member limit within `1..=MaxMembers`.
	pub fn rules_valid(rules: &DaoRulesOf<T>) -> bool {
		let one = Perbill::one().deconstruct();
		rules.quorum.deconstruct() <= one
			&& rules.approval_threshold.deconstruct() <= one
			&& !rules.approval_threshold.is_zero()
			&& !rules.voting_period.is_zero()
			&& !rules.execution_period.is_zero()
			&& rules.max_members >= 1
			&& rules.max_members <= T::MaxMembers::get()
	}

	/// Creates a DAO (with a held deposit unless created at genesis); returns its id.
	///
	/// # Errors
	/// `InvalidRules`, `NameTooLong`, `TooManyMembers`, `ZeroShares`, `DuplicateMember`,
	/// `Overflow` (DAO ids or total shares), `InsufficientDeposit`.
	pub(crate) fn do_create(
		creator: Option<T::AccountId>,
		name: Vec<u8>,
		members: Vec<(T::AccountId, Shares)>,
		rules: DaoRulesOf<T>,
	) -> Result<DaoId, DispatchError> {
		ensure!(Self::rules_valid(&rules), Error::<T>::InvalidRules);
		let name: BoundedVec<u8, T::MaxNameLen> =
			name.try_into().map_err(|_| Error::<T>::NameTooLong)?;
		ensure!(members.len() <= rules.max_members as usize, Error::<T>::TooManyMembers);
		let mut seen = BTreeSet::new();
		let mut total: Shares = 0;
		for (who, shares) in &members {
			ensure!(*shares > 0, Error::<T>::ZeroShares);
			ensure!(seen.insert(who.clone()), Error::<T>::DuplicateMember);
			total = total.checked_add(*shares).ok_or(Error::<T>::Overflow)?;
		}
		let dao_id = NextDaoId::<T>::get();
		let next = dao_id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let deposit = match &creator {
			Some(who) => {
				let deposit = Self::params().creation_deposit;
				T::Currency::hold(&HoldReason::DaoDeposit.into(), who, deposit)
					.map_err(|_| Error::<T>::InsufficientDeposit)?;
				deposit
			},
			None => Zero::zero(),
		};
		let treasury = Self::treasury_account(dao_id);
		// The treasury account exists from the start, so any payment into it succeeds.
		let minimum = T::Currency::minimum_balance();
		if T::Currency::balance(&treasury) < minimum {
			match &creator {
				Some(who) => T::Currency::transfer(
					who,
					&treasury,
					minimum,
					frame_support::traits::tokens::Preservation::Preserve,
				)
				.map(|_| ())
				.map_err(|_| Error::<T>::InsufficientDeposit)?,
				None => {
					T::Currency::set_balance(&treasury, minimum);
				},
			}
		}
		for (who, shares) in &members {
			Members::<T>::insert(dao_id, who, shares);
		}
		Daos::<T>::insert(
			dao_id,
			DaoInfo {
				name,
				creator: creator.clone(),
				deposit,
				rules,
				member_count: members.len() as u32,
				total_shares: total,
				next_proposal_id: 0,
				live_proposals: 0,
			},
		);
		NextDaoId::<T>::put(next);
		Self::deposit_event(Event::DaoCreated { dao_id, creator, treasury });
		Ok(dao_id)
	}

	/// Adds a member.
	///
	/// # Errors
	/// `UnknownDao`, `AlreadyMember`, `TooManyMembers`, `Overflow` (total shares).
	pub(crate) fn do_add_member(
		dao_id: DaoId,
		who: T::AccountId,
		shares: Shares,
	) -> DispatchResult {
		Daos::<T>::try_mutate(dao_id, |maybe| {
			let dao = maybe.as_mut().ok_or(Error::<T>::UnknownDao)?;
			ensure!(!Members::<T>::contains_key(dao_id, &who), Error::<T>::AlreadyMember);
			ensure!(dao.member_count < dao.rules.max_members, Error::<T>::TooManyMembers);
			dao.total_shares = dao.total_shares.checked_add(shares).ok_or(Error::<T>::Overflow)?;
			dao.member_count = dao.member_count.saturating_add(1);
			Members::<T>::insert(dao_id, &who, shares);
			Self::deposit_event(Event::MemberAdded { dao_id, who, shares });
			Ok(())
		})
	}

	/// Removes a member; its votes on share-weighted proposals still open are removed.
	///
	/// # Errors
	/// `UnknownDao`, `NotMember`.
	pub(crate) fn do_remove_member(dao_id: DaoId, who: T::AccountId) -> DispatchResultWithPostInfo {
		Daos::<T>::try_mutate(dao_id, |maybe| {
			let dao = maybe.as_mut().ok_or(Error::<T>::UnknownDao)?;
			let shares = Members::<T>::take(dao_id, &who).ok_or(Error::<T>::NotMember)?;
			dao.total_shares = dao.total_shares.saturating_sub(shares);
			dao.member_count = dao.member_count.saturating_sub(1);
			Ok::<_, DispatchError>(())
		})?;
		let examined = Self::retally_member(dao_id, &who, None);
		Self::deposit_event(Event::MemberRemoved { dao_id, who });
		Ok(Some(T::WeightInfo::remove_member(examined)).into())
	}

	/// Changes a member's shares; its votes on share-weighted proposals still open are
	/// re-weighed.
	///
	/// # Errors
	/// `UnknownDao`, `NotMember`, `Overflow`.
	pub(crate) fn do_set_shares(
		dao_id: DaoId,
		who: T::AccountId,
		shares: Shares,
	) -> DispatchResultWithPostInfo {
		Daos::<T>::try_mutate(dao_id, |maybe| {
			let dao = maybe.as_mut().ok_or(Error::<T>::UnknownDao)?;
			let old = Members::<T>::get(dao_id, &who).ok_or(Error::<T>::NotMember)?;
			dao.total_shares = dao
				.total_shares
				.saturating_sub(old)
				.checked_add(shares)
				.ok_or(Error::<T>::Overflow)?;
			Members::<T>::insert(dao_id, &who, shares);
			Ok::<_, DispatchError>(())
		})?;
		let examined = Self::retally_member(dao_id, &who, Some(shares));
		Self::deposit_event(Event::SharesSet { dao_id, who, shares });
		Ok(Some(T::WeightInfo::set_shares(examined)).into())
	}

	/// Replaces a DAO's rules.
	///
	/// # Errors
	/// `InvalidRules`, `UnknownDao`, `TooManyMembers` (the new limit is below the members).
	pub(crate) fn do_update_rules(dao_id: DaoId, rules: DaoRulesOf<T>) -> DispatchResult {
		ensure!(Self::rules_valid(&rules), Error::<T>::InvalidRules);
		Daos::<T>::try_mutate(dao_id, |maybe| {
			let dao = maybe.as_mut().ok_or(Error::<T>::UnknownDao)?;
			ensure!(dao.member_count <= rules.max_members, Error::<T>::TooManyMembers);
			dao.rules = rules;
			Self::deposit_event(Event::RulesUpdated { dao_id });
			Ok(())
		})
	}

	/// The total voting weight of a DAO's proposals weighted by `weighting`: the DAO's total
	/// shares, or the total issuance.
	pub(crate) fn total_weight(dao: &crate::DaoOf<T>, weighting: crate::Weighting) -> u128 {
		match weighting {
			crate::Weighting::Shares => dao.total_shares,
			crate::Weighting::Tokens => Self::weight_of(T::Currency::total_issuance()),
		}
	}

	/// A balance as voting weight.
	pub(crate) fn weight_of(amount: BalanceOf<T>) -> u128 {
		amount.try_into().unwrap_or(u128::MAX)
	}
}
