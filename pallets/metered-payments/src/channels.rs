//! Opening, funding and closing channels.

use crate::{
	BalanceOf, Channel, ChannelId, Channels, ChannelsByConsumer, ChannelsByProvider, Config, Error,
	Event, HoldReason, NextChannelId, Pallet,
};
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision},
};
use servicechain_primitives::{id_key, ServiceId, ServiceInspect};
use sp_runtime::{traits::Zero, Saturating};

impl<T: Config> Pallet<T> {
	/// Holds `amount` more from `who` for its channels.
	fn hold(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		T::Currency::hold(&HoldReason::ChannelDeposit.into(), who, amount)
			.map_err(|_| Error::<T>::InsufficientBalance.into())
	}

	/// Opens a channel; returns its id.
	pub(crate) fn do_open(
		consumer: T::AccountId,
		service_id: ServiceId,
		deposit: BalanceOf<T>,
	) -> Result<ChannelId, DispatchError> {
		ensure!(!deposit.is_zero(), Error::<T>::ZeroAmount);
		let terms = T::Services::service_terms(service_id).ok_or(Error::<T>::UnknownService)?;
		ensure!(terms.available, Error::<T>::ServiceUnavailable);
		let channel_id = NextChannelId::<T>::get();
		let next = channel_id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		Self::hold(&consumer, deposit)?;
		let channel = Channel {
			consumer: consumer.clone(),
			service_id,
			provider: terms.provider.clone(),
			payee: terms.payee,
			price_per_unit: terms.price_per_unit,
			deposit,
			claimed_units: 0,
			paid: Zero::zero(),
			opened_at: frame_system::Pallet::<T>::block_number(),
			closing_at: None,
		};
		NextChannelId::<T>::put(next);
		ChannelsByConsumer::<T>::insert(&consumer, id_key(channel_id), ());
		ChannelsByProvider::<T>::insert(&terms.provider, id_key(channel_id), ());
		Channels::<T>::insert(channel_id, channel);
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
	pub(crate) fn do_top_up(
		consumer: &T::AccountId,
		channel_id: ChannelId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		Channels::<T>::try_mutate(channel_id, |maybe| {
			let ch = maybe.as_mut().ok_or(Error::<T>::UnknownChannel)?;
			ensure!(&ch.consumer == consumer, Error::<T>::NotConsumer);
			ensure!(ch.closing_at.is_none(), Error::<T>::AlreadyClosing);
			Self::hold(consumer, amount)?;
			ch.deposit = ch.deposit.saturating_add(amount);
			Self::deposit_event(Event::ChannelToppedUp { channel_id, amount, deposit: ch.deposit });
			Ok(())
		})
	}

	/// Consumer starts closing.
	pub(crate) fn do_request_close(
		consumer: &T::AccountId,
		channel_id: ChannelId,
	) -> DispatchResult {
		Channels::<T>::try_mutate(channel_id, |maybe| {
			let ch = maybe.as_mut().ok_or(Error::<T>::UnknownChannel)?;
			ensure!(&ch.consumer == consumer, Error::<T>::NotConsumer);
			ensure!(ch.closing_at.is_none(), Error::<T>::AlreadyClosing);
			let now = frame_system::Pallet::<T>::block_number();
			ch.closing_at = Some(now);
			let settle_until = now.saturating_add(Self::params().settlement_window);
			Self::deposit_event(Event::CloseRequested { channel_id, settle_until });
			Ok(())
		})
	}

	/// Consumer finalizes a close after the settlement window.
	pub(crate) fn do_finalize_close(
		consumer: &T::AccountId,
		channel_id: ChannelId,
	) -> DispatchResult {
		let ch = Channels::<T>::get(channel_id).ok_or(Error::<T>::UnknownChannel)?;
		ensure!(&ch.consumer == consumer, Error::<T>::NotConsumer);
		let closing_at = ch.closing_at.ok_or(Error::<T>::NotClosing)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(
			now >= closing_at.saturating_add(Self::params().settlement_window),
			Error::<T>::SettlementWindowOpen
		);
		Self::remove_channel(channel_id, ch)
	}

	/// Provider closes at once, settling its final voucher first.
	pub(crate) fn do_provider_close(
		provider: &T::AccountId,
		channel_id: ChannelId,
		final_voucher: Option<(u64, T::Signature)>,
	) -> DispatchResult {
		let ch = Channels::<T>::get(channel_id).ok_or(Error::<T>::UnknownChannel)?;
		ensure!(&ch.provider == provider, Error::<T>::NotProvider);
		if let Some((units, signature)) = final_voucher {
			Self::do_claim(channel_id, units, &signature)?;
		}
		let ch = Channels::<T>::get(channel_id).ok_or(Error::<T>::UnknownChannel)?;
		Self::remove_channel(channel_id, ch)
	}

	/// Refunds the rest of a channel's deposit and deletes it.
	fn remove_channel(channel_id: ChannelId, ch: crate::ChannelOf<T>) -> DispatchResult {
		T::Currency::release(
			&HoldReason::ChannelDeposit.into(),
			&ch.consumer,
			ch.deposit,
			Precision::Exact,
		)?;
		ChannelsByConsumer::<T>::remove(&ch.consumer, id_key(channel_id));
		ChannelsByProvider::<T>::remove(&ch.provider, id_key(channel_id));
		Channels::<T>::remove(channel_id);
		Self::deposit_event(Event::ChannelClosed { channel_id, refund: ch.deposit });
		Ok(())
	}
}
