//! Read-only queries behind the runtime API (`DaoApi`).

use crate::{
	Config, DaoId, DaoOf, Daos, Members, Pallet, ProposalId, ProposalOf, Proposals, Shares,
};
use alloc::vec::Vec;

impl<T: Config> Pallet<T> {
	/// A DAO, if it exists.
	pub fn dao(dao_id: DaoId) -> Option<DaoOf<T>> {
		Daos::<T>::get(dao_id)
	}

	/// A DAO's members and their shares (at most the DAO's `max_members`).
	pub fn members(dao_id: DaoId) -> Vec<(T::AccountId, Shares)> {
		Members::<T>::iter_prefix(dao_id).collect()
	}

	/// A DAO's live proposals (voting or approved) with their tallies (at most
	/// `MaxLiveProposals`), in storage order.
	pub fn live_proposals(dao_id: DaoId) -> Vec<(ProposalId, ProposalOf<T>)> {
		Proposals::<T>::iter_prefix(dao_id).collect()
	}

	/// One live proposal with its tally.
	pub fn proposal(dao_id: DaoId, proposal_id: ProposalId) -> Option<ProposalOf<T>> {
		Proposals::<T>::get(dao_id, proposal_id)
	}
}
