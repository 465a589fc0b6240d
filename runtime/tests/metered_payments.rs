//! Runtime integration test of metered payments on the development preset, wired to the real
//! service registry: open a channel to a registered service, sign 1,000 cumulative vouchers
//! off-chain, settle only the last, rate the service (the registry reads the payment ledger),
//! close and refund; governance changes the fee.

mod common;

use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, Get},
};
use pallet_metered_payments::{
	runtime_api::runtime_decl_for_metered_payments_api::MeteredPaymentsApiV1, Claim, HoldReason,
};
use pallet_service_registry::{ServiceInput, UnitInput};
use servicechain_runtime::{
	configs::servicechain::ProtocolTreasuryAccount, genesis_config_presets, Balances,
	MeteredPayments, Runtime, RuntimeHoldReason, RuntimeOrigin, ServiceRegistry, System,
	EXISTENTIAL_DEPOSIT, MILLIUNIT,
};
use sp_core::Pair;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{MultiSignature, Perbill};

const PRICE: u128 = MILLIUNIT;

fn dev_ext() -> sp_io::TestExternalities {
	let mut ext = common::ext_from(genesis_config_presets::DEVELOPMENT);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// What `who`'s channels hold in the payments escrow.
fn escrowed(who: &servicechain_runtime::AccountId) -> u128 {
	MeteredPayments::iter_channels()
		.map(|(_, c)| c)
		.filter(|c| &c.consumer == who)
		.map(|c| c.deposit)
		.sum()
}

/// The deposit held for `who`'s ledger entries.
fn record_held(who: &servicechain_runtime::AccountId) -> u128 {
	Balances::balance_on_hold(&RuntimeHoldReason::MeteredPayments(HoldReason::PaymentRecord), who)
}

/// Bob registers service 0 (price 0.001 SCV per request), paying to Dave.
fn register_service() {
	assert_ok!(ServiceRegistry::register_service(
		RuntimeOrigin::signed(Sr25519Keyring::Bob.to_account_id()),
		ServiceInput {
			name: b"llm".to_vec(),
			endpoints: vec![b"https://llm.example.com/v1".to_vec()],
			protocol: b"https".to_vec(),
			tags: vec![b"ai".to_vec()],
			price_per_unit: PRICE,
			unit: UnitInput::Request,
			metadata: None,
			beneficiary: Some(Sr25519Keyring::Dave.to_account_id()),
		}
	));
}

/// The id of the `index`th channel of `service` (`(service + 1) << 32 | index`).
fn channel(service: u64, index: u32) -> u64 {
	pallet_metered_payments::pages::channel_id(
		pallet_metered_payments::pages::group_of(service).expect("a small service id"),
		index,
	)
}

/// Alice's channel, the first of service 0.
const A: u64 = 1 << 32;

fn sign(key: Sr25519Keyring, channel: u64, units: u64) -> MultiSignature {
	key.pair().sign(&Runtime::voucher_payload(channel, units)).into()
}

#[test]
fn thousand_calls_settle_in_one_claim_and_the_rest_is_refunded() {
	dev_ext().execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		let bob = Sr25519Keyring::Bob.to_account_id();
		let dave = Sr25519Keyring::Dave.to_account_id();
		let treasury = ProtocolTreasuryAccount::get();
		let params = Runtime::parameters();
		assert_eq!(params, genesis_config_presets::dev_payment_params());
		register_service();

		// Alice opens a channel worth 2,000 calls.
		let deposit = 2_000 * PRICE;
		assert_ok!(MeteredPayments::open_channel(RuntimeOrigin::signed(alice.clone()), 0, deposit));
		assert_eq!(escrowed(&alice), deposit);
		assert_eq!(record_held(&alice), params.record_deposit);
		let channel = Runtime::channel(A).expect("Alice's channel");
		assert_eq!((channel.provider.clone(), channel.payee.clone()), (bob.clone(), dave.clone()));
		assert_eq!(Runtime::channels_of_consumer(alice.clone(), None, 10).channels.len(), 1);
		assert_eq!(Runtime::channels_of_provider(bob.clone(), None, 10).channels.len(), 1);

		// The payload is the documented 71 bytes, committing to this chain's genesis hash.
		let payload = Runtime::voucher_payload(A, 1_000);
		assert_eq!(payload.len(), 71);
		assert_eq!(&payload[..23], b"servicechain/voucher/v1");
		assert_eq!(&payload[23..55], MeteredPayments::genesis_hash().as_bytes());

		// 1,000 calls, one voucher each; only the last one goes on chain.
		let vouchers: Vec<MultiSignature> =
			(1..=1_000).map(|n| sign(Sr25519Keyring::Alice, A, n)).collect();
		let last = vouchers.last().cloned().expect("1,000 vouchers");
		let preview = Runtime::claimable(A, 1_000).expect("claimable");
		let dave_before = Balances::free_balance(&dave);
		assert_ok!(MeteredPayments::claim(RuntimeOrigin::signed(bob.clone()), A, 1_000, last));
		let fee = params.protocol_fee * (1_000 * PRICE);
		assert_eq!(preview.fee, fee);
		assert_eq!(Balances::free_balance(&dave), dave_before + 1_000 * PRICE - fee);
		// The treasury was endowed with the existential deposit at genesis.
		assert_eq!(Balances::free_balance(&treasury), EXISTENTIAL_DEPOSIT + fee);
		assert_eq!(escrowed(&alice), deposit - 1_000 * PRICE);

		// Older vouchers are worthless now.
		assert_noop!(
			MeteredPayments::claim(
				RuntimeOrigin::signed(bob.clone()),
				A,
				999,
				vouchers[998].clone()
			),
			pallet_metered_payments::Error::<Runtime>::UnitsNotIncreasing
		);

		// Alice paid 1 SCV: the registry lets her rate the service.
		assert_ok!(ServiceRegistry::rate_service(RuntimeOrigin::signed(alice.clone()), 0, 5));

		// She closes; after the window she gets the rest back.
		assert_ok!(MeteredPayments::request_close(RuntimeOrigin::signed(alice.clone()), A));
		System::set_block_number(1 + params.settlement_window);
		let free = Balances::free_balance(&alice);
		assert_ok!(MeteredPayments::finalize_close(RuntimeOrigin::signed(alice.clone()), A));
		assert_eq!(Balances::free_balance(&alice), free + 1_000 * PRICE);
		assert_eq!(escrowed(&alice), 0);
		assert!(Runtime::channel(A).is_none());

		// With no channel left, she removes her ledger entry: its deposit comes back and her
		// rating goes with it.
		assert_ok!(MeteredPayments::remove_payment_record(RuntimeOrigin::signed(alice.clone()), 0));
		assert_eq!(record_held(&alice), 0);
		assert!(pallet_service_registry::Ratings::<Runtime>::get(0, &alice).is_none());
		let service = pallet_service_registry::Services::<Runtime>::get(0).expect("service 0");
		assert_eq!((service.rating_count, service.rating_weight), (0, 0));

		MeteredPayments::do_try_state().expect("payment invariants");
		ServiceRegistry::do_try_state().expect("registry invariants");
	});
}

