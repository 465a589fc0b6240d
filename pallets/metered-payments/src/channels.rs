//! Opening, funding and closing channels; their deposits live in the pallet's escrow account.

use crate::{
	pages, BalanceOf, ChannelEntry, ChannelId, ChannelsByConsumer, ChannelsByProvider, Config,
	Error, Event, PaidToService, Pallet,
};
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::Mutate, tokens::Preservation},
};
use servicechain_primitives::{id_key, ServiceId, ServiceInspect};
use sp_runtime::{traits::Zero, Saturating, TokenError};

impl<T: Config> Pallet<T> {
	/// Moves `amount` from `who` into escrow. A polite transfer: it never takes funds that `who`
	/// has frozen (e.g. for a vote), nor its existential deposit.
	fn escrow(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		T::Currency::transfer(who, &Self::escrow_account(), amount, Preservation::Preserve)
			.map(|_| ())
			.map_err(|_| Error::<T>::InsufficientBalance.into())
	}

	/// Opens a channel; returns its id.
	///
	/// # Errors
	/// `ZeroAmount`, `UnknownService`, `ServiceUnavailable`, `OwnService` (the consumer is the
	/// service's provider or payee), `Overflow`, `InsufficientRecordDeposit` (first channel or
	/// payment to the service), `TooManyChannels` (`MaxOpenChannelsPerService` open to the
	/// service already), `InsufficientBalance`.
	pub(crate) fn do_open(
		consumer: T::AccountId,
		service_id: ServiceId,
		deposit: BalanceOf<T>,
	) -> Result<ChannelId, DispatchError> {
		ensure!(!deposit.is_zero(), Error::<T>::ZeroAmount);
		let terms = T::Services::service_terms(service_id).ok_or(Error::<T>::UnknownService)?;
		ensure!(terms.available, Error::<T>::ServiceUnavailable);
		ensure!(consumer != terms.provider && consumer != terms.payee, Error::<T>::OwnService);
		let open = PaidToService::<T>::get(&consumer, service_id).map_or(0, |r| r.channels);
		ensure!(open < T::MaxOpenChannelsPerService::get(), Error::<T>::TooManyChannels);
		Self::record_payment(&consumer, service_id, Zero::zero(), true)?;
		Self::escrow(&consumer, deposit)?;
		let opened_at = frame_system::Pallet::<T>::block_number();
		let channel_id =
			Self::insert_channel(service_id, &terms.provider, &terms.payee, |slot| ChannelEntry {
				slot,
				consumer: consumer.clone(),
				price_per_unit: terms.price_per_unit,
				deposit,
				claimed_units: 0,
				paid: Zero::zero(),
				opened_at,
				settle_until: None,
			})?;
		ChannelsByConsumer::<T>::insert(&consumer, id_key(channel_id), ());
		ChannelsByProvider::<T>::insert(&terms.provider, id_key(channel_id), ());
		Self::deposit_event(Event::ChannelOpened {
			channel_id,
			consumer,
			service_id,
			deposit,
			price_per_unit: terms.price_per_unit,
		});
		Ok(channel_id)
	}

	/// Adds `amount` to a channel's deposit.
	///
	/// # Errors
	/// `ZeroAmount`, `UnknownChannel`, `NotConsumer`, `AlreadyClosing`, `InsufficientBalance`.
	pub(crate) fn do_top_up(
		consumer: &T::AccountId,
		channel_id: ChannelId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		Self::mutate_channel(channel_id, |_, ch| {
			ensure!(&ch.consumer == consumer, Error::<T>::NotConsumer);
			ensure!(ch.settle_until.is_none(), Error::<T>::AlreadyClosing);
			Self::escrow(consumer, amount)?;
			ch.deposit = ch.deposit.saturating_add(amount);
			Self::deposit_event(Event::ChannelToppedUp { channel_id, amount, deposit: ch.deposit });
			Ok(())
		})
	}

