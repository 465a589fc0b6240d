//! Treasuries: spends, pro-rata distribution, dispatching as the treasury and as Root.

use super::*;

#[test]
fn spend_and_distribute_pro_rata() {
	run_test(|| {
		assert_noop!(Dao::spend(dao_origin(0), 8, 1), Error::<Test>::InsufficientTreasury);
		assert_noop!(Dao::spend(dao_origin(0), 8, 0), Error::<Test>::ZeroAmount);
		assert_noop!(Dao::spend(signed(1), 8, 1), DispatchError::BadOrigin);
		fund_treasury(0, 1_000);
		assert_ok!(Dao::set_shares(dao_origin(0), 1, 20)); // shares 20, 10, 10
		let before: Vec<_> = (1..=3).map(|a| Balances::balance(&a)).collect();
		assert_ok!(Dao::distribute(dao_origin(0), 999));
		assert_eq!(last_event(), Event::Distributed { dao_id: 0, paid: 997, members: 3 }.into());
		let after: Vec<_> = (1..=3).map(|a| Balances::balance(&a)).collect();
		assert_eq!(
			(after[0] - before[0], after[1] - before[1], after[2] - before[2]),
			(499, 249, 249)
		);
		// 999 × 20/40 = 499.5 → 499 and 249.75 → 249: the rounding rest stays.
		assert_eq!(Balances::balance(&Pallet::treasury_account(0)), 1 + 1_000 - 997);
		assert_noop!(Dao::distribute(dao_origin(0), 1_000), Error::<Test>::InsufficientTreasury);
		assert_ok!(Dao::spend(dao_origin(0), 8, 2));
		for who in 1..=3 {
			assert_ok!(Dao::remove_member(dao_origin(0), who));
		}
		assert_noop!(Dao::distribute(dao_origin(0), 1), Error::<Test>::NoShares);
	});
}

#[test]
fn dispatch_as_treasury_and_as_root() {
	run_test(|| {
		fund_treasury(0, 1_000);
		let transfer =
			Box::new(RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
				dest: 8,
				value: 400,
			}));
		let before = Balances::balance(&8);
		assert_ok!(Dao::dispatch_as_treasury(dao_origin(0), transfer.clone()));
		assert_eq!(Balances::balance(&8), before + 400);
		assert_noop!(Dao::dispatch_as_treasury(signed(1), transfer), DispatchError::BadOrigin);

		let root_only = Box::new(RuntimeCall::System(frame_system::Call::set_storage {
			items: vec![(b"key".to_vec(), b"value".to_vec())],
		}));
		// As the treasury account it fails (not Root), reported in the event.
		assert_ok!(Dao::dispatch_as_treasury(dao_origin(0), root_only.clone()));
		assert_eq!(
			last_event(),
			Event::Dispatched { dao_id: 0, as_root: false, result: Err(DispatchError::BadOrigin) }
				.into()
		);
		assert_ok!(Dao::dispatch_as_root(dao_origin(0), root_only.clone()));
		assert_eq!(sp_io::storage::get(b"key").map(|v| v.to_vec()), Some(b"value".to_vec()));
		// Only the protocol DAO may act as Root.
		assert_ok!(Dao::create_dao(signed(4), b"other".to_vec(), vec![(4, 1)], shares_rules()));
		assert_noop!(
			Dao::dispatch_as_root(dao_origin(1), root_only.clone()),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Dao::dispatch_as_root(RuntimeOrigin::root(), root_only),
			DispatchError::BadOrigin
		);
	});
}
