//! Types stored by the DAO pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::Get, BoundedVec};
use scale_info::TypeInfo;
use sp_runtime::Perbill;

/// Identifier of a DAO. DAO 0 is the protocol DAO created at genesis. Never reused.
pub type DaoId = u32;

/// Identifier of a proposal within its DAO. Never reused within the DAO.
pub type ProposalId = u32;

/// A member's voting and distribution weight.
pub type Shares = u128;

/// How a DAO's votes are weighted.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum VotingMode<Balance> {
	/// Members vote with their shares; quorum is a share of the total shares.
	Shares,
	/// Anyone votes with the SCV they freeze; quorum is a share of the total issuance. Anyone
	/// holding at least `min_proposer_balance` may propose.
	TokenWeighted {
		/// Smallest balance a non-member needs to propose.
		min_proposer_balance: Balance,
	},
}

/// A DAO's rules. Changed only by the DAO itself (`update_rules`).
#[derive(
	Clone,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct DaoRules<Balance, BlockNumber> {
	/// Share- or token-weighted voting.
	pub voting_mode: VotingMode<Balance>,
	/// Blocks a proposal is open for votes.
	pub voting_period: BlockNumber,
	/// Share of the total weight (total shares, or total issuance in token mode) that must
	/// vote for a proposal to be decided.
	pub quorum: Perbill,
	/// Share of ayes among the votes cast needed to approve (ayes ≥ threshold × votes).
	pub approval_threshold: Perbill,
	/// Blocks between approval and the earliest execution.
	pub enactment_delay: BlockNumber,
	/// Blocks an approved proposal stays executable after its enactment delay; then it
	/// expires unexecuted (anyone may remove it with `close_proposal`).
	pub execution_period: BlockNumber,
	/// Deposit held from a proposer until the proposal is decided.
	pub proposal_deposit: Balance,
	/// Most members this DAO accepts (at most the runtime's `MaxMembers`).
	pub max_members: u32,
}

/// A DAO.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
#[scale_info(skip_type_params(MaxNameLen))]
pub struct DaoInfo<AccountId, Balance, BlockNumber, MaxNameLen: Get<u32>> {
	/// A human-readable name.
	pub name: BoundedVec<u8, MaxNameLen>,
	/// Who created it and whose deposit is held (none for DAOs created at genesis).
	pub creator: Option<AccountId>,
	/// The creation deposit held from `creator`.
	pub deposit: Balance,
	/// The rules.
	pub rules: DaoRules<Balance, BlockNumber>,
	/// Number of members.
	pub member_count: u32,
	/// Sum of all members' shares.
	pub total_shares: Shares,
	/// The id the next proposal gets.
	pub next_proposal_id: ProposalId,
	/// Proposals stored now (voting or approved and awaiting execution).
	pub live_proposals: u32,
}

/// Votes cast on a proposal.
#[derive(
	Clone,
	Copy,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct Tally {
	/// Weight voting aye.
	pub ayes: u128,
	/// Weight voting nay.
	pub nays: u128,
	/// Number of voters.
	pub voters: u32,
}

impl Tally {
	/// Total weight that voted.
	pub fn turnout(&self) -> u128 {
		self.ayes.saturating_add(self.nays)
	}
}

/// Where a proposal stands.
#[derive(Clone, Copy, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
pub enum ProposalStatus<BlockNumber> {
	/// Open for votes.
	Voting,
	/// Approved; executable by anyone from `executable_at` until `expires_at`.
	Approved {
		/// First block of execution.
		executable_at: BlockNumber,
		/// Last block of execution.
		expires_at: BlockNumber,
	},
}

/// How a proposal's votes are weighted: the DAO's voting mode when the proposal was made. A
/// later change of the DAO's mode does not apply to live proposals, so one tally never mixes
/// shares and tokens.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum Weighting {
	/// Members vote with their current shares.
	Shares,
	/// Anyone votes with frozen SCV.
	Tokens,
}

impl<Balance> From<&VotingMode<Balance>> for Weighting {
	fn from(mode: &VotingMode<Balance>) -> Self {
		match mode {
			VotingMode::Shares => Weighting::Shares,
			VotingMode::TokenWeighted { .. } => Weighting::Tokens,
		}
	}
}

/// A proposal: a call the DAO would dispatch as itself.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
#[scale_info(skip_type_params(MaxCallLen, MaxMetadataLen))]
pub struct Proposal<AccountId, Balance, BlockNumber, MaxCallLen: Get<u32>, MaxMetadataLen: Get<u32>>
{
	/// Who proposed it; its deposit is held.
	pub proposer: AccountId,
	/// The SCALE-encoded call.
	pub call: BoundedVec<u8, MaxCallLen>,
	/// The call's weight when proposed, the least `execute_proposal` must allow.
	pub call_weight: frame_support::weights::Weight,
	/// Free-form description (e.g. an IPFS CID or a hash).
	pub metadata: BoundedVec<u8, MaxMetadataLen>,
	/// Deposit held from the proposer.
	pub deposit: Balance,
	/// Last block of voting.
	pub voting_ends: BlockNumber,
	/// How its votes are weighted (the DAO's mode when it was made).
	pub weighting: Weighting,
	/// Votes so far.
	pub tally: Tally,
	/// Where it stands.
	pub status: ProposalStatus<BlockNumber>,
}

/// One account's vote on a proposal.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct VoteRecord<Balance> {
	/// For or against.
	pub aye: bool,
	/// The weight counted (shares, or the frozen amount in token mode).
	pub weight: u128,
	/// The amount frozen for this vote (zero in share mode).
	pub frozen: Balance,
}

/// Parameters the protocol DAO can tune.
#[derive(
	Clone,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct DaoParams<Balance> {
	/// Deposit held from whoever creates a DAO.
	pub creation_deposit: Balance,
}

/// How a proposal ends when closed.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum Outcome {
	/// Quorum and threshold met: queued for execution; the deposit is returned.
	Approved,
	/// Quorum met, threshold not: the deposit goes to the DAO's treasury.
	Rejected,
	/// Voting ended without quorum: the deposit goes to the DAO's treasury.
	Expired,
}
