//! Settling vouchers and direct payments, and the payment ledger.

use crate::{
	BalanceOf, ChannelId, ChannelOf, Channels, Claim, ClaimBranch, Claimable, Config, Error, Event,
	HoldReason, PaidToService, Pallet, PaymentRecord, SignatureKindOf,
};
use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{Mutate, MutateHold},
		tokens::{Precision, Preservation},
	},
};
use servicechain_primitives::{OnPaymentRecordRemoved, ServiceId, ServiceInspect};
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

	/// What settling `cumulative_units` on `ch` would pay now, or the error `claim` would fail
	/// with (besides a bad signature).
	pub(crate) fn settlement(
		ch: &ChannelOf<T>,
		cumulative_units: u64,
	) -> Result<Claimable<BalanceOf<T>>, DispatchError> {
		ensure!(cumulative_units > ch.claimed_units, Error::<T>::UnitsNotIncreasing);
		let units = cumulative_units.saturating_sub(ch.claimed_units);
		let owed = Self::cost(units, ch.price_per_unit)?;
		let amount = owed.min(ch.deposit);
		let fee = Self::params().protocol_fee * amount;
		Ok(Claimable {
			units,
			owed,
			amount,
			fee,
			payee_amount: amount.saturating_sub(fee),
			shortfall: owed.saturating_sub(amount),
		})
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

	/// Settles a voucher of `channel_id` for `cumulative_units`, paying out of escrow.
	///
	/// # Errors
	/// Before the signature is verified: `UnknownChannel`, `SettlementWindowClosed`,
	/// `UnitsNotIncreasing`. After: `BadSignature`, `Overflow`, `PayoutBelowMinimum`.
	pub(crate) fn do_claim(
		channel_id: ChannelId,
		cumulative_units: u64,
		signature: &T::Signature,
	) -> DispatchResult {
		Channels::<T>::try_mutate(channel_id, |maybe| {
			let ch = maybe.as_mut().ok_or(Error::<T>::UnknownChannel)?;
			if let Some(settle_until) = ch.settle_until {
				let now = frame_system::Pallet::<T>::block_number();
				ensure!(now < settle_until, Error::<T>::SettlementWindowClosed);
			}
			ensure!(cumulative_units > ch.claimed_units, Error::<T>::UnitsNotIncreasing);
			ensure!(
				Self::verify_voucher(&ch.consumer, channel_id, cumulative_units, signature),
				Error::<T>::BadSignature
			);
			let Claimable { units, amount, fee, payee_amount, shortfall, .. } =
				Self::settlement(ch, cumulative_units)?;
			let escrow = Self::escrow_account();
			for (to, value) in [(&ch.payee, payee_amount), (&T::FeeDestination::get(), fee)] {
				if !value.is_zero() {
					T::Currency::transfer(&escrow, to, value, Preservation::Preserve)
						.map_err(Self::payout_error)?;
				}
			}
			ch.deposit = ch.deposit.saturating_sub(amount);
			ch.paid = ch.paid.saturating_add(amount);
			ch.claimed_units = cumulative_units;
			PaidToService::<T>::mutate(&ch.consumer, ch.service_id, |record| {
				if let Some(record) = record {
					record.paid = record.paid.saturating_add(amount);
				}
			});
			Self::deposit_event(Event::Claimed { channel_id, units, amount, fee, shortfall });
			Ok(())
		})
	}

	/// Whether a claim that failed with `error` did so before verifying its signature.
	fn rejected_early(error: &DispatchError) -> bool {
		[
			Error::<T>::UnknownChannel,
			Error::<T>::SettlementWindowClosed,
			Error::<T>::UnitsNotIncreasing,
		]
		.into_iter()
		.any(|e| *error == DispatchError::from(e))
	}

	/// Settles each claim on its own; failures are reported, not fatal. Returns the weight the
	/// batch used: claims rejected before their signature was verified, and signature kinds
	/// cheaper than the heaviest, are refunded.
	///
	/// # Errors
	/// None of its own: each claim's error is reported in `ClaimFailed`.
	pub(crate) fn do_claim_batch(claims: Vec<Claim<T::Signature>>) -> DispatchResultWithPostInfo {
		let charged = ClaimBranch::max_weight_of_batch::<T>(claims.len() as u32);
		let mut branches: Vec<ClaimBranch> = Vec::with_capacity(claims.len());
		for claim in claims {
			let result = frame_support::storage::with_transaction(|| {
				match Self::do_claim(claim.channel_id, claim.cumulative_units, &claim.signature) {
					Ok(()) => sp_runtime::TransactionOutcome::Commit(Ok(())),
					Err(e) => sp_runtime::TransactionOutcome::Rollback(Err(e)),
				}
			});
			branches.push(match &result {
				Err(error) if Self::rejected_early(error) => ClaimBranch::RejectedEarly,
				_ => ClaimBranch::Verified(claim.signature.kind()),
			});
			if let Err(error) = result {
				Self::deposit_event(Event::ClaimFailed { channel_id: claim.channel_id, error });
			}
		}
		let used = ClaimBranch::weight_of_batch::<T>(&branches);
		Ok(Some(used.min(charged)).into())
	}

	/// Pays `units` of a service directly from the consumer's free balance.
	///
	/// # Errors
	/// `UnknownService`, `ServiceUnavailable`, `OwnService`, `Overflow`,
	/// `InsufficientRecordDeposit` (first payment to the service), `InsufficientBalance`,
	/// `PayoutBelowMinimum`.
	pub(crate) fn do_pay(
		consumer: T::AccountId,
		service_id: ServiceId,
		units: u64,
	) -> DispatchResult {
		let terms = T::Services::service_terms(service_id).ok_or(Error::<T>::UnknownService)?;
		ensure!(terms.available, Error::<T>::ServiceUnavailable);
		ensure!(consumer != terms.provider && consumer != terms.payee, Error::<T>::OwnService);
		let amount = Self::cost(units, terms.price_per_unit)?;
		let fee = Self::params().protocol_fee * amount;
		Self::record_payment(&consumer, service_id, amount, false)?;
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
		Self::deposit_event(Event::Paid { consumer, service_id, units, amount, fee });
		Ok(())
	}

	/// Adds `paid` (and, for a new channel, one open channel) to `who`'s ledger entry for the
	/// service, making the entry, with its deposit held, if it has none.
	pub(crate) fn record_payment(
		who: &T::AccountId,
		service_id: ServiceId,
		paid: BalanceOf<T>,
		new_channel: bool,
	) -> DispatchResult {
		let mut record = match PaidToService::<T>::get(who, service_id) {
			Some(record) => record,
			None => {
				let deposit = Self::params().record_deposit;
				T::Currency::hold(&HoldReason::PaymentRecord.into(), who, deposit)
					.map_err(|_| Error::<T>::InsufficientRecordDeposit)?;
				Self::deposit_event(Event::PaymentRecordCreated {
					who: who.clone(),
					service_id,
					deposit,
				});
				PaymentRecord { paid: Zero::zero(), deposit, channels: 0 }
			},
		};
		record.paid = record.paid.saturating_add(paid);
		if new_channel {
			record.channels = record.channels.saturating_add(1);
		}
		PaidToService::<T>::insert(who, service_id, record);
		Ok(())
	}

	/// One of `who`'s channels to the service was closed.
	pub(crate) fn channel_closed(who: &T::AccountId, service_id: ServiceId) {
		PaidToService::<T>::mutate(who, service_id, |record| {
			if let Some(record) = record {
				record.channels = record.channels.saturating_sub(1);
			}
		});
	}

	/// Removes `who`'s ledger entry for a service and releases its deposit.
	///
	/// # Errors
	/// `NoPaymentRecord`, `ChannelsOpen`.
	pub(crate) fn do_remove_record(who: T::AccountId, service_id: ServiceId) -> DispatchResult {
		let record =
			PaidToService::<T>::get(&who, service_id).ok_or(Error::<T>::NoPaymentRecord)?;
		ensure!(record.channels == 0, Error::<T>::ChannelsOpen);
		T::Currency::release(
			&HoldReason::PaymentRecord.into(),
			&who,
			record.deposit,
			Precision::BestEffort,
		)?;
		PaidToService::<T>::remove(&who, service_id);
		T::OnPaymentRecordRemoved::payment_record_removed(&who, service_id);
		Self::deposit_event(Event::PaymentRecordRemoved {
			who,
			service_id,
			deposit: record.deposit,
		});
		Ok(())
	}
}
