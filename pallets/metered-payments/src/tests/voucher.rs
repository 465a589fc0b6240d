//! Vouchers: the documented bytes, every signature scheme, plain and wrapped, and replays and forgeries refused.

use super::*;

#[test]
fn voucher_payload_is_the_documented_71_bytes() {
	run_test(|| {
		let p = Pay::voucher_payload(5, 1_000);
		assert_eq!(&p[..23], b"servicechain/voucher/v1");
		assert_eq!(&p[23..55], &[0x42; 32]);
		assert_eq!(&p[55..63], &5u64.to_le_bytes());
		assert_eq!(&p[63..71], &1_000u64.to_le_bytes());
	});
}

#[test]
fn ed25519_ecdsa_and_bytes_wrapped_vouchers_verify() {
	run_test(|| {
		let bob = account_of(consumer_ed().public());
		let charlie = account_of(consumer_ecdsa().public());
		let b = open(bob.clone(), 1_000);
		let c = open(charlie.clone(), 1_000);
		let ed: MultiSignature = consumer_ed().sign(&Pay::voucher_payload(b, 3)).into();
		assert_ok!(Payments::claim(RuntimeOrigin::signed(provider()), b, 3, ed));
		let ec: MultiSignature = consumer_ecdsa().sign(&Pay::voucher_payload(c, 4)).into();
		assert_ok!(Payments::claim(RuntimeOrigin::signed(provider()), c, 4, ec));
		let a = open(alice(), 1_000);
		let wrapped = crate::wrapped_payload(&Pay::voucher_payload(a, 5));
		let sig: MultiSignature = consumer_sr().sign(&wrapped).into();
		assert_ok!(Payments::claim(RuntimeOrigin::signed(provider()), a, 5, sig));
		assert_eq!(Pay::paid_to_service(&charlie, 0), 4 * PRICE);
	});
}

#[test]
fn replays_across_channels_and_chains_and_forgeries_fail() {
	run_test(|| {
		let a = open(alice(), 1_000);
		let b = open(alice(), 1_000);
		// A voucher for channel `a` does not pay channel `b`.
		assert_noop!(
			Payments::claim(RuntimeOrigin::signed(provider()), b, 10, sign_sr(a, 10)),
			Error::<Test>::BadSignature
		);
		// A voucher for another chain (genesis hash) fails.
		let other = crate::voucher_payload(sp_core::H256::repeat_byte(1), a, 10);
		let sig: MultiSignature = consumer_sr().sign(&other).into();
		assert_noop!(
			Payments::claim(RuntimeOrigin::signed(provider()), a, 10, sig),
			Error::<Test>::BadSignature
		);
		// Signed by someone else, or for other units.
		let forged: MultiSignature = consumer_ed().sign(&Pay::voucher_payload(a, 10)).into();
		assert_noop!(
			Payments::claim(RuntimeOrigin::signed(provider()), a, 10, forged),
			Error::<Test>::BadSignature
		);
		assert_noop!(
			Payments::claim(RuntimeOrigin::signed(provider()), a, 11, sign_sr(a, 10)),
			Error::<Test>::BadSignature
		);
		assert_noop!(
			Payments::claim(RuntimeOrigin::signed(provider()), 77, 1, sign_sr(77, 1)),
			Error::<Test>::UnknownChannel
		);
	});
}

