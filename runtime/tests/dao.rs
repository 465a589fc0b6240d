//! Runtime integration test of the protocol DAO on the development preset: it governs the
//! payments pallet (fee change), authorizes a runtime upgrade by dispatching as Root, receives
//! protocol fees in its treasury and spends from it.

mod common;

use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo};
use pallet_dao::{Outcome, ProposalStatus};
use servicechain_runtime::{
	configs::servicechain::ProtocolTreasuryAccount, genesis_config_presets, Balances, Dao,
	MeteredPayments, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, ServiceRegistry, System,
	UNIT,
};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave};
use sp_runtime::Perbill;

fn dev_ext() -> sp_io::TestExternalities {
	let mut ext = common::ext_from(genesis_config_presets::DEVELOPMENT);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Alice proposes `call` to the protocol DAO, Alice and Bob vote aye, anyone closes it early,
/// and after the enactment delay Dave executes it. Returns the proposal id.
fn pass(call: RuntimeCall) -> u32 {
	let id = pallet_dao::Daos::<Runtime>::get(0).expect("protocol DAO").next_proposal_id;
	assert_ok!(Dao::propose(
		RuntimeOrigin::signed(Alice.to_account_id()),
		0,
		Box::new(call),
		b"ipfs://bafy...".to_vec()
	));
	for who in [Alice, Bob] {
		assert_ok!(Dao::vote(RuntimeOrigin::signed(who.to_account_id()), 0, id, true, None));
	}
	assert_ok!(Dao::close_proposal(RuntimeOrigin::signed(Dave.to_account_id()), 0, id));
	let proposal = pallet_dao::Proposals::<Runtime>::get(0, id).expect("approved");
	let ProposalStatus::Approved { executable_at, .. } = proposal.status else {
		panic!("not approved: {:?}", proposal.status)
	};
	System::set_block_number(executable_at);
	assert_ok!(Dao::execute_proposal(
		RuntimeOrigin::signed(Dave.to_account_id()),
		0,
		id,
		proposal.call_weight
	));
	let executed =
		System::events().into_iter().find_map(|r| match r.event {
			RuntimeEvent::Dao(pallet_dao::Event::ProposalExecuted {
				proposal_id, result, ..
			}) if proposal_id == id => Some(result),
			_ => None,
		});
	assert_eq!(executed, Some(Ok(())), "proposal {id} executed successfully");
	id
}

#[test]
fn the_protocol_dao_is_genesis_dao_zero_with_the_protocol_treasury() {
	dev_ext().execute_with(|| {
		let dao = pallet_dao::Daos::<Runtime>::get(0).expect("DAO 0");
		assert_eq!(dao.member_count, 3);
		assert_eq!(Dao::treasury_account(0), ProtocolTreasuryAccount::get());
		for who in [Alice, Bob, Charlie] {
			assert_eq!(pallet_dao::Members::<Runtime>::get(0, who.to_account_id()), Some(1));
		}
		Dao::do_try_state().expect("DAO invariants");
	});
}

#[test]
fn the_protocol_dao_sets_the_payment_fee() {
	dev_ext().execute_with(|| {
		let mut params = MeteredPayments::params();
		assert_eq!(params.protocol_fee, Perbill::from_percent(1));
		params.protocol_fee = Perbill::from_percent(3);
		// Signed accounts cannot; the DAO can.
		assert_noop!(
			MeteredPayments::set_parameters(
				RuntimeOrigin::signed(Alice.to_account_id()),
				params.clone()
			),
			sp_runtime::DispatchError::BadOrigin
		);
		pass(RuntimeCall::MeteredPayments(pallet_metered_payments::Call::set_parameters {
			params: params.clone(),
		}));
		assert_eq!(MeteredPayments::params(), params);
		Dao::do_try_state().expect("DAO invariants");
	});
}

#[test]
fn the_protocol_dao_sets_the_registry_parameters() {
	dev_ext().execute_with(|| {
		let mut params = ServiceRegistry::params();
		params.min_paid_to_rate = 5 * UNIT;
		params.heartbeat_interval = 7;
		pass(RuntimeCall::ServiceRegistry(pallet_service_registry::Call::set_parameters {
			params: params.clone(),
		}));
		assert_eq!(ServiceRegistry::params(), params);
	});
}

#[test]
fn the_protocol_dao_authorizes_a_runtime_upgrade_as_root() {
	dev_ext().execute_with(|| {
		let code_hash = sp_core::H256::repeat_byte(0xab);
		let authorize = RuntimeCall::System(frame_system::Call::authorize_upgrade { code_hash });
		// Dispatched by a DAO origin directly it is refused: it needs Root.
		let as_root =
			RuntimeCall::Dao(pallet_dao::Call::dispatch_as_root { call: Box::new(authorize) });
		assert!(as_root.get_dispatch_info().call_weight.ref_time() > 0);
		pass(as_root);
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::System(frame_system::Event::UpgradeAuthorized { code_hash: h, .. })
				if h == code_hash
		)));
		// Another DAO cannot act as Root.
		assert_ok!(Dao::create_dao(
			RuntimeOrigin::signed(Dave.to_account_id()),
			b"guild".to_vec(),
			vec![(Dave.to_account_id(), 1)],
			genesis_config_presets::dev_protocol_dao().rules
		));
		let origin: RuntimeOrigin = pallet_dao::Origin::Dao(1).into();
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
		assert!(Dao::dispatch_as_root(origin, Box::new(remark)).is_err());
	});
}

#[test]
fn fees_reach_the_dao_treasury_and_it_spends_them() {
	dev_ext().execute_with(|| {
		let treasury = ProtocolTreasuryAccount::get();
		assert_ok!(Balances::transfer_keep_alive(
			RuntimeOrigin::signed(Charlie.to_account_id()),
			treasury.clone().into(),
			100 * UNIT
		));
		let before = Balances::free_balance(Dave.to_account_id());
		pass(RuntimeCall::Dao(pallet_dao::Call::spend {
			beneficiary: Dave.to_account_id(),
			amount: 40 * UNIT,
		}));
		assert_eq!(Balances::free_balance(Dave.to_account_id()), before + 40 * UNIT);
		let closed = System::events().into_iter().any(|r| {
			matches!(
				r.event,
				RuntimeEvent::Dao(pallet_dao::Event::ProposalClosed {
					outcome: Outcome::Approved,
					..
				})
			)
		});
		assert!(closed);
		Dao::do_try_state().expect("DAO invariants");
	});
}
