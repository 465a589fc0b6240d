//! The v0 → v1 storage migration ([`crate::migrations`]): services and ratings written in
//! their v0 layout (unweighted scores, `rating_sum`), including ratings v1 does not accept.

use super::*;
use crate::migrations::{v0, MigrateV0ToV1};
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

/// Rewrites a service in its v0 layout with the given v0 ratings.
fn downgrade_to_v0(id: ServiceId, ratings: &[(AccountId, u8)]) {
	let s = info(id);
	for (rater, score) in ratings {
		v0::Ratings::<Test>::insert(id, rater, score);
	}
	v0::Services::<Test>::insert(
		id,
		v0::ServiceInfo {
			provider: s.provider,
			details: s.details,
			deposit: s.deposit,
			version: s.version,
			registered_at: s.registered_at,
			last_heartbeat: s.last_heartbeat,
			status: s.status,
			rating_sum: ratings.iter().map(|(_, score)| u64::from(*score)).sum(),
			rating_count: ratings.len() as u32,
		},
	);
	StorageVersion::new(0).put::<Registry>();
	// The chain ran spec 1, whose layouts are v0.
	frame_system::LastRuntimeUpgrade::<Test>::put(frame_system::LastRuntimeUpgradeInfo {
		spec_version: 1.into(),
		spec_name: "servicechain".into(),
	});
}

#[test]
fn v0_ratings_are_weighted_by_what_their_raters_paid() {
	run_test(|| {
		let mut with_payee = input("paid-to-charlie", &["ai"]);
		with_payee.beneficiary = Some(CHARLIE);
		assert_ok!(Registry::register_service(RuntimeOrigin::signed(ALICE), with_payee));
		let id = 0;
		let other = register(BOB, "unrated", &["geo"]);
		MockPayments::pay(BOB, id, 1_000);
		MockPayments::pay(POOR, id, 3_000);
		MockPayments::pay(5, id, MIN_PAID_TO_RATE.saturating_sub(1));
		// v0 accepted ratings by the provider and the payee and by anyone who paid at all.
		downgrade_to_v0(id, &[(BOB, 4), (POOR, 2), (ALICE, 5), (CHARLIE, 5), (5, 1), (6, 5)]);
		downgrade_to_v0(other, &[]);

		#[cfg(feature = "try-runtime")]
		assert_ok!(MigrateV0ToV1::<Test>::try_on_runtime_upgrade(true));
		#[cfg(not(feature = "try-runtime"))]
		MigrateV0ToV1::<Test>::on_runtime_upgrade();

		assert_eq!(Registry::on_chain_storage_version(), StorageVersion::new(1));
		let s = info(id);
		assert_eq!(
			(s.rating_count, s.rating_weight, s.rating_points),
			(2, 4_000, 4 * 1_000 + 2 * 3_000)
		);
		assert_eq!(s.average_rating_centi(), Some(250));
		assert_eq!(Ratings::<Test>::get(id, BOB), Some(Rating { score: 4, weight: 1_000 }));
		for dropped in [ALICE, CHARLIE, 5, 6] {
			assert_eq!(Ratings::<Test>::get(id, dropped), None);
		}
		assert_eq!(info(other).rating_count, 0);
		assert_eq!(info(other).average_rating_centi(), None);

		// v1 calls work on the migrated state: Bob rates again, with his weight.
		assert_ok!(Registry::rate_service(RuntimeOrigin::signed(BOB), id, 5));
		assert_eq!(info(id).rating_points, 5 * 1_000 + 2 * 3_000);
	});
}
