//! Channels in pages ([`crate::pages`]): ids that name their page, a payee per page, a batch
//! charged by the distinct pages it names, the ledger credited at close. The attacker's tests
//! first.

use super::*;
use crate::pages::{channel_id, locate};

fn bob() -> AccountId {
	account_of(consumer_ed().public())
}

fn sign_ed(channel: ChannelId, units: u64) -> MultiSignature {
	consumer_ed().sign(&Pay::voucher_payload(channel, units)).into()
}

fn other_payee() -> AccountId {
	AccountId::from([0x33; 32])
}

fn set_payee(who: AccountId) {
	MockServices::set(
		0,
		ServiceTerms { provider: provider(), payee: who, price_per_unit: PRICE, available: true },
	);
}

/// Two consumers share a page; a voucher of one never settles the other's channel, whatever
/// slot or id it names.
#[test]
fn a_voucher_cannot_settle_another_channel_of_its_page() {
	run_test(|| {
		let a = open(alice(), 1_000);
		let b = open(bob(), 1_000);
		assert_eq!(locate(a).0, locate(b).0, "one page");
		// Bob's voucher for his own channel, presented for Alice's; and one he signs for hers.
		for signature in [sign_ed(b, 5), sign_ed(a, 5)] {
			assert_noop!(
				Payments::claim(RuntimeOrigin::signed(provider()), a, 5, signature),
				Error::<Test>::BadSignature
			);
		}
		// A slot nobody holds, in the same page, and the same index in another group.
		let empty_slot = channel_id(1, 7);
		let other_group = channel_id(2, 0);
		for id in [empty_slot, other_group] {
			assert_noop!(
				Payments::claim(RuntimeOrigin::signed(provider()), id, 5, sign_sr(id, 5)),
				Error::<Test>::UnknownChannel
			);
		}
		assert_eq!(Pay::channel(a).expect("open").deposit, 1_000);
	});
}

/// Ids are per service; a page keeps the payee it was opened with, and a payee change starts
/// the next channel on a new page, so each claim pays the payee of its channel's opening.
#[test]
fn a_payee_change_starts_a_new_page() {
	run_test(|| {
		let a = open(alice(), 1_000);
		assert_eq!(a, channel_id(1, 0));
		set_payee(other_payee());
		let b = open(bob(), 1_000);
		assert_eq!(b, channel_id(1, 16), "the next page");
		assert_eq!(NextChannelIndex::<Test>::get(0), 17);
		let (old, new) = (Balances::balance(&payee()), Balances::balance(&other_payee()));
		let claims = vec![
			Claim { channel_id: a, cumulative_units: 10, signature: sign_sr(a, 10) },
			Claim { channel_id: b, cumulative_units: 20, signature: sign_ed(b, 20) },
		];
		assert_ok!(Payments::claim_batch(RuntimeOrigin::signed(provider()), claims));
		let share = |units: Balance| units * PRICE - Perbill::from_percent(2) * (units * PRICE);
		assert_eq!(Balances::balance(&payee()), old + share(10));
		assert_eq!(Balances::balance(&other_payee()), new + share(20));
		// Back to the first payee: a new page again, not the one of the other payee.
		set_payee(payee());
		let c = open(alice(), 1_000);
		assert_eq!(c, channel_id(1, 32));
	});
}

/// A page whose channels all closed is removed; the next channel of its range opens it again
/// with the provider and payee of now.
#[test]
fn an_emptied_page_is_removed_and_reopened_with_todays_payee() {
	run_test(|| {
		let a = open(alice(), 1_000);
		assert_ok!(Payments::close(RuntimeOrigin::signed(provider()), a, None));
		assert!(!ChannelPages::<Test>::contains_key(locate(a).0));
		set_payee(other_payee());
		let b = open(bob(), 1_000);
		assert_eq!(b, channel_id(1, 1), "indexes are never reused");
		assert_eq!(Pay::channel(b).expect("open").payee, other_payee());
	});
}