#[test]
fn batch_claims_and_governance_fee_change() {
	dev_ext().execute_with(|| {
		let bob = Sr25519Keyring::Bob.to_account_id();
		let dave = Sr25519Keyring::Dave.to_account_id();
		register_service();
		let consumers = [Sr25519Keyring::Alice, Sr25519Keyring::Charlie, Sr25519Keyring::Eve];
		for (i, c) in consumers.iter().enumerate() {
			assert_ok!(MeteredPayments::open_channel(
				RuntimeOrigin::signed(c.to_account_id()),
				0,
				100 * PRICE
			));
			assert_eq!(
				Runtime::channel(channel(0, i as u32)).map(|ch| ch.consumer),
				Some(c.to_account_id())
			);
		}

		// Governance (Root until the protocol DAO) sets a 5% fee; only Root may.
		let mut params = Runtime::parameters();
		params.protocol_fee = Perbill::from_percent(5);
		assert!(MeteredPayments::set_parameters(
			RuntimeOrigin::signed(bob.clone()),
			params.clone()
		)
		.is_err());
		assert_ok!(MeteredPayments::set_parameters(RuntimeOrigin::root(), params));

		// One batch: two good vouchers and one forged (Alice signing for Charlie's channel).
		let claims = vec![
			Claim {
				channel_id: channel(0, 0),
				cumulative_units: 10,
				signature: sign(consumers[0], channel(0, 0), 10),
			},
			Claim {
				channel_id: channel(0, 1),
				cumulative_units: 20,
				signature: sign(consumers[0], channel(0, 1), 20),
			},
			Claim {
				channel_id: channel(0, 2),
				cumulative_units: 30,
				signature: sign(consumers[2], channel(0, 2), 30),
			},
		];
		let dave_before = Balances::free_balance(&dave);
		assert_ok!(MeteredPayments::claim_batch(RuntimeOrigin::signed(bob.clone()), claims));
		let paid = 40 * PRICE;
		assert_eq!(
			Balances::free_balance(&dave),
			dave_before + paid - Perbill::from_percent(5) * paid
		);
		assert_eq!(Runtime::channel(channel(0, 1)).map(|c| c.claimed_units), Some(0));

		// A batch above the limit is refused as a whole.
		let limit = <Runtime as pallet_metered_payments::Config>::MaxClaimsPerBatch::get();
		let too_many = (0..=limit)
			.map(|_| Claim {
				channel_id: channel(0, 0),
				cumulative_units: 11,
				signature: sign(consumers[0], channel(0, 0), 11),
			})
			.collect::<Vec<_>>();
		assert_noop!(
			MeteredPayments::claim_batch(RuntimeOrigin::signed(bob.clone()), too_many),
			pallet_metered_payments::Error::<Runtime>::BatchTooLarge
		);

		// A payout that would create the payee's account below the existential deposit is
		// refused with a named error; settling more units at once works.
		assert_ok!(ServiceRegistry::register_service(
			RuntimeOrigin::signed(bob.clone()),
			ServiceInput {
				name: b"cheap".to_vec(),
				endpoints: vec![b"https://cheap.example.com".to_vec()],
				protocol: b"https".to_vec(),
				tags: vec![b"ai".to_vec()],
				price_per_unit: EXISTENTIAL_DEPOSIT / 10,
				unit: UnitInput::Request,
				metadata: None,
				beneficiary: Some(sp_runtime::AccountId32::new([7; 32])),
			}
		));
		let alice = consumers[0].to_account_id();
		assert_ok!(MeteredPayments::open_channel(RuntimeOrigin::signed(alice), 1, 100 * PRICE));
		assert_noop!(
			MeteredPayments::claim(
				RuntimeOrigin::signed(bob.clone()),
				channel(1, 0),
				1,
				sign(consumers[0], channel(1, 0), 1)
			),
			pallet_metered_payments::Error::<Runtime>::PayoutBelowMinimum
		);
		assert_ok!(MeteredPayments::claim(
			RuntimeOrigin::signed(bob),
			channel(1, 0),
			20,
			sign(consumers[0], channel(1, 0), 20)
		));

		MeteredPayments::do_try_state().expect("payment invariants");
	});
}
