//! The runtime API of the DAO pallet (polkadot.js: `api.call.daoApi.*`).

use crate::{DaoId, ProposalId, Shares};
use alloc::vec::Vec;
use codec::Codec;

sp_api::decl_runtime_apis! {
	/// DAOs, their members, proposals with tallies, and treasury accounts.
	///
	/// `Dao` is the runtime's `DaoOf<Runtime>`, `Proposal` its `ProposalOf<Runtime>`.
	pub trait DaoApi<AccountId, Dao, Proposal>
	where
		AccountId: Codec,
		Dao: Codec,
		Proposal: Codec,
	{
		/// A DAO.
		fn dao(dao_id: DaoId) -> Option<Dao>;

		/// A DAO's members and their shares (at most `MaxMembers`).
		fn members(dao_id: DaoId) -> Vec<(AccountId, Shares)>;

		/// A DAO's live proposals (voting or approved), with their tallies.
		fn proposals(dao_id: DaoId) -> Vec<(ProposalId, Proposal)>;

		/// One live proposal with its tally.
		fn proposal(dao_id: DaoId, proposal_id: ProposalId) -> Option<Proposal>;

		/// The DAO's treasury account.
		fn treasury_account(dao_id: DaoId) -> AccountId;
	}
}
