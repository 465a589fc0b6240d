//! DAOs: the protocol DAO at genesis, creation and its deposit, membership and rules changed only by the DAO.

use super::*;

#[test]
fn genesis_creates_the_protocol_dao_with_a_live_treasury() {
	run_test(|| {
		let dao = Daos::<Test>::get(0).expect("dao 0");
		assert_eq!((dao.member_count, dao.total_shares, dao.creator), (3, 30, None));
		assert_eq!(Balances::balance(&Pallet::treasury_account(0)), 1);
		assert_ne!(Pallet::treasury_account(0), Pallet::treasury_account(1));
		assert_eq!(NextDaoId::<Test>::get(), 1);
	});
}

#[test]
fn create_dao_holds_a_deposit_and_validates() {
	run_test(|| {
		let rules = shares_rules();
		assert_ok!(Dao::create_dao(
			signed(4),
			b"guild".to_vec(),
			vec![(4, 1), (5, 2)],
			rules.clone()
		));
		assert_eq!(
			last_event(),
			Event::DaoCreated {
				dao_id: 1,
				creator: Some(4),
				treasury: Pallet::treasury_account(1)
			}
			.into()
		);
		assert_eq!(held(HoldReason::DaoDeposit, 4), CREATION_DEPOSIT);
		// The creator also funds the treasury's existential deposit.
		assert_eq!(Balances::balance(&4), INITIAL - CREATION_DEPOSIT - 1);
		assert_eq!(Daos::<Test>::get(1).map(|d| d.total_shares), Some(3));

		let bad = |f: fn(&mut types::DaoRules<Balance, u64>)| {
			let mut c = shares_rules();
			f(&mut c);
			c
		};
		for rules in [
			bad(|c| c.approval_threshold = Perbill::zero()),
			bad(|c| c.voting_period = 0),
			bad(|c| c.max_members = 0),
			bad(|c| c.max_members = 11),
		] {
			assert_noop!(
				Dao::create_dao(signed(4), b"x".to_vec(), vec![(4, 1)], rules),
				Error::<Test>::InvalidRules
			);
		}
		assert_noop!(
			Dao::create_dao(signed(4), vec![b'n'; 33], vec![(4, 1)], rules.clone()),
			Error::<Test>::NameTooLong
		);
		assert_noop!(
			Dao::create_dao(
				signed(4),
				b"x".to_vec(),
				(1..=6).map(|a| (a, 1)).collect(),
				rules.clone()
			),
			Error::<Test>::TooManyMembers
		);
		assert_noop!(
			Dao::create_dao(
				signed(4),
				b"x".to_vec(),
				(1..=11).map(|a| (a, 1)).collect(),
				rules.clone()
			),
			Error::<Test>::TooManyMembers
		);
		assert_noop!(
			Dao::create_dao(signed(4), b"x".to_vec(), vec![(4, 1), (4, 2)], rules.clone()),
			Error::<Test>::DuplicateMember
		);
		assert_noop!(
			Dao::create_dao(signed(4), b"x".to_vec(), vec![(4, 0)], rules.clone()),
			Error::<Test>::ZeroShares
		);
		assert_noop!(
			Dao::create_dao(signed(4), b"x".to_vec(), vec![(4, u128::MAX), (5, 1)], rules.clone()),
			Error::<Test>::Overflow
		);
		assert_noop!(
			Dao::create_dao(signed(42), b"x".to_vec(), vec![(4, 1)], rules),
			Error::<Test>::InsufficientDeposit
		);
	});
}

#[test]
fn membership_and_rules_only_by_the_dao_itself() {
	run_test(|| {
		assert_noop!(Dao::add_member(signed(1), 4, 5), DispatchError::BadOrigin);
		assert_noop!(Dao::add_member(dao_origin(0), 4, 0), Error::<Test>::ZeroShares);
		assert_ok!(Dao::add_member(dao_origin(0), 4, 5));
		assert_noop!(Dao::add_member(dao_origin(0), 4, 5), Error::<Test>::AlreadyMember);
		assert_ok!(Dao::add_member(dao_origin(0), 5, 5));
		// max_members is 5.
		assert_noop!(Dao::add_member(dao_origin(0), 6, 5), Error::<Test>::TooManyMembers);
		assert_ok!(Dao::set_shares(dao_origin(0), 4, 20));
		assert_noop!(Dao::set_shares(dao_origin(0), 9, 20), Error::<Test>::NotMember);
		assert_ok!(Dao::remove_member(dao_origin(0), 5));
		assert_noop!(Dao::remove_member(dao_origin(0), 5), Error::<Test>::NotMember);
		assert_eq!(Daos::<Test>::get(0).map(|d| (d.member_count, d.total_shares)), Some((4, 50)));
		assert_noop!(Dao::add_member(dao_origin(5), 6, 1), Error::<Test>::UnknownDao);

		let mut rules = shares_rules();
		rules.max_members = 3;
		assert_noop!(
			Dao::update_rules(dao_origin(0), rules.clone()),
			Error::<Test>::TooManyMembers
		);
		rules.max_members = 4;
		rules.quorum = Perbill::from_percent(90);
		assert_ok!(Dao::update_rules(dao_origin(0), rules.clone()));
		assert_eq!(Daos::<Test>::get(0).map(|d| d.rules), Some(rules));
		assert_noop!(Dao::update_rules(signed(1), shares_rules()), DispatchError::BadOrigin);
	});
}

#[test]
fn a_proposal_adds_a_member() {
	run_test(|| {
		let id = propose(
			0,
			1,
			Box::new(RuntimeCall::Dao(crate::Call::add_member { who: 4, shares: 10 })),
		);
		pass_and_execute(id);
		assert_eq!(Members::<Test>::get(0, 4), Some(10));
	});
}
