//! The v0 → v1 storage migration ([`crate::migrations`]): state written by v1 calls is turned
//! back into its v0 layout, with what v0 allowed and v1 does not (votes of a removed member,
//! stale share weights, a vote lock larger than its voter's balance), and migrated again.

use super::*;
use crate::migrations::{v0, MigrateV0ToV1};
use codec::Encode;
use frame_support::{
	traits::{fungible::MutateFreeze, GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	BoundedVec,
};

fn remark() -> Box<RuntimeCall> {
	Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![] }))
}

/// Rewrites DAOs and proposals in their v0 layout, drops what v0 did not store, and sets the
/// storage version to 0.
fn downgrade_to_v0() {
	let daos: Vec<_> = Daos::<Test>::iter().collect();
	for (id, d) in daos {
		let c = d.config;
		v0::Daos::<Test>::insert(
			id,
			v0::DaoInfo {
				name: d.name,
				creator: d.creator,
				deposit: d.deposit,
				config: v0::DaoConfig {
					voting_mode: c.voting_mode,
					voting_period: c.voting_period,
					quorum: c.quorum,
					approval_threshold: c.approval_threshold,
					enactment_delay: c.enactment_delay,
					proposal_deposit: c.proposal_deposit,
					max_members: c.max_members,
				},
				member_count: d.member_count,
				total_shares: d.total_shares,
				next_proposal_id: d.next_proposal_id,
				live_proposals: d.live_proposals,
			},
		);
	}
	let proposals: Vec<_> = Proposals::<Test>::iter().collect();
	for (dao_id, id, p) in proposals {
		let status = match p.status {
			ProposalStatus::Voting => v0::ProposalStatus::Voting,
			ProposalStatus::Approved { executable_at, .. } => {
				v0::ProposalStatus::Approved { executable_at }
			},
		};
		v0::Proposals::<Test>::insert(
			dao_id,
			id,
			v0::Proposal {
				proposer: p.proposer,
				call: p.call,
				call_weight: p.call_weight,
				metadata: p.metadata,
				deposit: p.deposit,
				voting_ends: p.voting_ends,
				tally: p.tally,
				status,
			},
		);
	}
	let _ = LiveProposalsOf::<Test>::clear(u32::MAX, None);
	StorageVersion::new(0).put::<Dao>();
}

