//! Benchmarks of the DAO pallet (FRAME benchmarking v2). Worst cases: the most members, the
//! longest call, token votes with the most locks per account, membership changes that re-tally
//! the most live proposals, deposits slashed rather than returned.

use super::*;
use crate::{origin::DaoOrigin, Pallet as Daos_};
use alloc::{boxed::Box, vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	dispatch::GetDispatchInfo,
	traits::{
		fungible::{Inspect, Mutate},
		EnsureOrigin, Get,
	},
};
use frame_system::RawOrigin;
use sp_runtime::{traits::Bounded, Perbill, Saturating};

type SystemOrigin<T> = <T as frame_system::Config>::RuntimeOrigin;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let _ = T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 1_000u32.into());
	who
}

fn rules<T: Config>(mode: VotingMode<BalanceOf<T>>) -> DaoRulesOf<T> {
	DaoRules {
		voting_mode: mode,
		voting_period: 10u32.into(),
		quorum: Perbill::from_percent(1),
		approval_threshold: Perbill::from_percent(50),
		enactment_delay: 1u32.into(),
		execution_period: 100u32.into(),
		proposal_deposit: T::Currency::minimum_balance().saturating_mul(10u32.into()),
		max_members: T::MaxMembers::get(),
	}
}

fn token_mode<T: Config>() -> VotingMode<BalanceOf<T>> {
	VotingMode::TokenWeighted { min_proposer_balance: T::Currency::minimum_balance() }
}

/// A DAO with `m` funded members of one share each; returns its id and the members.
fn dao_with<T: Config>(m: u32, mode: VotingMode<BalanceOf<T>>) -> (DaoId, Vec<T::AccountId>) {
	let members: Vec<T::AccountId> = (0..m).map(|i| funded::<T>("member", i)).collect();
	let id = Daos_::<T>::do_create(
		None,
		vec![b'd'; T::MaxNameLen::get() as usize],
		members.iter().cloned().map(|a| (a, 1)).collect(),
		rules::<T>(mode),
	);
	assert!(id.is_ok(), "benchmark DAO is created");
	(id.unwrap_or_default(), members)
}

/// A remark call whose encoding is about `len` bytes.
fn remark<T: Config>(len: u32) -> <T as Config>::RuntimeCall
where
	<T as Config>::RuntimeCall: From<frame_system::Call<T>>,
{
	frame_system::Call::<T>::remark { remark: vec![1u8; len.saturating_sub(8) as usize] }.into()
}

fn dao_origin<T: Config>(dao_id: DaoId) -> SystemOrigin<T>
where
	SystemOrigin<T>: From<DaoOrigin>,
{
	DaoOrigin::Dao(dao_id).into()
}

fn fund_treasury<T: Config>(dao_id: DaoId) {
	let _ = T::Currency::set_balance(
		&Daos_::<T>::treasury_account(dao_id),
		BalanceOf::<T>::max_value() / 1_000u32.into(),
	);
}

/// `n` live remark proposals in `dao_id`, by distinct proposers (each may have only
/// `MaxProposalsPerProposer`) from `proposers`, which must hold at least `n` accounts.
fn proposals<T: Config>(dao_id: DaoId, proposers: &[T::AccountId], n: u32) -> Vec<ProposalId>
where
	<T as Config>::RuntimeCall: From<frame_system::Call<T>>,
{
	(0..n as usize)
		.map(|i| proposal::<T>(dao_id, &proposers[i % proposers.len()], remark::<T>(16)))
		.collect()
}

/// `n` funded accounts.
fn accounts<T: Config>(name: &'static str, n: u32) -> Vec<T::AccountId> {
	(0..n).map(|i| funded::<T>(name, i)).collect()
}

/// A token vote lock on each of `MaxVotesPerAccount` live proposals of a token DAO, by `voter`
/// with `amount` (plus its index, so every lock differs). Returns the DAO and the proposals.
fn locked_votes<T: Config>(voter: &T::AccountId, amount: BalanceOf<T>) -> (DaoId, Vec<ProposalId>)
where
	<T as Config>::RuntimeCall: From<frame_system::Call<T>>,
{
	let (dao_id, _) = dao_with::<T>(1, token_mode::<T>());
	let n = T::MaxVotesPerAccount::get();
	let ids = proposals::<T>(dao_id, &accounts::<T>("proposer", n), n);
	for (i, id) in ids.iter().enumerate() {
		let more = amount.saturating_add((i as u32).into());
		assert!(Daos_::<T>::do_vote(voter.clone(), dao_id, *id, true, Some(more)).is_ok());
	}
	(dao_id, ids)
}

