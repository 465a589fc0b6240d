//! `do_try_state` and `integrity_test`.

use super::*;

#[test]
fn try_state_detects_a_corrupted_deposit() {
	new_test_ext().execute_with(|| {
		let id = register(ALICE, "x", &["a"]);
		Services::<Test>::mutate(id, |s| s.as_mut().unwrap().deposit += 1);
		assert!(Reg::do_try_state().is_err());
	});
	new_test_ext().execute_with(|| {
		let id = register(ALICE, "x", &["a"]);
		ServicesByTag::<Test>::remove(info(id).details.tags[0].clone(), Reg::id_key(id));
		assert!(Reg::do_try_state().is_err());
	});
}

#[test]
fn integrity_test_passes() {
	use frame_support::traits::Hooks;
	new_test_ext().execute_with(<Registry as Hooks<u64>>::integrity_test);
}