	/// Consumer starts closing: the settlement deadline is fixed now, so later changes of
	/// `settlement_window` do not move it.
	///
	/// # Errors
	/// `UnknownChannel`, `NotConsumer`, `AlreadyClosing`.
	pub(crate) fn do_request_close(
		consumer: &T::AccountId,
		channel_id: ChannelId,
	) -> DispatchResult {
		Self::mutate_channel(channel_id, |_, ch| {
			ensure!(&ch.consumer == consumer, Error::<T>::NotConsumer);
			ensure!(ch.settle_until.is_none(), Error::<T>::AlreadyClosing);
			let now = frame_system::Pallet::<T>::block_number();
			let settle_until = now.saturating_add(Self::params().settlement_window);
			ch.settle_until = Some(settle_until);
			Self::deposit_event(Event::CloseRequested { channel_id, settle_until });
			Ok(())
		})
	}

	/// Consumer finalizes a close once the settlement deadline is reached.
	///
	/// # Errors
	/// `UnknownChannel`, `NotConsumer`, `NotClosing`, `SettlementWindowOpen`.
	pub(crate) fn do_finalize_close(
		consumer: &T::AccountId,
		channel_id: ChannelId,
	) -> DispatchResult {
		let ch = Self::channel(channel_id).ok_or(Error::<T>::UnknownChannel)?;
		ensure!(&ch.consumer == consumer, Error::<T>::NotConsumer);
		let settle_until = ch.settle_until.ok_or(Error::<T>::NotClosing)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now >= settle_until, Error::<T>::SettlementWindowOpen);
		Self::remove_channel(channel_id, ch)
	}

	/// Provider closes at once, settling its final voucher first.
	///
	/// # Errors
	/// `UnknownChannel`, `NotProvider`, and those of `claim` for the final voucher.
	pub(crate) fn do_provider_close(
		provider: &T::AccountId,
		channel_id: ChannelId,
		final_voucher: Option<(u64, T::Signature)>,
	) -> DispatchResult {
		let ch = Self::channel(channel_id).ok_or(Error::<T>::UnknownChannel)?;
		ensure!(&ch.provider == provider, Error::<T>::NotProvider);
		if let Some((units, signature)) = final_voucher {
			Self::do_claim(channel_id, units, &signature)?;
		}
		let ch = Self::channel(channel_id).ok_or(Error::<T>::UnknownChannel)?;
		Self::remove_channel(channel_id, ch)
	}

	/// Refunds the rest of a channel's deposit from escrow and deletes it. A rest below the
	/// existential deposit that the consumer's (since reaped) account cannot take goes to the
	/// fee destination, so a channel can always be closed.
	fn remove_channel(channel_id: ChannelId, ch: crate::ChannelOf<T>) -> DispatchResult {
		let escrow = Self::escrow_account();
		let (mut refund, mut dust) = (ch.deposit, Zero::zero());
		if !ch.deposit.is_zero() {
			match T::Currency::transfer(&escrow, &ch.consumer, ch.deposit, Preservation::Preserve) {
				Ok(_) => {},
				Err(DispatchError::Token(TokenError::BelowMinimum | TokenError::CannotCreate)) => {
					T::Currency::transfer(
						&escrow,
						&T::FeeDestination::get(),
						ch.deposit,
						Preservation::Preserve,
					)?;
					(refund, dust) = (Zero::zero(), ch.deposit);
				},
				Err(e) => return Err(e),
			}
		}
		ChannelsByConsumer::<T>::remove(&ch.consumer, id_key(channel_id));
		ChannelsByProvider::<T>::remove(&ch.provider, id_key(channel_id));
		Self::delete_channel(channel_id);
		// What a channel opened since pages paid is credited to the ledger now (one opened
		// before pages credited it at every claim).
		let paid = if pages::is_legacy(channel_id) { Zero::zero() } else { ch.paid };
		Self::channel_closed(&ch.consumer, ch.service_id, paid);
		Self::deposit_event(Event::ChannelClosed { channel_id, refund, dust });
		Ok(())
	}
}