/// A proposal of `call` by `proposer` in `dao_id`.
fn proposal<T: Config>(
	dao_id: DaoId,
	proposer: &T::AccountId,
	call: <T as Config>::RuntimeCall,
) -> ProposalId {
	let id = Daos_::<T>::do_propose(proposer.clone(), dao_id, call, vec![b'm'; 32]);
	assert!(id.is_ok(), "benchmark proposal is made");
	id.unwrap_or_default()
}

#[benchmarks(where
	<T as Config>::RuntimeCall: From<frame_system::Call<T>>,
	SystemOrigin<T>: From<DaoOrigin>,
)]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_dao(m: Linear<0, { T::MaxMembers::get() }>) {
		let creator = funded::<T>("creator", 0);
		let members: Vec<(T::AccountId, Shares)> =
			(0..m).map(|i| (account("member", i, 0), 1)).collect();
		let name = vec![b'n'; T::MaxNameLen::get() as usize];
		let id = NextDaoId::<T>::get();
		#[extrinsic_call]
		_(RawOrigin::Signed(creator), name, members, rules::<T>(VotingMode::Shares));
		assert_eq!(Daos::<T>::get(id).map(|d| d.member_count), Some(m));
	}

	#[benchmark]
	fn propose(l: Linear<16, { T::MaxCallLen::get() }>) {
		let (dao_id, members) = dao_with::<T>(1, VotingMode::Shares);
		let call = remark::<T>(l);
		let proposer = members[0].clone();
		#[extrinsic_call]
		_(
			RawOrigin::Signed(proposer),
			dao_id,
			Box::new(call),
			vec![b'm'; T::MaxMetadataLen::get() as usize],
		);
		assert!(Proposals::<T>::contains_key(dao_id, 0));
	}

	/// A token vote changed by an account with the most locks.
	#[benchmark]
	fn vote() {
		let voter = funded::<T>("voter", 0);
		let amount = T::Currency::minimum_balance().saturating_mul(1_000u32.into());
		let (dao_id, ids) = locked_votes::<T>(&voter, amount);
		let last = ids.last().copied().unwrap_or_default();
		let more = amount.saturating_mul(2u32.into());
		#[extrinsic_call]
		_(RawOrigin::Signed(voter.clone()), dao_id, last, false, Some(more));
		assert_eq!(Votes::<T>::get((dao_id, last, voter)).map(|v| v.aye), Some(false));
	}

	/// A share vote of `m` members rejected: the votes are cleared and the deposit slashed to
	/// the treasury (`rebalance` is charged on top).
	#[benchmark]
	fn close_proposal(m: Linear<1, { T::MaxMembers::get() }>) {
		let (dao_id, members) = dao_with::<T>(m, VotingMode::Shares);
		let id = proposal::<T>(dao_id, &members[0], remark::<T>(16));
		for who in &members {
			assert!(Daos_::<T>::do_vote(who.clone(), dao_id, id, false, None).is_ok());
		}
		let closer = funded::<T>("closer", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(closer), dao_id, id);
		assert!(!Proposals::<T>::contains_key(dao_id, id));
	}

	/// Removing an approved proposal whose execution period has ended.
	#[benchmark]
	fn close_expired() {
		let (dao_id, members) = dao_with::<T>(1, VotingMode::Shares);
		let id = proposal::<T>(dao_id, &members[0], remark::<T>(T::MaxCallLen::get()));
		assert!(Daos_::<T>::do_vote(members[0].clone(), dao_id, id, true, None).is_ok());
		assert!(Daos_::<T>::do_close(dao_id, id).is_ok());
		let later = frame_system::Pallet::<T>::block_number().saturating_add(1_000u32.into());
		frame_system::Pallet::<T>::set_block_number(later);
		let closer = funded::<T>("closer", 0);
		#[extrinsic_call]
		close_proposal(RawOrigin::Signed(closer), dao_id, id);
		assert!(!Proposals::<T>::contains_key(dao_id, id));
	}

	/// Executing an approved proposal whose stored call is `l` bytes.
	#[benchmark]
	fn execute_proposal(l: Linear<16, { T::MaxCallLen::get() }>) {
		let (dao_id, members) = dao_with::<T>(1, VotingMode::Shares);
		let call = remark::<T>(l);
		let bound = call.get_dispatch_info().call_weight;
		let id = proposal::<T>(dao_id, &members[0], call);
		assert!(Daos_::<T>::do_vote(members[0].clone(), dao_id, id, true, None).is_ok());
		assert!(Daos_::<T>::do_close(dao_id, id).is_ok());
		let later = frame_system::Pallet::<T>::block_number().saturating_add(10u32.into());
		frame_system::Pallet::<T>::set_block_number(later);
		let executor = funded::<T>("executor", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(executor), dao_id, id, bound);
		assert!(!Proposals::<T>::contains_key(dao_id, id));
	}

	/// The DAO cancels a proposal as spam after `m` members voted.
	#[benchmark]
	fn cancel_proposal(m: Linear<1, { T::MaxMembers::get() }>) {
		let (dao_id, members) = dao_with::<T>(m, VotingMode::Shares);
		let id = proposal::<T>(dao_id, &members[0], remark::<T>(16));
		for who in &members {
			assert!(Daos_::<T>::do_vote(who.clone(), dao_id, id, false, None).is_ok());
		}
		#[extrinsic_call]
		_(dao_origin::<T>(dao_id) as SystemOrigin<T>, dao_id, id);
		assert!(!Proposals::<T>::contains_key(dao_id, id));
	}

	/// Unlocking, for someone else, one of the most locks an account can have.
	#[benchmark]
	fn unlock() {
		let voter = funded::<T>("voter", 0);
		let amount = T::Currency::minimum_balance().saturating_mul(1_000u32.into());
		let (dao_id, ids) = locked_votes::<T>(&voter, amount);
		let first = ids.first().copied().unwrap_or_default();
		let after = frame_system::Pallet::<T>::block_number().saturating_add(11u32.into());
		frame_system::Pallet::<T>::set_block_number(after);
		let caller = funded::<T>("caller", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), dao_id, first, voter.clone());
		assert_eq!(
			VoteLocks::<T>::get(&voter).len() as u32,
			T::MaxVotesPerAccount::get().saturating_sub(1)
		);
	}

	#[benchmark]
	fn add_member() {
		let (dao_id, _) = dao_with::<T>(T::MaxMembers::get().saturating_sub(1), VotingMode::Shares);
		let who: T::AccountId = account("new", 0, 0);
		#[extrinsic_call]
		_(dao_origin::<T>(dao_id) as SystemOrigin<T>, who.clone(), 5);
		assert_eq!(Members::<T>::get(dao_id, who), Some(5));
	}

	/// Removing a member who voted on all `p` live proposals: each vote is removed.
	#[benchmark]
	fn remove_member(p: Linear<0, { T::MaxLiveProposals::get() }>) {
		let (dao_id, members) = dao_with::<T>(T::MaxMembers::get(), VotingMode::Shares);
		let ids = proposals::<T>(dao_id, &members, p);
		for id in &ids {
			assert!(Daos_::<T>::do_vote(members[0].clone(), dao_id, *id, true, None).is_ok());
		}
		#[extrinsic_call]
		_(dao_origin::<T>(dao_id) as SystemOrigin<T>, members[0].clone());
		assert!(!Members::<T>::contains_key(dao_id, &members[0]));
		for id in ids {
			assert!(!Votes::<T>::contains_key((dao_id, id, members[0].clone())));
		}
	}

	/// Changing the shares of a member who voted on all `p` live proposals: each is re-weighed.
	#[benchmark]
	fn set_shares(p: Linear<0, { T::MaxLiveProposals::get() }>) {
		let (dao_id, members) = dao_with::<T>(T::MaxMembers::get(), VotingMode::Shares);
		let ids = proposals::<T>(dao_id, &members, p);
		for id in &ids {
			assert!(Daos_::<T>::do_vote(members[0].clone(), dao_id, *id, true, None).is_ok());
		}
		#[extrinsic_call]
		_(dao_origin::<T>(dao_id) as SystemOrigin<T>, members[0].clone(), 7);
		assert_eq!(Members::<T>::get(dao_id, &members[0]), Some(7));
		for id in ids {
			assert_eq!(
				Votes::<T>::get((dao_id, id, members[0].clone())).map(|v| v.weight),
				Some(7)
			);
		}
	}

	/// Capping the votes of an account whose balance fell below all its `MaxVotesPerAccount`
	/// locks, each on a proposal still voting (`VoteBacking::rebalance` after a slash).
	#[benchmark]
	fn rebalance() {
		let voter = funded::<T>("voter", 0);
		let amount = T::Currency::minimum_balance().saturating_mul(1_000u32.into());
		let (dao_id, ids) = locked_votes::<T>(&voter, amount);
		let _ = T::Currency::set_balance(&voter, amount / 2u32.into());
		#[block]
		{
			Daos_::<T>::do_rebalance(&voter);
		}
		let cap = T::Currency::total_balance(&voter);
		for id in ids {
			assert_eq!(Votes::<T>::get((dao_id, id, voter.clone())).map(|v| v.frozen), Some(cap));
		}
	}

	#[benchmark]
	fn update_rules() {
		let (dao_id, _) = dao_with::<T>(1, VotingMode::Shares);
		let new = rules::<T>(token_mode::<T>());
		#[extrinsic_call]
		_(dao_origin::<T>(dao_id) as SystemOrigin<T>, new.clone());
		assert_eq!(Daos::<T>::get(dao_id).map(|d| d.rules), Some(new));
	}

	#[benchmark]
	fn spend() {
		let (dao_id, _) = dao_with::<T>(1, VotingMode::Shares);
		fund_treasury::<T>(dao_id);
		let beneficiary: T::AccountId = account("beneficiary", 0, 0);
		let amount = T::Currency::minimum_balance().saturating_mul(100u32.into());
		#[extrinsic_call]
		_(dao_origin::<T>(dao_id) as SystemOrigin<T>, beneficiary.clone(), amount);
		assert_eq!(T::Currency::balance(&beneficiary), amount);
	}

	/// Paying `m` members, each a new account.
	#[benchmark]
	fn distribute(m: Linear<1, { T::MaxMembers::get() }>) {
		let members: Vec<(T::AccountId, Shares)> =
			(0..m).map(|i| (account("payee", i, 0), 1)).collect();
		let created = Daos_::<T>::do_create(
			None,
			b"d".to_vec(),
			members.clone(),
			rules::<T>(VotingMode::Shares),
		);
		let dao_id = created.unwrap_or_default();
		fund_treasury::<T>(dao_id);
		let each = T::Currency::minimum_balance().saturating_mul(100u32.into());
		let amount = each.saturating_mul(m.into());
		#[extrinsic_call]
		_(dao_origin::<T>(dao_id) as SystemOrigin<T>, amount);
		assert_eq!(T::Currency::balance(&members[0].0), each);
	}

	/// The framework cost of acting as the treasury (the call's own weight is added).
	#[benchmark]
	fn dispatch_as_treasury() {
		let (dao_id, _) = dao_with::<T>(1, VotingMode::Shares);
		#[extrinsic_call]
		_(dao_origin::<T>(dao_id) as SystemOrigin<T>, Box::new(remark::<T>(16)));
	}

	/// The framework cost of acting as Root (the call's own weight is added).
	#[benchmark]
	fn dispatch_as_root() -> Result<(), BenchmarkError> {
		let origin = T::RootDispatchOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		let dao_id =
			Daos_::<T>::dao_origin(origin.clone()).map_err(|_| BenchmarkError::Weightless)?;
		while NextDaoId::<T>::get() <= dao_id {
			dao_with::<T>(1, VotingMode::Shares);
		}
		#[extrinsic_call]
		_(origin as SystemOrigin<T>, Box::new(remark::<T>(16)));
		Ok(())
	}

	#[benchmark]
	fn set_parameters() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let params = DaoParams { creation_deposit: T::Currency::minimum_balance() };
		#[extrinsic_call]
		_(origin as SystemOrigin<T>, params.clone());
		assert_eq!(Parameters::<T>::get(), Some(params));
		Ok(())
	}

	impl_benchmark_test_suite!(Daos_, crate::mock::new_test_ext(), crate::mock::Test);
}
