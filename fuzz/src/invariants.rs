//! What must hold after every block, whatever the calls before it did.
//!
//! 1. Every pallet's `try_state` (`AllPalletsWithSystem::try_state` with the `try-runtime`
//!    feature; ServiceChain's three pallets' `do_try_state` always). Those of ServiceChain state
//!    that held deposits equal the pallets' records, that the channel escrow holds every
//!    channel's deposit, that every vote lock is frozen and backed by the voter's balance.
//! 2. No planck is minted or lost: the sum of all accounts' balances equals the total issuance,
//!    and the issuance changed only by the dust of reaped accounts (`Balances::DustLost`).
//!    Fees are not burned (they go to the treasury and the author).
//! 3. Every account's holds add up to its reserved balance; no account's vote freeze exceeds
//!    its balance, and no vote lock exceeds its vote freeze.
//! 4. No account exists below the existential deposit (it is reaped or above it).

use frame_support::traits::fungible::{Inspect, InspectFreeze};
use servicechain_runtime::{
	Balance, Balances, BlockNumber, Runtime, RuntimeEvent, RuntimeFreezeReason, EXISTENTIAL_DEPOSIT,
};

/// Checks every invariant after block `n`. `issuance` is the total issuance after the previous
/// block; it is updated.
pub fn check(n: BlockNumber, issuance: &mut Balance) -> Result<(), String> {
	try_state(n)?;

	// 2. Conservation.
	let dust: Balance = frame_system::Pallet::<Runtime>::read_events_no_consensus()
		.filter_map(|record| match record.event {
			RuntimeEvent::Balances(pallet_balances::Event::DustLost { amount, .. }) => Some(amount),
			_ => None,
		})
		.sum();
	let now = pallet_balances::TotalIssuance::<Runtime>::get();
	if now.checked_add(dust) != Some(*issuance) {
		return Err(format!(
			"total issuance went from {} to {now} but only {dust} of dust was lost",
			*issuance
		));
	}
	*issuance = now;
	let mut sum: Balance = 0;
	for (who, account) in frame_system::Account::<Runtime>::iter() {
		let data = account.data;
		let total = data.free.checked_add(data.reserved).ok_or("balance overflows")?;
		sum = sum.checked_add(total).ok_or("issuance overflows")?;
		// 4. Existential deposit.
		if total > 0 && total < EXISTENTIAL_DEPOSIT {
			return Err(format!("{who} holds {total}, below the existential deposit"));
		}
		// 3. Holds and freezes.
		let held: Balance =
			pallet_balances::Holds::<Runtime>::get(&who).iter().map(|hold| hold.amount).sum();
		if held != data.reserved {
			return Err(format!("{who}: holds add up to {held}, reserved is {}", data.reserved));
		}
		let vote_freeze = Balances::balance_frozen(
			&RuntimeFreezeReason::Dao(pallet_dao::FreezeReason::Vote),
			&who,
		);
		if vote_freeze > Balances::total_balance(&who) {
			return Err(format!("{who}: vote freeze {vote_freeze} exceeds its balance {total}"));
		}
		for (dao, proposal, lock) in pallet_dao::VoteLocks::<Runtime>::get(&who) {
			if lock > vote_freeze {
				return Err(format!(
					"{who}: vote lock {lock} on {dao}/{proposal} exceeds its freeze {vote_freeze}"
				));
			}
		}
	}
	if sum != now {
		return Err(format!("accounts add up to {sum}, the total issuance is {now}"));
	}
	Ok(())
}

#[cfg(feature = "try-runtime")]
fn try_state(n: BlockNumber) -> Result<(), String> {
	use frame_support::traits::{PalletsInfoAccess, TryState, TryStateSelect};
	use servicechain_runtime::AllPalletsWithSystem;
	if <AllPalletsWithSystem as TryState<BlockNumber>>::try_state(n, TryStateSelect::All).is_ok() {
		return Ok(());
	}
	// Name the pallets that failed, with their errors.
	let failed: Vec<String> = <AllPalletsWithSystem as PalletsInfoAccess>::infos()
		.into_iter()
		.filter_map(|info| {
			let only = TryStateSelect::Only(vec![info.name.as_bytes().to_vec()]);
			<AllPalletsWithSystem as TryState<BlockNumber>>::try_state(n, only)
				.err()
				.map(|e| format!("{}: {e:?}", info.name))
		})
		.collect();
	Err(format!("try_state failed: {}", failed.join("; ")))
}

#[cfg(not(feature = "try-runtime"))]
fn try_state(_n: BlockNumber) -> Result<(), String> {
	use servicechain_runtime::{Dao, MeteredPayments, ServiceRegistry};
	ServiceRegistry::do_try_state().map_err(|e| format!("ServiceRegistry try_state: {e:?}"))?;
	MeteredPayments::do_try_state().map_err(|e| format!("MeteredPayments try_state: {e:?}"))?;
	Dao::do_try_state().map_err(|e| format!("Dao try_state: {e:?}"))
}
