//! Property test: random sequences of opens, top-ups, claims (valid and forged), closes,
//! payments and time keep every invariant: the escrow covers the channels, nothing is
//! minted or burned, and no channel pays out more than was deposited into it.

use crate::{mock::*, *};
use proptest::prelude::*;
use sp_core::Pair;
use sp_runtime::MultiSignature;
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
enum Op {
	Open { who: u8, deposit: Balance },
	TopUp { ch: u8, amount: Balance },
	Claim { ch: u8, more_units: u64, forged: bool },
	Batch { chs: Vec<(u8, u64)> },
	RequestClose { ch: u8 },
	Finalize { ch: u8 },
	ProviderClose { ch: u8, units: Option<u64> },
	Pay { who: u8, units: u64 },
	Advance { blocks: u64 },
	Reprice { price: Balance },
}

fn op() -> impl Strategy<Value = Op> {
	prop_oneof![
		(0u8..2, 50u128..5_000).prop_map(|(who, deposit)| Op::Open { who, deposit }),
		(0u8..6, 0u128..2_000).prop_map(|(ch, amount)| Op::TopUp { ch, amount }),
		(0u8..6, 0u64..400, any::<bool>()).prop_map(|(ch, more_units, forged)| Op::Claim {
			ch,
			more_units,
			forged
		}),
		prop::collection::vec((0u8..6, 0u64..100), 0..6).prop_map(|chs| Op::Batch { chs }),
		(0u8..6).prop_map(|ch| Op::RequestClose { ch }),
		(0u8..6).prop_map(|ch| Op::Finalize { ch }),
		(0u8..6, prop::option::of(0u64..300))
			.prop_map(|(ch, units)| Op::ProviderClose { ch, units }),
		(0u8..2, 0u64..50).prop_map(|(who, units)| Op::Pay { who, units }),
		(0u64..15).prop_map(|blocks| Op::Advance { blocks }),
		(1u128..20).prop_map(|price| Op::Reprice { price }),
	]
}

/// The consumer keys: 0 signs with sr25519, 1 with ed25519.
fn consumer(who: u8) -> AccountId {
	if who == 0 {
		account_of(consumer_sr().public())
	} else {
		account_of(consumer_ed().public())
	}
}

fn sign(consumer_account: &AccountId, payload: &[u8], forged: bool) -> MultiSignature {
	let is_sr = consumer_account == &account_of(consumer_sr().public());
	// A forged voucher is signed by the other consumer's key.
	if is_sr != forged {
		consumer_sr().sign(payload).into()
	} else {
		consumer_ed().sign(payload).into()
	}
}

fn voucher(ch: ChannelId, units: u64, forged: bool) -> Option<MultiSignature> {
	let channel = Pallet::<Test>::channel(ch)?;
	Some(sign(&channel.consumer, &Pallet::<Test>::voucher_payload(ch, units), forged))
}

fn apply(op: Op, deposited: &mut BTreeMap<ChannelId, Balance>) {
	let provider_origin = || RuntimeOrigin::signed(provider());
	let ch_id = |ch: u8| crate::pages::channel_id(1, u32::from(ch));
	let next_units = |ch: ChannelId, more: u64| {
		Pallet::<Test>::channel(ch).map_or(more, |c| c.claimed_units + more)
	};
	match op {
		Op::Open { who, deposit } => {
			let id = crate::pages::channel_id(1, NextChannelIndex::<Test>::get(0));
			if Payments::open_channel(RuntimeOrigin::signed(consumer(who)), 0, deposit).is_ok() {
				deposited.insert(id, deposit);
			}
		},
		Op::TopUp { ch, amount } => {
			let id = ch_id(ch);
			if let Some(c) = Pallet::<Test>::channel(id) {
				if Payments::top_up(RuntimeOrigin::signed(c.consumer), id, amount).is_ok() {
					*deposited.entry(id).or_default() += amount;
				}
			}
		},
		Op::Claim { ch, more_units, forged } => {
			let id = ch_id(ch);
			let units = next_units(id, more_units);
			if let Some(sig) = voucher(id, units, forged) {
				let result = Payments::claim(provider_origin(), id, units, sig);
				if forged {
					assert!(result.is_err(), "a forged voucher must never pay");
				}
			}
		},
		Op::Batch { chs } => {
			let claims: Vec<_> = chs
				.into_iter()
				.filter_map(|(ch, more)| {
					let id = ch_id(ch);
					let units = next_units(id, more);
					voucher(id, units, false).map(|signature| Claim {
						channel_id: id,
						cumulative_units: units,
						signature,
					})
				})
				.collect();
			let _ = Payments::claim_batch(provider_origin(), claims);
		},
		Op::RequestClose { ch } => {
			if let Some(c) = Pallet::<Test>::channel(ch_id(ch)) {
				let _ = Payments::request_close(RuntimeOrigin::signed(c.consumer), ch_id(ch));
			}
		},
		Op::Finalize { ch } => {
			if let Some(c) = Pallet::<Test>::channel(ch_id(ch)) {
				let _ = Payments::finalize_close(RuntimeOrigin::signed(c.consumer), ch_id(ch));
			}
		},
		Op::ProviderClose { ch, units } => {
			let id = ch_id(ch);
			let fin = units.and_then(|u| {
				let units = next_units(id, u);
				voucher(id, units, false).map(|s| (units, s))
			});
			let _ = Payments::close(provider_origin(), id, fin);
		},
		Op::Pay { who, units } => {
			let _ = Payments::pay(RuntimeOrigin::signed(consumer(who)), 0, units);
		},
		Op::Advance { blocks } => System::set_block_number(System::block_number() + blocks),
		Op::Reprice { price } => MockServices::set_price(0, price),
	}
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

	#[test]
	fn random_sequences_keep_the_invariants(ops in prop::collection::vec(op(), 1..24)) {
		new_test_ext().execute_with(|| {
			let issuance = pallet_balances::TotalIssuance::<Test>::get();
			let mut deposited = BTreeMap::new();
			for op in ops {
				apply(op, &mut deposited);
				Payments::do_try_state().expect("invariants hold after every call");
				assert_eq!(pallet_balances::TotalIssuance::<Test>::get(), issuance);
				for (id, ch) in Pallet::<Test>::iter_channels() {
					let total = deposited.get(&id).copied().unwrap_or_default();
					assert!(ch.paid <= total, "channel {id} paid more than was deposited");
					assert_eq!(ch.paid + ch.deposit, total, "channel {id} lost or gained funds");
				}
			}
		});
	}
}
