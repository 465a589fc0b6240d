//! The pallet's parameters, set by Root or the protocol DAO.

use super::*;

#[test]
fn set_parameters_by_root_or_the_protocol_dao() {
	run_test(|| {
		let params = DaoParams { creation_deposit: 5 };
		assert_noop!(Dao::set_parameters(signed(1), params.clone()), DispatchError::BadOrigin);
		assert_noop!(Dao::set_parameters(dao_origin(1), params.clone()), DispatchError::BadOrigin);
		assert_ok!(Dao::set_parameters(RuntimeOrigin::root(), params.clone()));
		assert_ok!(Dao::set_parameters(dao_origin(0), DaoParams { creation_deposit: 7 }));
		assert_eq!(Pallet::params().creation_deposit, 7);
	});
}