#[test]
fn v0_state_migrates_to_v1_and_keeps_working() {
	run_test(|| {
		// DAO 0 (shares: members 1, 2, 3 with 10 each): one proposal voting, one approved.
		let voting = propose(0, 1, remark());
		assert_ok!(Dao::vote(signed(1), 0, voting, true, None));
		assert_ok!(Dao::vote(signed(2), 0, voting, false, None));
		assert_ok!(Dao::vote(signed(3), 0, voting, true, None));
		let approved = propose(0, 2, remark());
		assert_ok!(Dao::vote(signed(1), 0, approved, true, None));
		assert_ok!(Dao::vote(signed(2), 0, approved, true, None));
		assert_ok!(Dao::close_proposal(signed(7), 0, approved));
		let executable_at = System::block_number() + DELAY;
		// DAO 1 (tokens): account 6 votes with 500,000.
		assert_ok!(Dao::create_dao(signed(4), b"token".to_vec(), vec![(4, 1)], token_config()));
		let token = propose(1, 5, remark());
		assert_ok!(Dao::vote(signed(6), 1, token, true, Some(500_000)));

		downgrade_to_v0();
		// What v0 allowed: member 3 removed and member 2 re-weighed without touching their
		// votes; a vote lock above its voter's balance (SCV that left through a v0 slash).
		Members::<Test>::remove(0, 3);
		Members::<Test>::insert(0, 2, 5);
		v0::Daos::<Test>::mutate(0, |d| {
			let d = d.as_mut().expect("dao 0");
			d.member_count = 2;
			d.total_shares = 15;
		});
		let inflated = Balances::total_balance(&6) + 250_000;
		VoteLocks::<Test>::insert(6, BoundedVec::truncate_from(vec![(1, token, inflated)]));
		assert_ok!(Balances::set_freeze(&FreezeReason::Vote.into(), &6, inflated));
		Votes::<Test>::insert(
			(1, token, 6),
			VoteRecord { aye: true, weight: inflated, frozen: inflated },
		);
		v0::Proposals::<Test>::mutate(1, token, |p| {
			p.as_mut().expect("token proposal").tally.ayes = inflated;
		});
		System::set_block_number(executable_at + 3);
		let now = System::block_number();

		// With try-runtime, also its pre_upgrade and post_upgrade checks.
		#[cfg(feature = "try-runtime")]
		assert_ok!(MigrateV0ToV1::<Test>::try_on_runtime_upgrade(true));
		#[cfg(not(feature = "try-runtime"))]
		MigrateV0ToV1::<Test>::on_runtime_upgrade();

		assert_eq!(Dao::on_chain_storage_version(), StorageVersion::new(1));
		for (_, dao) in Daos::<Test>::iter() {
			assert_eq!(dao.config.execution_period, dao.config.voting_period);
		}
		// The share vote: 3's vote is gone, 2's weighs its 5 shares now.
		let p = Proposals::<Test>::get(0, voting).expect("voting");
		assert_eq!(p.weighting, Weighting::Shares);
		assert_eq!(p.tally, Tally { ayes: 10, nays: 5, voters: 2 });
		assert!(Votes::<Test>::get((0, voting, 3)).is_none());
		// The approval runs for a whole execution period from the upgrade.
		assert_eq!(
			Proposals::<Test>::get(0, approved).expect("approved").status,
			ProposalStatus::Approved { executable_at, expires_at: now + PERIOD }
		);
		// The token vote counts only what its voter holds.
		let total = Balances::total_balance(&6);
		assert_eq!(VoteLocks::<Test>::get(6).into_inner(), vec![(1, token, total)]);
		assert_eq!(frozen(6), total);
		let p = Proposals::<Test>::get(1, token).expect("token");
		assert_eq!((p.weighting, p.tally.ayes), (Weighting::Tokens, total));
		assert_eq!(
			(
				LiveProposalsOf::<Test>::get(0, 1),
				LiveProposalsOf::<Test>::get(0, 2),
				LiveProposalsOf::<Test>::get(1, 5)
			),
			(1, 1, 1)
		);

		// A second run does nothing.
		let state = || {
			(
				Daos::<Test>::iter().collect::<Vec<_>>(),
				Proposals::<Test>::iter().collect::<Vec<_>>(),
			)
				.encode()
		};
		let before = state();
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(before, state());

		// v1 calls work on the migrated state: the approved proposal executes.
		let bound = Proposals::<Test>::get(0, approved).expect("approved").call_weight;
		assert_ok!(Dao::execute_proposal(signed(7), 0, approved, bound));
		assert!(Proposals::<Test>::get(0, approved).is_none());
		assert_eq!(LiveProposalsOf::<Test>::get(0, 2), 0);
	});
}

/// `pre_upgrade` exists only with try-runtime.
#[cfg(feature = "try-runtime")]
#[test]
fn a_v0_chain_with_too_many_proposals_of_one_proposer_is_refused_before_the_upgrade() {
	run_test(|| {
		use frame_support::traits::UncheckedOnRuntimeUpgrade;
		let a = propose(0, 1, remark());
		let b = propose(0, 1, remark());
		downgrade_to_v0();
		// A third live proposal of account 1, which v0 allowed (v1 allows 2).
		let third = v0::Proposals::<Test>::get(0, a).expect("a");
		v0::Proposals::<Test>::insert(0, b + 1, third);
		assert!(crate::migrations::InnerMigrateV0ToV1::<Test>::pre_upgrade().is_err());
		// Leave a consistent state for the closing checks.
		v0::Proposals::<Test>::remove(0, b + 1);
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
	});
}
