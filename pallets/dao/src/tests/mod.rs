//! Tests of the DAO pallet. Every test ends with `do_try_state` and an issuance check.

use crate::{mock::*, origin::DaoOrigin, *};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::GetDispatchInfo,
	traits::fungible::{Inspect, InspectFreeze, InspectHold},
	weights::Weight,
};
use sp_runtime::{DispatchError, Perbill, TokenError};

type Pallet = crate::Pallet<Test>;

mod daos;
mod migration;
mod parameters;
mod proposals;
mod security;
mod treasury;
mod voting;

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn dao_origin(id: DaoId) -> RuntimeOrigin {
	DaoOrigin::Dao(id).into()
}

fn spend_call(to: AccountId, amount: Balance) -> Box<RuntimeCall> {
	Box::new(RuntimeCall::Dao(crate::Call::spend { beneficiary: to, amount }))
}

fn propose(dao: DaoId, who: AccountId, call: Box<RuntimeCall>) -> ProposalId {
	let id = Daos::<Test>::get(dao).expect("dao").next_proposal_id;
	assert_ok!(Dao::propose(signed(who), dao, call, b"ipfs://x".to_vec()));
	id
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("event").event
}

fn has_event(e: Event<Test>) -> bool {
	System::events().iter().any(|r| r.event == RuntimeEvent::Dao(e.clone()))
}

fn fund_treasury(dao: DaoId, amount: Balance) {
	let treasury = Pallet::treasury_account(dao);
	assert_ok!(Balances::transfer_allow_death(signed(9), treasury, amount));
}

fn held(reason: HoldReason, who: AccountId) -> Balance {
	Balances::balance_on_hold(&reason.into(), &who)
}

fn frozen(who: AccountId) -> Balance {
	Balances::balance_frozen(&FreezeReason::Vote.into(), &who)
}

/// Members 1 and 2 vote aye on DAO 0's proposal, it closes early, the delay passes, anyone
/// executes it.
fn pass_and_execute(id: ProposalId) {
	assert_ok!(Dao::vote(signed(1), 0, id, true, None));
	assert_ok!(Dao::vote(signed(2), 0, id, true, None));
	assert_ok!(Dao::close_proposal(signed(7), 0, id));
	System::set_block_number(System::block_number() + DELAY);
	let bound = Proposals::<Test>::get(0, id).expect("approved").call_weight;
	assert_ok!(Dao::execute_proposal(signed(7), 0, id, bound));
}
