//! Discovery: tag indexes, filters, pages, scans and the service view.

use super::*;

#[test]
fn find_by_one_and_two_tags_uses_the_rarest_index() {
	run_test(|| {
		let a = register(ALICE, "a", &["ai", "gpu"]);
		let b = register(BOB, "b", &["ai"]);
		let c = register(CHARLIE, "c", &["ai", "gpu", "eu"]);
		let _d = register(ALICE, "d", &["storage"]);
		assert_eq!(ids(&Reg::find_services(filter(&["ai"]), None, 10)), vec![a, b, c]);
		assert_eq!(ids(&Reg::find_services(filter(&["ai", "gpu"]), None, 10)), vec![a, c]);
		assert_eq!(ids(&Reg::find_services(filter(&["gpu", "eu"]), None, 10)), vec![c]);
		assert!(ids(&Reg::find_services(filter(&["nope"]), None, 10)).is_empty());
		assert!(ids(&Reg::find_services(filter(&["ai", "nope"]), None, 10)).is_empty());
		assert_eq!(TagServiceCount::<Test>::get(BoundedVec::try_from(b"ai".to_vec()).unwrap()), 3);
		// No tags: everything listed.
		assert_eq!(Reg::find_services(filter(&[]), None, 10).services.len(), 4);
	});
}

#[test]
fn filter_combinations() {
	run_test(|| {
		let cheap = register(ALICE, "cheap", &["ai"]);
		let mut i = input("pricey", &["ai"]);
		i.price_per_unit = 1_000;
		i.protocol = b"grpc".to_vec();
		assert_ok!(Registry::register_service(RuntimeOrigin::signed(BOB), i));
		let pricey = cheap + 1;
		MockPayments::pay(CHARLIE, pricey, MIN_PAID_TO_RATE);
		assert_ok!(Registry::rate_service(RuntimeOrigin::signed(CHARLIE), pricey, 5));

		let f = |m: &dyn Fn(&mut ServiceFilter<Balance>)| {
			let mut f = filter(&["ai"]);
			m(&mut f);
			ids(&Reg::find_services(f, None, 10))
		};
		assert_eq!(f(&|f| f.max_price_per_unit = Some(10)), vec![cheap]);
		assert_eq!(f(&|f| f.max_price_per_unit = Some(9)), Vec::<u64>::new());
		assert_eq!(f(&|f| f.protocol = Some(b"grpc".to_vec())), vec![pricey]);
		assert_eq!(f(&|f| f.protocol = Some(b"https".to_vec())), vec![cheap]);
		assert_eq!(f(&|f| f.min_average_rating_centi = Some(400)), vec![pricey]);
		assert_eq!(f(&|f| f.min_average_rating_centi = Some(501)), Vec::<u64>::new());
		assert_eq!(
			f(&|f| {
				f.protocol = Some(b"grpc".to_vec());
				f.max_price_per_unit = Some(10);
			}),
			Vec::<u64>::new()
		);
		// Tags that cannot exist match nothing rather than erroring.
		assert!(
			ids(&Reg::find_services(filter(&["a-tag-longer-than-sixteen"]), None, 10)).is_empty()
		);
		assert!(ids(&Reg::find_services(filter(&["a", "b", "c", "d", "e"]), None, 10)).is_empty());
	});
}

#[test]
fn pagination_across_pages_by_tag_and_without_tags() {
	run_test(|| {
		let mut expected = vec![];
		for n in 0..25u32 {
			let who = [ALICE, BOB, CHARLIE][n as usize % 3];
			let tags: &[&str] = if n % 2 == 0 { &["even", "all"] } else { &["all"] };
			let id = register(who, &format!("s{n}"), tags);
			if n % 2 == 0 {
				expected.push(id);
			}
		}
		for f in [filter(&["even"]), filter(&["all", "even"])] {
			let mut got = vec![];
			let mut cursor = None;
			let mut pages = 0;
			loop {
				let page = Reg::find_services(f.clone(), cursor, 4);
				assert!(page.services.len() <= 4);
				got.extend(ids(&page));
				pages += 1;
				match page.next_cursor {
					Some(c) => cursor = Some(c),
					None => break,
				}
			}
			assert_eq!(got, expected, "ascending, complete, no duplicates");
			assert!(pages >= 4);
		}
		// Without tags every id is visited once.
		let mut all = vec![];
		let mut cursor = None;
		loop {
			let page = Reg::find_services(filter(&[]), cursor, 7);
			all.extend(ids(&page));
			match page.next_cursor {
				Some(c) => cursor = Some(c),
				None => break,
			}
		}
		assert_eq!(all, (0..25).collect::<Vec<_>>());
		// The limit is capped at MaxPageSize (10); zero returns nothing.
		assert_eq!(Reg::find_services(filter(&["all"]), None, 1_000).services.len(), 10);
		assert!(Reg::find_services(filter(&["all"]), None, 0).services.is_empty());
	});
}

#[test]
fn a_scan_stops_at_max_scan_with_a_cursor() {
	run_test(|| {
		// 45 services whose price filters them all out except the last one.
		for n in 0..45u32 {
			let mut i = input(&format!("s{n}"), &["t"]);
			i.price_per_unit = if n == 44 { 1 } else { 100 };
			assert_ok!(Registry::register_service(
				RuntimeOrigin::signed(ALICE + (n as u64 % 3)),
				i
			));
		}
		let f = ServiceFilter { max_price_per_unit: Some(1), ..filter(&["t"]) };
		let first = Reg::find_services(f.clone(), None, 10);
		assert!(first.services.is_empty());
		assert_eq!(first.next_cursor, Some(39), "examined MaxScan = 40 candidates");
		let second = Reg::find_services(f, first.next_cursor, 10);
		assert_eq!(ids(&second), vec![44]);
		assert_eq!(second.next_cursor, None);
	});
}

#[test]
fn services_by_provider_pages_and_includes_every_status() {
	run_test(|| {
		let mine: Vec<_> = (0..12).map(|n| register(BOB, &format!("b{n}"), &[])).collect();
		register(ALICE, "a", &[]);
		assert_ok!(Registry::pause_service(RuntimeOrigin::signed(BOB), mine[1]));
		assert_ok!(Registry::deregister_service(RuntimeOrigin::signed(BOB), mine[2]));
		let first = Reg::services_by_provider(&BOB, None, 5);
		assert_eq!(ids(&first), mine[..5].to_vec());
		let second = Reg::services_by_provider(&BOB, first.next_cursor, 5);
		assert_eq!(ids(&second), mine[5..10].to_vec());
		let third = Reg::services_by_provider(&BOB, second.next_cursor, 5);
		assert_eq!(ids(&third), mine[10..].to_vec());
		assert_eq!(third.next_cursor, None);
		assert!(Reg::services_by_provider(&POOR, None, 5).services.is_empty());
	});
}

#[test]
fn service_view_reports_staleness_and_rating() {
	run_test(|| {
		let id = register(ALICE, "x", &[]);
		assert!(Reg::service(99).is_none());
		let s = Reg::service(id).unwrap();
		assert!(!s.stale);
		assert_eq!(s.average_rating_centi, None);
		goto(100);
		assert!(Reg::service(id).unwrap().stale);
	});
}
