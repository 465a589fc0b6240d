//! Ratings by payers, weighted by what they paid.

use super::*;

/// Found by the runtime fuzzer: a payer rates, then the provider makes it the payee. Its rating
/// goes (nobody rates a service that pays them); the others' stay.
#[test]
fn a_rater_that_becomes_the_payee_loses_its_rating() {
	run_test(|| {
		let id = register(ALICE, "x", &[]);
		MockPayments::pay(BOB, id, MIN_PAID_TO_RATE);
		MockPayments::pay(CHARLIE, id, MIN_PAID_TO_RATE);
		assert_ok!(Registry::rate_service(RuntimeOrigin::signed(BOB), id, 5));
		assert_ok!(Registry::rate_service(RuntimeOrigin::signed(CHARLIE), id, 1));
		let mut to_bob = input("x", &[]);
		to_bob.beneficiary = Some(BOB);
		assert_ok!(Registry::update_service(RuntimeOrigin::signed(ALICE), id, to_bob));
		assert!(Ratings::<Test>::get(id, BOB).is_none());
		assert!(Ratings::<Test>::get(id, CHARLIE).is_some());
		assert_eq!((info(id).rating_count, info(id).average_rating_centi()), (1, Some(100)));
		assert_noop!(
			Registry::rate_service(RuntimeOrigin::signed(BOB), id, 5),
			Error::<Test>::OwnService
		);
	});
}

#[test]
fn only_payers_rate_once_and_may_update() {
	run_test(|| {
		let id = register(ALICE, "x", &[]);
		assert_noop!(
			Registry::rate_service(RuntimeOrigin::signed(BOB), id, 5),
			Error::<Test>::NotAPayer
		);
		MockPayments::pay(BOB, id, MIN_PAID_TO_RATE - 1);
		assert_noop!(
			Registry::rate_service(RuntimeOrigin::signed(BOB), id, 5),
			Error::<Test>::NotAPayer
		);
		MockPayments::pay(BOB, id, 1);
		assert_ok!(Registry::rate_service(RuntimeOrigin::signed(BOB), id, 5));
		assert_eq!(
			last_event(),
			Event::ServiceRated { service_id: id, rater: BOB, score: 5, previous: None }.into()
		);
		// Charlie paid 20 times what Bob did: his rating weighs 20 times as much.
		MockPayments::pay(CHARLIE, id, 20 * MIN_PAID_TO_RATE);
		assert_ok!(Registry::rate_service(RuntimeOrigin::signed(CHARLIE), id, 2));
		let m = MIN_PAID_TO_RATE;
		assert_eq!(
			(info(id).rating_count, info(id).rating_weight, info(id).rating_points),
			(2, 21 * m, 5 * m + 2 * 20 * m)
		);
		// (5 × 1 + 2 × 20) / 21 = 2.14
		assert_eq!(info(id).average_rating_centi(), Some(214));
		// Updating replaces, it does not add.
		assert_ok!(Registry::rate_service(RuntimeOrigin::signed(BOB), id, 3));
		assert_eq!(
			last_event(),
			Event::ServiceRated { service_id: id, rater: BOB, score: 3, previous: Some(5) }.into()
		);
		assert_eq!(
			(info(id).rating_count, info(id).rating_weight, info(id).rating_points),
			(2, 21 * m, 3 * m + 2 * 20 * m)
		);
		// Paying another service does not count.
		let other = register(ALICE, "y", &[]);
		assert_noop!(
			Registry::rate_service(RuntimeOrigin::signed(BOB), other, 5),
			Error::<Test>::NotAPayer
		);
	});
}

#[test]
fn rating_errors() {
	run_test(|| {
		let id = register(ALICE, "x", &[]);
		MockPayments::pay(BOB, id, MIN_PAID_TO_RATE);
		for bad in [0u8, 6, 255] {
			assert_noop!(
				Registry::rate_service(RuntimeOrigin::signed(BOB), id, bad),
				Error::<Test>::RatingOutOfRange
			);
		}
		assert_noop!(
			Registry::rate_service(RuntimeOrigin::signed(BOB), 77, 3),
			Error::<Test>::UnknownService
		);
		assert_noop!(
			Registry::rate_service(RuntimeOrigin::signed(ALICE), id, 5),
			Error::<Test>::OwnService
		);
		assert_ok!(Registry::rate_service(RuntimeOrigin::signed(BOB), id, 3));
		assert_ok!(Registry::deregister_service(RuntimeOrigin::signed(ALICE), id));
		assert_noop!(
			Registry::rate_service(RuntimeOrigin::signed(BOB), id, 3),
			Error::<Test>::ServiceRetired
		);
	});
}