/// A batch settles each page once: several claims of one page, one of them bad, and the same
/// channel twice (the second must go further than the first).
#[test]
fn a_batch_settles_page_by_page_and_each_claim_on_its_own() {
	run_test(|| {
		let a = open(alice(), 1_000);
		let b = open(bob(), 1_000);
		let claims = vec![
			Claim { channel_id: a, cumulative_units: 3, signature: sign_sr(a, 3) },
			Claim { channel_id: b, cumulative_units: 4, signature: sign_sr(b, 4) },
			Claim { channel_id: a, cumulative_units: 2, signature: sign_sr(a, 2) },
			Claim { channel_id: a, cumulative_units: 5, signature: sign_sr(a, 5) },
		];
		assert_ok!(Payments::claim_batch(RuntimeOrigin::signed(provider()), claims));
		assert_eq!(Pay::channel(a).expect("a").claimed_units, 5);
		assert_eq!(Pay::channel(b).expect("b").claimed_units, 0);
		let failed: Vec<_> = System::events()
			.into_iter()
			.filter_map(|r| match r.event {
				RuntimeEvent::Payments(Event::ClaimFailed { channel_id, error }) => {
					Some((channel_id, error))
				},
				_ => None,
			})
			.collect();
		assert_eq!(
			failed,
			vec![
				(b, Error::<Test>::BadSignature.into()),
				(a, Error::<Test>::UnitsNotIncreasing.into())
			]
		);
		assert_eq!(Pay::channel(a).expect("a").paid, 5 * PRICE);
	});
}

/// A payer may keep at most `MaxOpenChannelsPerService` channels open to a service: what it
/// paid through them is read from them when it rates.
#[test]
fn open_channels_per_service_are_bounded() {
	run_test(|| {
		let max =
			<<Test as Config>::MaxOpenChannelsPerService as frame_support::traits::Get<u32>>::get();
		for _ in 0..max {
			open(alice(), MIN_DEPOSIT);
		}
		assert_noop!(
			Payments::open_channel(RuntimeOrigin::signed(alice()), 0, MIN_DEPOSIT),
			Error::<Test>::TooManyChannels
		);
		let first = channel_id(1, 0);
		assert_ok!(Payments::close(RuntimeOrigin::signed(provider()), first, None));
		open(alice(), MIN_DEPOSIT);
	});
}

/// What a payer paid through an open channel counts at once, and exactly once after the
/// channel closes (its ledger entry is credited then).
#[test]
fn paid_counts_open_channels_and_is_credited_once_at_close() {
	run_test(|| {
		let a = open(alice(), 1_000);
		let b = open(alice(), 1_000);
		assert_ok!(Payments::claim(RuntimeOrigin::signed(provider()), a, 10, sign_sr(a, 10)));
		assert_ok!(Payments::claim(RuntimeOrigin::signed(provider()), b, 4, sign_sr(b, 4)));
		assert_ok!(Payments::pay(RuntimeOrigin::signed(alice()), 0, 1));
		assert_eq!(PaidToService::<Test>::get(alice(), 0).expect("entry").paid, PRICE);
		assert_eq!(Pay::paid_to_service(&alice(), 0), 15 * PRICE);
		assert_ok!(Payments::close(RuntimeOrigin::signed(provider()), a, None));
		assert_eq!(PaidToService::<Test>::get(alice(), 0).expect("entry").paid, 11 * PRICE);
		assert_eq!(Pay::paid_to_service(&alice(), 0), 15 * PRICE);
		// Another service's channels do not count for this one.
		assert_eq!(Pay::paid_to_service(&alice(), 1), 0);
	});
}

/// The up-front weight counts the distinct pages the ids name: claims packed in one page cost
/// less than as many claims on pages of their own, and never less than what was used.
#[test]
fn a_batch_is_charged_by_the_pages_it_names() {
	run_test(|| {
		let claim = |id| Claim { channel_id: id, cumulative_units: 1, signature: sign_sr(id, 1) };
		let packed: Vec<_> = (0..4).map(|i| claim(channel_id(1, i))).collect();
		let scattered: Vec<_> = (0..4).map(|g| claim(channel_id(g + 1, 0))).collect();
		let packed_weight = charged_unnamed(&packed);
		let scattered_weight = charged_unnamed(&scattered);
		assert!(packed_weight.proof_size() < scattered_weight.proof_size());
		assert_eq!(
			packed_weight.proof_size(),
			crate::proof::claims_proof::<Test>(1, 0, 0).max(packed_weight.proof_size())
		);
		// Legacy (group 0) ids are a page each and also write the ledger.
		let legacy: Vec<_> = (0..4).map(claim).collect();
		assert!(charged_unnamed(&legacy).all_gte(scattered_weight));
	});
}
