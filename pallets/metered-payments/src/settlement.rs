//! Settling vouchers and direct payments, and the payment ledger.

use crate::voucher::{verify_payload, voucher_payload};
use crate::{
	pages, BalanceOf, ChannelEntryOf, ChannelId, ChannelPages, Claim, ClaimBranch, ClaimPath,
	Claimable, Config, Error, Event, HoldReason, PageKey, PageOf, PaidToService, Pallet,
	PaymentRecord, SignatureKindOf, VoucherForm,
};
use alloc::{collections::BTreeMap, vec::Vec};
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{Mutate, MutateHold},
		tokens::{Precision, Preservation},
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use servicechain_primitives::{OnPaymentRecordRemoved, ServiceId, ServiceInspect};
use sp_core::H256;
use sp_runtime::{
	traits::{CheckedMul, Zero},
	Perbill, Saturating, TokenError, TransactionOutcome,
};

/// One claim of a page, located.
pub(crate) struct PageClaim<'a, Signature> {
	/// The channel.
	pub channel_id: ChannelId,
	/// Its slot in the page.
	pub slot: u8,
	/// The voucher's cumulative units.
	pub cumulative_units: u64,
	/// The voucher's signature.
	pub signature: &'a Signature,
	/// The form it was signed in, if named (else both are tried).
	pub form: Option<VoucherForm>,
}