/// A claim of `claim_batch_with_forms` is checked in the form it names only: the consumer's own
/// signature named in the wrong form fails (it is not retried in the other), and named in the
/// right form it settles.
#[test]
fn a_claim_naming_its_form_is_checked_in_that_form_only() {
	run_test(|| {
		let a = open(alice(), 1_000);
		let wrapped: MultiSignature =
			consumer_sr().sign(&crate::wrapped_payload(&Pay::voucher_payload(a, 5))).into();
		let claim = |units, signature| Claim { channel_id: a, cumulative_units: units, signature };
		let wrong = vec![
			(claim(5, wrapped.clone()), VoucherForm::Plain),
			(claim(4, sign_sr(a, 4)), VoucherForm::Wrapped),
		];
		assert_ok!(Payments::claim_batch_with_forms(RuntimeOrigin::signed(provider()), wrong));
		assert_eq!(Pallet::<Test>::channel(a).map(|c| c.claimed_units), Some(0));
		let bad_signature = System::events()
			.iter()
			.filter(|r| {
				r.event
					== Event::ClaimFailed {
						channel_id: a,
						error: Error::<Test>::BadSignature.into(),
					}
					.into()
			})
			.count();
		assert_eq!(bad_signature, 2);
		let right = vec![
			(claim(4, sign_sr(a, 4)), VoucherForm::Plain),
			(claim(5, wrapped), VoucherForm::Wrapped),
		];
		assert_ok!(Payments::claim_batch_with_forms(RuntimeOrigin::signed(provider()), right));
		assert_eq!(Pallet::<Test>::channel(a).map(|c| c.claimed_units), Some(5));
		// The batch limit holds for it too.
		let six = (0..6).map(|u| (claim(6 + u, sign_sr(a, 6 + u)), VoucherForm::Plain)).collect();
		assert_noop!(
			Payments::claim_batch_with_forms(RuntimeOrigin::signed(provider()), six),
			Error::<Test>::BatchTooLarge
		);
	});
}

/// Naming the form is charged one verification less per claim (the difference of the slopes of
/// `claim_batch_paged` and `claim_batch_named`) and, once per batch, the difference of their
/// intercepts more, up front and in what the batch reports it used; the proof size is the
/// same.
#[test]
fn naming_the_form_is_charged_one_verification_less() {
	// The mock's weights (`()`) are the generated measurements at RocksDB weights.
	type W = ();
	use crate::weights::WeightInfo;
	run_test(|| {
		let a = open(alice(), 1_000);
		let b = open(alice(), 1_000);
		let claims: Vec<_> = [(a, 3), (b, 4)]
			.map(|(id, units)| Claim {
				channel_id: id,
				cumulative_units: units,
				signature: sign_sr(id, units),
			})
			.to_vec();
		let weigh =
			|form| crate::ClaimBranch::weight_of_claims::<Test>(claims.iter().map(|c| (c, form)));
		let (unnamed, named) = (weigh(None), weigh(Some(VoucherForm::Plain)));
		let one_check = W::claim_batch_paged(1)
			.saturating_sub(W::claim_batch_paged(0))
			.saturating_sub(W::claim_batch_named(1).saturating_sub(W::claim_batch_named(0)))
			.ref_time();
		let base = W::claim_batch_named(0).saturating_sub(W::claim_batch_paged(0)).ref_time();
		// What sr25519 saves beside ECDSA over two checks; a named claim is credited half.
		let lighter = W::claim_ecdsa().saturating_sub(W::claim_sr25519()).ref_time();
		let kept = lighter - lighter / 2;
		assert!(one_check > 0, "the benchmarks show no saving");
		assert_eq!(named.ref_time() + 2 * one_check, unnamed.ref_time() + base + 2 * kept);
		assert_eq!(unnamed.proof_size(), named.proof_size());
		// What a batch reports used follows the same rule.
		let used = |form| {
			let paths: Vec<_> = claims.iter().map(|c| crate::ClaimPath::of(c, form)).collect();
			crate::ClaimBranch::weight_of_settled::<Test>(&paths, 0)
		};
		assert_eq!(
			used(Some(VoucherForm::Wrapped)).ref_time() + 2 * one_check,
			used(None).ref_time() + base + 2 * kept
		);
		// From about eight claims on, naming the forms is the cheaper call (weighed as settled:
		// the mock allows 5 claims per batch).
		let weigh_many = |form, n: usize| {
			let paths: Vec<_> =
				claims.iter().cycle().take(n).map(|c| crate::ClaimPath::of(c, form)).collect();
			crate::ClaimBranch::weight_of_settled::<Test>(&paths, 0).ref_time()
		};
		assert!(weigh_many(Some(VoucherForm::Plain), 16) < weigh_many(None, 16));
		assert!(weigh_many(Some(VoucherForm::Plain), 2) > weigh_many(None, 2));
	});
}
