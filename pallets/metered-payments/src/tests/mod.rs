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
mod parameters;
mod queries;
mod security;
mod settlement;
mod voucher;

fn alice() -> AccountId {
	account_of(consumer_sr().public())
}

fn sign_sr(channel: ChannelId, units: u64) -> MultiSignature {
	consumer_sr().sign(&Pay::voucher_payload(channel, units)).into()
}

fn open(who: AccountId, deposit: Balance) -> ChannelId {
	let id = NextChannelId::<Test>::get();
	assert_ok!(Payments::open_channel(RuntimeOrigin::signed(who), 0, deposit));
	id
}

/// What `who`'s channels hold in escrow.
fn escrowed(who: &AccountId) -> Balance {
	Channels::<Test>::iter_values().filter(|c| &c.consumer == who).map(|c| c.deposit).sum()
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("event").event
}