/// What every claim of a page is settled against, read once per page.
#[derive(Clone, Copy)]
struct SettleContext<BlockNumber> {
	/// The current block.
	now: BlockNumber,
	/// The genesis hash every voucher commits to.
	genesis_hash: H256,
	/// The protocol fee.
	protocol_fee: Perbill,
}

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

	/// What settling `cumulative_units` on a channel entry would pay now, or the error `claim`
	/// would fail with (besides a bad signature).
	pub(crate) fn settlement(
		ch: &ChannelEntryOf<T>,
		cumulative_units: u64,
	) -> Result<Claimable<BalanceOf<T>>, DispatchError> {
		Self::settlement_at(ch, cumulative_units, Self::params().protocol_fee)
	}

	/// `settlement` at the protocol fee `protocol_fee`.
	fn settlement_at(
		ch: &ChannelEntryOf<T>,
		cumulative_units: u64,
		protocol_fee: Perbill,
	) -> Result<Claimable<BalanceOf<T>>, DispatchError> {
		ensure!(cumulative_units > ch.claimed_units, Error::<T>::UnitsNotIncreasing);
		let units = cumulative_units.saturating_sub(ch.claimed_units);
		let owed = Self::cost(units, ch.price_per_unit)?;
		let amount = owed.min(ch.deposit);
		let fee = protocol_fee * amount;
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

	/// Settles one voucher on the in-memory `page` (its entry is updated only on success).
	///
	/// # Errors
	/// Before the signature is verified: `UnknownChannel`, `SettlementWindowClosed`,
	/// `UnitsNotIncreasing`. After: `BadSignature`, `Overflow`.
	fn settle_entry(
		page: &mut PageOf<T>,
		claim: &PageClaim<'_, T::Signature>,
		at_now: &SettleContext<BlockNumberFor<T>>,
	) -> Result<Claimable<BalanceOf<T>>, DispatchError> {
		let SettleContext { now, genesis_hash, protocol_fee } = *at_now;
		let at = pages::position::<T>(page, claim.slot).ok_or(Error::<T>::UnknownChannel)?;
		let ch = page.entries.get_mut(at).ok_or(Error::<T>::UnknownChannel)?;
		if let Some(settle_until) = ch.settle_until {
			ensure!(now < settle_until, Error::<T>::SettlementWindowClosed);
		}
		ensure!(claim.cumulative_units > ch.claimed_units, Error::<T>::UnitsNotIncreasing);
		let payload = voucher_payload(genesis_hash, claim.channel_id, claim.cumulative_units);
		ensure!(
			verify_payload::<T>(&ch.consumer, &payload, claim.signature, claim.form),
			Error::<T>::BadSignature
		);
		let settled = Self::settlement_at(ch, claim.cumulative_units, protocol_fee)?;
		ch.deposit = ch.deposit.saturating_sub(settled.amount);
		ch.paid = ch.paid.saturating_add(settled.amount);
		ch.claimed_units = claim.cumulative_units;
		Ok(settled)
	}

	/// Settles the claims of one page, in order: the page is read and written once, its payee
	/// paid once and the fee destination once, out of escrow. Each claim succeeds or fails on
	/// its own, except that a failed payout fails every claim of the page that had succeeded
	/// (and nothing of the page changes). Channels opened before pages also credit their
	/// consumer's ledger entry. Deposits no events; returns each claim's outcome.
	pub(crate) fn settle_page(
		key: PageKey,
		claims: &[PageClaim<'_, T::Signature>],
	) -> Vec<Result<Claimable<BalanceOf<T>>, DispatchError>> {
		let mut outcomes = Vec::with_capacity(claims.len());
		let settled =
			frame_support::storage::with_transaction(|| -> TransactionOutcome<DispatchResult> {
				let Some(mut page) = ChannelPages::<T>::get(key) else {
					outcomes.extend(claims.iter().map(|_| Err(Error::<T>::UnknownChannel.into())));
					return TransactionOutcome::Rollback(Ok(()));
				};
				// Read once per page, not per claim.
				let at_now = SettleContext {
					now: frame_system::Pallet::<T>::block_number(),
					genesis_hash: Self::genesis_hash(),
					protocol_fee: Self::params().protocol_fee,
				};
				outcomes.extend(
					claims.iter().map(|claim| Self::settle_entry(&mut page, claim, &at_now)),
				);
				let (mut to_payee, mut to_fee) = (BalanceOf::<T>::zero(), BalanceOf::<T>::zero());
				for settled in outcomes.iter().flatten() {
					to_payee = to_payee.saturating_add(settled.payee_amount);
					to_fee = to_fee.saturating_add(settled.fee);
				}
				let payout = Self::pay_out(&page.payee, to_payee, to_fee).map(|()| {
					for (claim, settled) in claims.iter().zip(outcomes.iter()) {
						if let (Ok(settled), true) = (settled, pages::is_legacy(claim.channel_id)) {
							Self::credit_ledger(&page, claim.slot, settled.amount);
						}
					}
				});
				match payout {
					Ok(()) => {
						if outcomes.iter().any(Result::is_ok) {
							ChannelPages::<T>::insert(key, page);
						}
						TransactionOutcome::Commit(Ok(()))
					},
					Err(e) => {
						for outcome in outcomes.iter_mut() {
							if outcome.is_ok() {
								*outcome = Err(e);
							}
						}
						TransactionOutcome::Rollback(Ok(()))
					},
				}
			});
		// The transaction could not even start (too deeply nested): every claim of the page
		// fails with that error, none is dropped.
		if let Err(e) = settled {
			outcomes.clear();
			outcomes.extend(claims.iter().map(|_| Err(e)));
		}
		outcomes
	}

	/// Pays `to_payee` to `payee` and `to_fee` to the fee destination out of escrow.
	fn pay_out(
		payee: &T::AccountId,
		to_payee: BalanceOf<T>,
		to_fee: BalanceOf<T>,
	) -> DispatchResult {
		let escrow = Self::escrow_account();
		for (to, value) in [(payee, to_payee), (&T::FeeDestination::get(), to_fee)] {
			if !value.is_zero() {
				T::Currency::transfer(&escrow, to, value, Preservation::Preserve)
					.map_err(Self::payout_error)?;
			}
		}
		Ok(())
	}

	/// Credits `amount` to the ledger entry of the consumer of the channel in `slot` of `page`
	/// (channels opened before pages only).
	fn credit_ledger(page: &PageOf<T>, slot: u8, amount: BalanceOf<T>) {
		let Some(entry) = pages::position::<T>(page, slot).and_then(|at| page.entries.get(at))
		else {
			return;
		};
		PaidToService::<T>::mutate(&entry.consumer, page.service_id, |record| {
			if let Some(record) = record {
				record.paid = record.paid.saturating_add(amount);
			}
		});
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
		let (key, slot) = pages::locate(channel_id);
		let claim = PageClaim { channel_id, slot, cumulative_units, signature, form: None };
		let outcome = Self::settle_page(key, core::slice::from_ref(&claim))
			.pop()
			.unwrap_or_else(|| Err(Error::<T>::UnknownChannel.into()))?;
		Self::deposit_claimed(channel_id, &outcome);
		Ok(())
	}

	fn deposit_claimed(channel_id: ChannelId, settled: &Claimable<BalanceOf<T>>) {
		let Claimable { units, amount, fee, shortfall, .. } = *settled;
		Self::deposit_event(Event::Claimed { channel_id, units, amount, fee, shortfall });
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

	/// `BatchTooLarge` unless `len` claims fit both `max_claims_per_batch` and
	/// `MaxClaimsPerBatch`.
	pub(crate) fn ensure_batch_size(len: usize) -> DispatchResult {
		ensure!(
			len <= Self::params().max_claims_per_batch as usize
				&& len <= T::MaxClaimsPerBatch::get() as usize,
			Error::<T>::BatchTooLarge
		);
		Ok(())
	}

	/// Settles the claims (each with the form its voucher names, if any) page by page, in the
	/// order each page first appears, each page's claims in their order; each succeeds or
	/// fails on its own (`Claimed` or `ClaimFailed`). Returns the weight the batch used: claims
	/// rejected before their signature was verified are refunded.
	///
	/// # Errors
	/// None of its own: each claim's error is reported in `ClaimFailed`.
	pub(crate) fn do_claim_batch<'a>(
		claims: impl Iterator<Item = (&'a Claim<T::Signature>, Option<VoucherForm>)>,
	) -> DispatchResultWithPostInfo {
		let mut paths = Vec::new();
		let mut by_page: BTreeMap<PageKey, Vec<PageClaim<'_, T::Signature>>> = BTreeMap::new();
		let mut order: Vec<PageKey> = Vec::new();
		for (claim, form) in claims {
			paths.push(ClaimPath::of(claim, form));
			let (key, slot) = pages::locate(claim.channel_id);
			let page_claims = by_page.entry(key).or_insert_with(|| {
				order.push(key);
				Vec::new()
			});
			page_claims.push(PageClaim {
				channel_id: claim.channel_id,
				slot,
				cumulative_units: claim.cumulative_units,
				signature: &claim.signature,
				form,
			});
		}
		// What the call was charged up front (`ClaimBranch::weight_of_claims`).
		let charged = ClaimBranch::weight_of_settled::<T>(&paths, 0);
		let mut verified: Vec<ClaimPath> = Vec::new();
		let mut rejected = 0u32;
		for key in order {
			let Some(page_claims) = by_page.remove(&key) else { continue };
			let outcomes = Self::settle_page(key, &page_claims);
			for (claim, outcome) in page_claims.iter().zip(outcomes) {
				match &outcome {
					Err(error) if Self::rejected_early(error) => {
						rejected = rejected.saturating_add(1)
					},
					_ => verified.push(ClaimPath {
						page: key,
						kind: claim.signature.kind(),
						legacy: pages::is_legacy(claim.channel_id),
						named_form: claim.form.is_some(),
					}),
				}
				match outcome {
					Ok(settled) => Self::deposit_claimed(claim.channel_id, &settled),
					Err(error) => Self::deposit_event(Event::ClaimFailed {
						channel_id: claim.channel_id,
						error,
					}),
				}
			}
		}
		let used = ClaimBranch::weight_of_settled::<T>(&verified, rejected);
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

	/// One of `who`'s channels to the service was closed; what it paid and had not credited to
	/// the ledger yet is `paid`.
	pub(crate) fn channel_closed(who: &T::AccountId, service_id: ServiceId, paid: BalanceOf<T>) {
		PaidToService::<T>::mutate(who, service_id, |record| {
			if let Some(record) = record {
				record.channels = record.channels.saturating_sub(1);
				record.paid = record.paid.saturating_add(paid);
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
