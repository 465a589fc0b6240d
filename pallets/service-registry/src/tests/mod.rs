//! Tests of the service registry. Every test ends with `do_try_state` (see `mock::run_test`).

use crate::{mock::*, *};
use codec::Encode;
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{GetDispatchInfo, Pays},
	traits::fungible::{Inspect, InspectHold},
	BoundedVec,
};
use sp_runtime::{DispatchError, Perbill};

type Reg = crate::Pallet<Test>;

mod discovery;
mod genesis;
mod governance;
mod invariants;
mod lifecycle;
mod liveness;
mod migration;
mod ratings;
mod register;
mod security;
mod service_inspect;

fn input(name: &str, tags: &[&str]) -> ServiceInput<AccountId, Balance> {
	ServiceInput {
		name: name.as_bytes().to_vec(),
		endpoints: vec![b"https://api.example.com".to_vec()],
		protocol: b"https".to_vec(),
		tags: tags.iter().map(|t| t.as_bytes().to_vec()).collect(),
		price_per_unit: 10,
		unit: UnitInput::Request,
		metadata: None,
		beneficiary: None,
	}
}

fn register(who: AccountId, name: &str, tags: &[&str]) -> ServiceId {
	let id = NextServiceId::<Test>::get();
	assert_ok!(Registry::register_service(RuntimeOrigin::signed(who), input(name, tags)));
	id
}

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::ServiceDeposit.into(), &who)
}

fn info(id: ServiceId) -> ServiceInfo<Test> {
	Services::<Test>::get(id).expect("service exists")
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

fn goto(n: u64) {
	System::set_block_number(n);
}

fn ids(page: &crate::discovery::PageOf<Test>) -> Vec<ServiceId> {
	page.services.iter().map(|s| s.id).collect()
}

fn filter(tags: &[&str]) -> ServiceFilter<Balance> {
	ServiceFilter {
		tags: tags.iter().map(|t| t.as_bytes().to_vec()).collect(),
		..Default::default()
	}
}

// ---------------------------------------------------------------- register
