//! Tests of metered payments. Every test ends with `do_try_state` and an issuance check.

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use servicechain_primitives::{PaymentInspect, ServiceTerms};
use sp_core::Pair;
use sp_runtime::{DispatchError, MultiSignature, Perbill};

type Pay = crate::Pallet<Test>;

mod channels;
mod ledger;
mod migration;
mod pages;
mod parameters;
mod queries;
mod security;
mod settlement;
mod voucher;

/// What `claim_batch` is charged up front for `claims`.
fn charged_unnamed(claims: &[Claim<MultiSignature>]) -> frame_support::weights::Weight {
	crate::ClaimBranch::weight_of_claims::<Test>(claims.iter().map(|claim| (claim, None)))
}

fn alice() -> AccountId {
	account_of(consumer_sr().public())
}

fn sign_sr(channel: ChannelId, units: u64) -> MultiSignature {
	consumer_sr().sign(&Pay::voucher_payload(channel, units)).into()
}

fn open(who: AccountId, deposit: Balance) -> ChannelId {
	assert_ok!(Payments::open_channel(RuntimeOrigin::signed(who), 0, deposit));
	opened_id()
}

/// The id of the channel the last `ChannelOpened` event announced.
fn opened_id() -> ChannelId {
	System::events()
		.into_iter()
		.rev()
		.find_map(|r| match r.event {
			RuntimeEvent::Payments(Event::ChannelOpened { channel_id, .. }) => Some(channel_id),
			_ => None,
		})
		.expect("a channel was opened")
}

/// What `who`'s channels hold in escrow.
fn escrowed(who: &AccountId) -> Balance {
	Pay::iter_channels().map(|(_, c)| c).filter(|c| &c.consumer == who).map(|c| c.deposit).sum()
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("event").event
}
