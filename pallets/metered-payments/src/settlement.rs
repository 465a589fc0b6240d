//! Settling vouchers and direct payments, and the payment ledger.

use crate::{
	BalanceOf, ChannelId, Channels, ClaimOf, Claimable, Config, Error, Event, HoldReason,
	PaidToService, Pallet,
};
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{Mutate, MutateHold},
		tokens::{Fortitude, Precision, Preservation, Restriction},
	},
};
use servicechain_primitives::{PaymentInspect, ServiceId, ServiceInspect};
use sp_runtime::{
	traits::{CheckedMul, Zero},
	Saturating, TokenError,
};

impl<T: Config> Pallet<T> {
	/// `units × price`, or `Overflow`.
	pub(crate) fn cost(units: u64, price: BalanceOf<T>) -> Result<BalanceOf<T>, DispatchError> {
		BalanceOf::<T>::from(1u32)
			.checked_mul(&price)
			.and_then(|p| {
				let units: BalanceOf<T> = units.try_into().ok()?;
				p.checked_mul(&units)
			})
			.ok_or(Error::<T>::Overflow.into())
	}

	/// Names the error of a payout that would create an account below the minimum balance.
	fn payout_error(e: DispatchError) -> DispatchError {
		match e {
			DispatchError::Token(TokenError::CannotCreate | TokenError::BelowMinimum) => {
				Error::<T>::PayoutBelowMinimum.into()
			},
			e => e,
		}
	}

	/// Settles a voucher of `channel_id` for `cumulative_units`.
	pub(crate) fn do_claim(
		channel_id: ChannelId,
		cumulative_units: u64,
		signature: &T::Signature,
	) -> DispatchResult {
		Channels::<T>::try_mutate(channel_id, |maybe| {
			let ch = maybe.as_mut().ok_or(Error::<T>::UnknownChannel)?;
			if let Some(closing_at) = ch.closing_at {
				let now = frame_system::Pallet::<T>::block_number();
				ensure!(
					now < closing_at.saturating_add(Self::params().settlement_window),
					Error::<T>::SettlementWindowClosed
				);
			}
			ensure!(cumulative_units > ch.claimed_units, Error::<T>::UnitsNotIncreasing);
			ensure!(
				Self::verify_voucher(&ch.consumer, channel_id, cumulative_units, signature),
				Error::<T>::BadSignature
			);
			let Claimable { units, amount, fee, payee_amount, shortfall, .. } =
				Self::settlement(ch, cumulative_units)?;
			let reason = HoldReason::ChannelDeposit.into();
			for (to, value) in [(&ch.payee, payee_amount), (&T::FeeDestination::get(), fee)] {
				if !value.is_zero() {
					T::Currency::transfer_on_hold(
						&reason,
						&ch.consumer,
						to,
						value,
						Precision::Exact,
						Restriction::Free,
						Fortitude::Force,
					)
					.map_err(Self::payout_error)?;
				}
			}
			ch.deposit = ch.deposit.saturating_sub(amount);
			ch.paid = ch.paid.saturating_add(amount);
			ch.claimed_units = cumulative_units;
			PaidToService::<T>::mutate(&ch.consumer, ch.service_id, |p| {
				*p = p.saturating_add(amount)
			});
			Self::deposit_event(Event::Claimed { channel_id, units, amount, fee, shortfall });
			Ok(())
		})
	}

	/// Settles each claim on its own; failures are reported, not fatal.
	pub(crate) fn do_claim_batch(
		claims: alloc::vec::Vec<ClaimOf<T::Signature>>,
	) -> DispatchResultWithPostInfo {
		let processed = claims.len() as u32;
		for claim in claims {
			let result = frame_support::storage::with_transaction(|| {
				match Self::do_claim(claim.channel_id, claim.cumulative_units, &claim.signature) {
					Ok(()) => sp_runtime::TransactionOutcome::Commit(Ok(())),
					Err(e) => sp_runtime::TransactionOutcome::Rollback(Err(e)),
				}
			});
			if let Err(error) = result {
				Self::deposit_event(Event::ClaimFailed { channel_id: claim.channel_id, error });
			}
		}
		Ok(Some(crate::claim_batch_weight::<T::WeightInfo>(processed)).into())
	}

	/// Pays `units` of a service directly from the consumer's free balance.
	pub(crate) fn do_pay(
		consumer: T::AccountId,
		service_id: ServiceId,
		units: u64,
	) -> DispatchResult {
		let terms = T::Services::service_terms(service_id).ok_or(Error::<T>::UnknownService)?;
		ensure!(terms.available, Error::<T>::ServiceUnavailable);
		let amount = Self::cost(units, terms.price_per_unit)?;
		let fee = Self::params().protocol_fee * amount;
		for (to, value) in
			[(&terms.payee, amount.saturating_sub(fee)), (&T::FeeDestination::get(), fee)]
		{
			if !value.is_zero() {
				T::Currency::transfer(&consumer, to, value, Preservation::Preserve).map_err(
					|e| match Self::payout_error(e) {
						DispatchError::Token(_) | DispatchError::Arithmetic(_) => {
							Error::<T>::InsufficientBalance.into()
						},
						e => e,
					},
				)?;
			}
		}
		PaidToService::<T>::mutate(&consumer, service_id, |p| *p = p.saturating_add(amount));
		Self::deposit_event(Event::Paid { consumer, service_id, units, amount, fee });
		Ok(())
	}
}

/// The registry asks this ledger who has paid a service enough to rate it.
impl<T: Config> PaymentInspect<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn paid_to_service(who: &T::AccountId, id: ServiceId) -> BalanceOf<T> {
		PaidToService::<T>::get(who, id)
	}
}
