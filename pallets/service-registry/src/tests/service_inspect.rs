//! `ServiceInspect`: the terms the payments pallet reads.

use super::*;

#[test]
fn service_terms_for_payments_follow_status_and_liveness() {
	use servicechain_primitives::ServiceInspect;
	run_test(|| {
		let mut i = input("x", &[]);
		i.beneficiary = Some(TREASURY);
		assert_ok!(Registry::register_service(RuntimeOrigin::signed(ALICE), i));
		let terms = Reg::service_terms(0).unwrap();
		assert_eq!((terms.provider, terms.payee, terms.price_per_unit), (ALICE, TREASURY, 10));
		assert!(terms.available);
		assert_ok!(Registry::pause_service(RuntimeOrigin::signed(ALICE), 0));
		assert!(!Reg::service_terms(0).unwrap().available);
		assert_ok!(Registry::resume_service(RuntimeOrigin::signed(ALICE), 0));
		goto(2 + STALE_AFTER);
		assert!(!Reg::service_terms(0).unwrap().available, "stale");
		assert!(Reg::service_terms(5).is_none());
		let id = register(BOB, "y", &[]);
		assert_eq!(Reg::service_terms(id).unwrap().payee, BOB, "no beneficiary: the provider");
	});
}
