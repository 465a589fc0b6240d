//! The v0 → v1 storage migration ([`crate::migrations`]): state written by v1 calls is turned
//! back into its v0 layout, with what v0 allowed and v1 does not (votes of a removed member,
//! stale share weights, a vote lock larger than its voter's balance), and migrated: every live
//! proposal is cancelled and refunded, its votes and freezes are gone, the DAOs' rules gain an
//! execution period.

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
		let c = d.rules;
		v0::Daos::<Test>::insert(
			id,
			v0::DaoInfo {
				name: d.name,
				creator: d.creator,
				deposit: d.deposit,
				rules: v0::DaoRules {
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
	set_last_spec(1);
}

/// The spec the chain ran before this upgrade (`LastRuntimeUpgrade`).
fn set_last_spec(spec: u32) {
	frame_system::LastRuntimeUpgrade::<Test>::put(frame_system::LastRuntimeUpgradeInfo {
		spec_version: spec.into(),
		spec_name: "servicechain".into(),
	});
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
		assert_ok!(Dao::create_dao(signed(4), b"token".to_vec(), vec![(4, 1)], token_rules()));
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
		// The approved proposal became executable before the upgrade.
		System::set_block_number(executable_at + 3);

		// With try-runtime, also its pre_upgrade and post_upgrade checks.
		#[cfg(feature = "try-runtime")]
		assert_ok!(MigrateV0ToV1::<Test>::try_on_runtime_upgrade(true));
		#[cfg(not(feature = "try-runtime"))]
		MigrateV0ToV1::<Test>::on_runtime_upgrade();

		assert_eq!(Dao::on_chain_storage_version(), StorageVersion::new(1));
		for (_, dao) in Daos::<Test>::iter() {
			assert_eq!(dao.rules.execution_period, dao.rules.voting_period);
			assert_eq!(dao.live_proposals, 0);
		}
		// Every proposal cancelled with nothing slashed, deposits back, votes and freezes gone.
		for (dao_id, proposal_id) in [(0, voting), (0, approved), (1, token)] {
			assert!(Proposals::<Test>::get(dao_id, proposal_id).is_none());
			assert!(has_event(Event::ProposalCancelled { dao_id, proposal_id, slashed: 0 }));
		}
		for who in [1, 2, 5] {
			assert_eq!(held(HoldReason::ProposalDeposit, who), 0);
		}
		assert_eq!(Votes::<Test>::iter().count(), 0);
		assert_eq!(VoteLocks::<Test>::iter().count(), 0);
		assert_eq!(frozen(6), 0);
		assert_eq!(LiveProposalsOf::<Test>::iter().count(), 0);
		// The members and their shares stay as they are.
		assert_eq!(Members::<Test>::get(0, 2), Some(5));

		// A second run does nothing.
		let state = || Daos::<Test>::iter().collect::<Vec<_>>().encode();
		let before = state();
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(before, state());

		// v1 calls work on the migrated state: DAO 0 proposes again and executes.
		let again = propose(0, 1, remark());
		assert_ok!(Dao::vote(signed(1), 0, again, true, None));
		assert_ok!(Dao::vote(signed(2), 0, again, false, None));
		assert_ok!(Dao::close_proposal(signed(7), 0, again));
		System::set_block_number(System::block_number() + DELAY);
		let bound = Proposals::<Test>::get(0, again).expect("approved").call_weight;
		assert_ok!(Dao::execute_proposal(signed(7), 0, again, bound));
	});
}

/// A chain whose storage is at version 0 but whose last runtime was not spec 1 already has v1
/// layouts (built after the security release, before storage versions were declared): only the
/// version is set.
#[test]
fn a_chain_with_v1_layouts_at_version_0_only_gets_its_version() {
	run_test(|| {
		let p = propose(0, 1, remark());
		StorageVersion::new(0).put::<Dao>();
		set_last_spec(2);
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
		assert_eq!(Dao::on_chain_storage_version(), StorageVersion::new(1));
		assert!(Proposals::<Test>::get(0, p).is_some());
	});
}
