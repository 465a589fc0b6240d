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
