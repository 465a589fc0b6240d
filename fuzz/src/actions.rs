//! The fuzzer's vocabulary: well-formed but random calls to every pallet a user reaches, and
//! the proptest strategies that generate (and shrink) sequences of them.
//!
//! An action names accounts, services, channels, DAOs and proposals by *selectors* (an index
//! into what exists when the action runs, or an id that does not exist), so any sequence stays
//! meaningful after proptest removes actions from it while shrinking.

use crate::accounts::{Key, ACCOUNTS};
use frame_support::{traits::fungible::Inspect, weights::Weight};
use pallet_dao::{DaoParams, DaoRules, VotingMode};
use pallet_metered_payments::{Claim, PaymentParams};
use pallet_service_registry::{RegistryParams, ServiceInput, UnitInput};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};
use servicechain_runtime::{
	AccountId, Balance, Balances, Dao, MeteredPayments, Runtime, RuntimeCall, EXISTENTIAL_DEPOSIT,
	MILLIUNIT, UNIT,
};
use sp_core::H256;
use sp_runtime::{MultiSignature, Perbill};

/// One step of a sequence.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Action {
	/// Finish the open block and produce `n - 1` more (empty) blocks.
	Advance(u8),
	/// One signed extrinsic.
	Call {
		/// Who signs it.
		who: Who,
		/// What it does.
		op: Op,
	},
	/// `utility.batch` (or `batch_all`) of several calls from one signer.
	Batch {
		/// Who signs it.
		who: Who,
		/// `batch_all` (all or nothing) instead of `batch`.
		all: bool,
		/// The calls.
		ops: Vec<Op>,
	},
}

/// Picks the signer.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Who {
	/// Account `n % 20`.
	Account(u8),
	/// The `n`-th member of a DAO (as voters mostly are); account `n % 20` if it has none.
	Member(Sel, u8),
	/// The provider of a service (as heartbeats mostly come from).
	Provider(Sel),
	/// The consumer of a channel (as top-ups and closes mostly come from).
	Consumer(Sel),
	/// The provider of a channel's service.
	ChannelProvider(Sel),
	/// An account with a vote lock (or account `n % 20`).
	Voter(u8),
}

/// Picks an existing item, or names one that does not exist.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub enum Sel {
	/// The `n`-th (modulo their number) of the signer's own items, or of all if it has none.
	Own(u8),
	/// The `n`-th (modulo their number) of all items.
	Any(u8),
	/// An id nobody uses.
	Unknown,
}

/// An amount, relative to what the account concerned has.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub enum Amount {
	/// 0.
	Zero,
	/// 1 planck.
	One,
	/// The existential deposit.
	Ed,
	/// One planck below the existential deposit.
	BelowEd,
	/// `n` thousandths of an SCV.
	Milli(u16),
	/// `n` SCV.
	Scv(u16),
	/// `n` % of the base (free balance, treasury...).
	Percent(u8),
	/// All of the base.
	All,
	/// `u128::MAX`.
	Max,
}

/// A voucher, relative to its channel's state when it is used.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct Voucher {
	/// Its cumulative units.
	pub units: Units,
	/// Who signs what.
	pub sig: SigKind,
}

/// A voucher's cumulative units.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub enum Units {
	/// `n` more than claimed.
	Next(u16),
	/// As many as claimed (stale).
	Same,
	/// One fewer than claimed (stale).
	Below,
	/// Exactly what the deposit covers.
	Affordable,
	/// More than the deposit covers.
	Beyond(u16),
	/// `u64::MAX`.
	Huge,
}

/// A voucher's signature.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub enum SigKind {
	/// The consumer's, over the payload.
	Valid,
	/// The consumer's, over the `<Bytes>`-wrapped payload (as browser wallets sign).
	Wrapped,
	/// Account `n`'s (a forgery unless it is the consumer).
	Forged(u8),
	/// The consumer's, for another channel.
	OtherChannel,
	/// The consumer's, for another chain's genesis.
	OtherChain,
}

/// One call's content, signer-independent.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Op {
	/// `balances.transfer_keep_alive` / `transfer_allow_death`.
	Transfer { to: Target, amount: Amount, keep_alive: bool },
	/// `balances.transfer_all`.
	TransferAll { to: Target, keep_alive: bool },
	/// `system.remark`.
	Remark,
	/// `service_registry.register_service`.
	Register(ServiceSpec),
	/// `service_registry.update_service`.
	Update { service: Sel, spec: ServiceSpec },
	/// `heartbeat`, `pause`, `resume`, `deregister`, `withdraw_deposit`, `reap_stale`.
	Service { service: Sel, what: ServiceOp },
	/// `service_registry.rate_service` (scores 0 and 6 are out of range).
	Rate { service: Sel, score: u8 },
	/// `metered_payments.open_channel`.
	Open { service: Sel, deposit: Amount },
	/// `metered_payments.top_up`.
	TopUp { channel: Sel, amount: Amount },
	/// `metered_payments.claim`.
	Claim { channel: Sel, voucher: Voucher },
	/// `metered_payments.claim_batch`.
	ClaimBatch { claims: Vec<(Sel, Voucher)> },
	/// `metered_payments.claim_batch_with_forms`: each voucher naming the plain (`false`) or
	/// the `<Bytes>`-wrapped (`true`) form, right or wrong.
	ClaimBatchWithForms { claims: Vec<(Sel, Voucher, bool)> },
	/// `metered_payments.request_close`.
	RequestClose { channel: Sel },
	/// `metered_payments.finalize_close`.
	FinalizeClose { channel: Sel },
	/// `metered_payments.close` (the provider's).
	ProviderClose { channel: Sel, voucher: Option<Voucher> },
	/// `metered_payments.pay`.
	Pay { service: Sel, units: u16 },
	/// `metered_payments.remove_payment_record`.
	RemoveRecord { service: Sel },
	/// `dao.create_dao`.
	CreateDao { members: Vec<(u8, u8)>, rules: Rules },
	/// `dao.propose`.
	Propose { dao: Sel, call: DaoCall },
	/// `dao.vote` (`amount` in token mode).
	Vote { dao: Sel, proposal: Sel, aye: bool, amount: Option<Amount> },
	/// `dao.close_proposal`.
	Close { dao: Sel, proposal: Sel },
	/// `dao.execute_proposal`, with the proposal's own weight bound or too small a one.
	Execute { dao: Sel, proposal: Sel, enough_weight: bool },
	/// `dao.cancel_proposal`.
	Cancel { dao: Sel, proposal: Sel },
	/// `dao.unlock` of one of `voter`'s vote locks.
	Unlock { voter: u8, lock: u8 },
}

/// Where a transfer goes.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub enum Target {
	/// Account `n % 20`.
	Account(u8),
	/// A DAO's treasury.
	Treasury(Sel),
	/// The channel escrow account (money sent there is nobody's deposit).
	Escrow,
}

/// What a service's provider (or anyone, for reaping) does with it.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub enum ServiceOp {
	/// `heartbeat`.
	Heartbeat,
	/// `pause_service`.
	Pause,
	/// `resume_service`.
	Resume,
	/// `deregister_service`.
	Deregister,
	/// `withdraw_deposit`.
	Withdraw,
	/// `reap_stale_service`.
	Reap,
}

/// A service registration's input.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ServiceSpec {
	/// Bit `i` set: tag `t{i}` (8 possible tags; more than `MaxTags` never).
	pub tags: u8,
	/// Price: 0 (invalid), 1 planck, 1 mSCV, 0.01 SCV, 1 SCV, or `u128::MAX / 2`.
	pub price: u8,
	/// Number of endpoints (0 and more than 8 are invalid).
	pub endpoints: u8,
	/// Length of the name (more than 64 is invalid).
	pub name_len: u8,
	/// Pays account `n`, not the provider.
	pub beneficiary: Option<u8>,
	/// Unit: request, second, megabyte, or a custom one.
	pub unit: u8,
}

/// A DAO's rules.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Rules {
	/// Token-weighted (else share-weighted).
	pub token: bool,
	/// Blocks of voting (0 is invalid).
	pub voting_period: u8,
	/// Quorum, %.
	pub quorum: u8,
	/// Approval threshold, %.
	pub threshold: u8,
	/// Enactment delay, blocks.
	pub delay: u8,
	/// Execution period, blocks.
	pub execution: u8,
	/// Proposal deposit.
	pub deposit: Amount,
	/// Most members.
	pub max_members: u8,
}

/// What a proposal asks the DAO to do.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum DaoCall {
	/// `system.remark`.
	Remark,
	/// `dao.spend` from the treasury (amount relative to it).
	Spend { to: u8, amount: Amount },
	/// `dao.distribute` (amount relative to the treasury).
	Distribute { amount: Amount },
	/// `dao.add_member`.
	AddMember { who: u8, shares: u8 },
	/// `dao.remove_member`.
	RemoveMember { who: u8 },
	/// `dao.set_shares`.
	SetShares { who: u8, shares: u8 },
	/// `dao.update_rules`.
	UpdateRules(Rules),
	/// `dao.cancel_proposal` of another of its proposals.
	CancelOther { proposal: Sel },
	/// `dao.dispatch_as_treasury` of a call.
	AsTreasury(Box<Op>),
	/// Governance (protocol DAO only): `service_registry.set_parameters`.
	RegistryParams { base_deposit: Amount, periods: [u8; 4], reap_reward: u8, min_paid: Amount },
	/// Governance: `metered_payments.set_parameters`.
	PaymentParams { fee: u8, min_deposit: Amount, window: u8, batch: u16, record: Amount },
	/// Governance: `dao.set_parameters`.
	DaoParams { creation_deposit: Amount },
	/// Governance: `service_registry.slash_service`.
	Slash { service: Sel, amount: Amount },
	/// Governance: `service_registry.force_deregister_service`.
	ForceDeregister { service: Sel },
	/// `dao.dispatch_as_root` (protocol DAO only) of a `balances.force_transfer` between two
	/// accounts (which must respect freezes like any transfer).
	RootTransfer { from: u8, to: u8, amount: Amount },
}

// ---------------------------------------------------------------------------------------------
// Strategies.

fn sel() -> impl Strategy<Value = Sel> {
	prop_oneof![
		12 => any::<u8>().prop_map(Sel::Own),
		6 => any::<u8>().prop_map(Sel::Any),
		1 => Just(Sel::Unknown),
	]
}

fn amount() -> impl Strategy<Value = Amount> {
	prop_oneof![
		1 => Just(Amount::Zero),
		1 => Just(Amount::One),
		1 => Just(Amount::Ed),
		1 => Just(Amount::BelowEd),
		5 => (1u16..2_000).prop_map(Amount::Milli),
		6 => (1u16..300).prop_map(Amount::Scv),
		3 => (0u8..=100).prop_map(Amount::Percent),
		1 => Just(Amount::All),
		1 => Just(Amount::Max),
	]
}

fn voucher() -> impl Strategy<Value = Voucher> {
	let units = prop_oneof![
		10 => (0u16..50).prop_map(Units::Next),
		2 => Just(Units::Same),
		1 => Just(Units::Below),
		3 => Just(Units::Affordable),
		2 => (0u16..50).prop_map(Units::Beyond),
		1 => Just(Units::Huge),
	];
	let sig = prop_oneof![
		10 => Just(SigKind::Valid),
		3 => Just(SigKind::Wrapped),
		2 => any::<u8>().prop_map(SigKind::Forged),
		1 => Just(SigKind::OtherChannel),
		1 => Just(SigKind::OtherChain),
	];
	(units, sig).prop_map(|(units, sig)| Voucher { units, sig })
}

fn target() -> impl Strategy<Value = Target> {
	prop_oneof![
		8 => any::<u8>().prop_map(Target::Account),
		3 => sel().prop_map(Target::Treasury),
		1 => Just(Target::Escrow),
	]
}

fn service_spec() -> impl Strategy<Value = ServiceSpec> {
	(
		any::<u8>(),
		prop_oneof![1 => Just(0u8), 12 => 1u8..=4, 1 => Just(5u8)],
		prop_oneof![1 => Just(0u8), 10 => 1u8..=3, 1 => Just(9u8)],
		prop_oneof![10 => 1u8..=20, 1 => Just(0u8), 1 => Just(65u8)],
		prop::option::weighted(0.2, any::<u8>()),
		0u8..4,
	)
		.prop_map(|(tags, price, endpoints, name_len, beneficiary, unit)| ServiceSpec {
			tags,
			price,
			endpoints,
			name_len,
			beneficiary,
			unit,
		})
}

fn rules() -> impl Strategy<Value = Rules> {
	(
		any::<bool>(),
		prop_oneof![1 => Just(0u8), 10 => 1u8..=12],
		0u8..=100,
		0u8..=100,
		0u8..=4,
		0u8..=20,
		amount(),
		prop_oneof![10 => 1u8..=20, 1 => Just(0u8), 1 => Just(200u8)],
	)
		.prop_map(|(token, voting_period, quorum, threshold, delay, execution, deposit, max)| {
			Rules {
				token,
				voting_period,
				quorum,
				threshold,
				delay,
				execution,
				deposit,
				max_members: max,
			}
		})
}

/// Calls that make sense inside a batch or from a DAO's treasury.
fn simple_op() -> impl Strategy<Value = Op> {
	prop_oneof![
		4 => (target(), amount(), any::<bool>())
			.prop_map(|(to, amount, keep_alive)| Op::Transfer { to, amount, keep_alive }),
		1 => Just(Op::Remark),
		2 => (sel(), 1u16..20).prop_map(|(service, units)| Op::Pay { service, units }),
		2 => (sel(), amount()).prop_map(|(service, deposit)| Op::Open { service, deposit }),
		1 => (sel(), amount()).prop_map(|(channel, amount)| Op::TopUp { channel, amount }),
		2 => (sel(), voucher()).prop_map(|(channel, voucher)| Op::Claim { channel, voucher }),
		1 => sel().prop_map(|service| Op::Service { service, what: ServiceOp::Heartbeat }),
		1 => (sel(), sel(), any::<bool>(), prop::option::of(amount()))
			.prop_map(|(dao, proposal, aye, amount)| Op::Vote { dao, proposal, aye, amount }),
		1 => service_spec().prop_map(Op::Register),
	]
}

fn service_op() -> impl Strategy<Value = ServiceOp> {
	prop_oneof![
		6 => Just(ServiceOp::Heartbeat),
		1 => Just(ServiceOp::Pause),
		1 => Just(ServiceOp::Resume),
		1 => Just(ServiceOp::Deregister),
		1 => Just(ServiceOp::Withdraw),
		2 => Just(ServiceOp::Reap),
	]
}

fn dao_call() -> impl Strategy<Value = DaoCall> {
	prop_oneof![
		2 => Just(DaoCall::Remark),
		3 => (any::<u8>(), amount()).prop_map(|(to, amount)| DaoCall::Spend { to, amount }),
		1 => amount().prop_map(|amount| DaoCall::Distribute { amount }),
		2 => (any::<u8>(), 0u8..5).prop_map(|(who, shares)| DaoCall::AddMember { who, shares }),
		1 => any::<u8>().prop_map(|who| DaoCall::RemoveMember { who }),
		1 => (any::<u8>(), 0u8..5).prop_map(|(who, shares)| DaoCall::SetShares { who, shares }),
		1 => rules().prop_map(DaoCall::UpdateRules),
		1 => sel().prop_map(|proposal| DaoCall::CancelOther { proposal }),
		2 => simple_op().prop_map(|op| DaoCall::AsTreasury(Box::new(op))),
		2 => (amount(), any::<[u8; 4]>(), 0u8..=100, amount()).prop_map(
			|(base_deposit, periods, reap_reward, min_paid)| DaoCall::RegistryParams {
				base_deposit,
				periods,
				reap_reward,
				min_paid
			}
		),
		2 => (0u8..=100, amount(), 0u8..20, prop_oneof![Just(0u16), 1u16..10, Just(500), Just(501)], amount())
			.prop_map(|(fee, min_deposit, window, batch, record)| DaoCall::PaymentParams {
				fee,
				min_deposit,
				window,
				batch,
				record
			}),
		1 => amount().prop_map(|creation_deposit| DaoCall::DaoParams { creation_deposit }),
		2 => (sel(), amount()).prop_map(|(service, amount)| DaoCall::Slash { service, amount }),
		1 => sel().prop_map(|service| DaoCall::ForceDeregister { service }),
		1 => (any::<u8>(), any::<u8>(), amount())
			.prop_map(|(from, to, amount)| DaoCall::RootTransfer { from, to, amount }),
	]
}

fn op() -> impl Strategy<Value = Op> {
	prop_oneof![
		3 => (target(), amount(), any::<bool>())
			.prop_map(|(to, amount, keep_alive)| Op::Transfer { to, amount, keep_alive }),
		1 => (target(), any::<bool>()).prop_map(|(to, keep_alive)| Op::TransferAll { to, keep_alive }),
		5 => service_spec().prop_map(Op::Register),
		1 => (sel(), service_spec()).prop_map(|(service, spec)| Op::Update { service, spec }),
		4 => (sel(), service_op()).prop_map(|(service, what)| Op::Service { service, what }),
		2 => (sel(), 0u8..=6).prop_map(|(service, score)| Op::Rate { service, score }),
		6 => (sel(), amount()).prop_map(|(service, deposit)| Op::Open { service, deposit }),
		2 => (sel(), amount()).prop_map(|(channel, amount)| Op::TopUp { channel, amount }),
		8 => (sel(), voucher()).prop_map(|(channel, voucher)| Op::Claim { channel, voucher }),
		3 => prop::collection::vec((sel(), voucher()), 0..8)
			.prop_map(|claims| Op::ClaimBatch { claims }),
		2 => prop::collection::vec((sel(), voucher(), any::<bool>()), 0..8)
			.prop_map(|claims| Op::ClaimBatchWithForms { claims }),
		2 => sel().prop_map(|channel| Op::RequestClose { channel }),
		2 => sel().prop_map(|channel| Op::FinalizeClose { channel }),
		2 => (sel(), prop::option::of(voucher()))
			.prop_map(|(channel, voucher)| Op::ProviderClose { channel, voucher }),
		4 => (sel(), 0u16..30).prop_map(|(service, units)| Op::Pay { service, units }),
		1 => sel().prop_map(|service| Op::RemoveRecord { service }),
		2 => (prop::collection::vec((any::<u8>(), 0u8..4), 0..5), rules())
			.prop_map(|(members, rules)| Op::CreateDao { members, rules }),
		5 => (sel(), dao_call()).prop_map(|(dao, call)| Op::Propose { dao, call }),
		10 => (sel(), sel(), prop::bool::weighted(0.7), prop::option::of(amount()))
			.prop_map(|(dao, proposal, aye, amount)| Op::Vote { dao, proposal, aye, amount }),
		3 => (sel(), sel()).prop_map(|(dao, proposal)| Op::Close { dao, proposal }),
		3 => (sel(), sel(), prop::bool::weighted(0.9))
			.prop_map(|(dao, proposal, enough_weight)| Op::Execute { dao, proposal, enough_weight }),
		1 => (sel(), sel()).prop_map(|(dao, proposal)| Op::Cancel { dao, proposal }),
		2 => (any::<u8>(), any::<u8>()).prop_map(|(voter, lock)| Op::Unlock { voter, lock }),
	]
}

fn who() -> impl Strategy<Value = Who> {
	prop_oneof![
		6 => any::<u8>().prop_map(Who::Account),
		3 => (sel(), any::<u8>()).prop_map(|(dao, n)| Who::Member(dao, n)),
		2 => sel().prop_map(Who::Provider),
		2 => sel().prop_map(Who::Consumer),
		1 => sel().prop_map(Who::ChannelProvider),
		1 => any::<u8>().prop_map(Who::Voter),
	]
}

/// Who usually signs `op`: the provider for a service's own calls, the consumer or provider of
/// a channel for its calls, a voter to unlock, a member to vote.
fn natural_signer(op: &Op) -> Option<Who> {
	Some(match op {
		Op::Service { service, what } if !matches!(what, ServiceOp::Reap) => {
			Who::Provider(*service)
		},
		Op::Update { service, .. } => Who::Provider(*service),
		Op::TopUp { channel, .. }
		| Op::RequestClose { channel }
		| Op::FinalizeClose { channel } => Who::Consumer(*channel),
		Op::ProviderClose { channel, .. } | Op::Claim { channel, .. } => {
			Who::ChannelProvider(*channel)
		},
		Op::Unlock { voter, .. } => Who::Voter(*voter),
		Op::Vote { dao, .. } | Op::Propose { dao, .. } => Who::Member(*dao, 0),
		_ => return None,
	})
}

/// One action: mostly single calls, some batches, some block advances.
pub fn action() -> impl Strategy<Value = Action> {
	prop_oneof![
		8 => (1u8..=3).prop_map(Action::Advance),
		1 => (4u8..=25).prop_map(Action::Advance),
		80 => (who(), op(), prop::bool::weighted(0.7)).prop_map(|(who, op, natural)| {
			let who = if natural { natural_signer(&op).unwrap_or(who) } else { who };
			Action::Call { who, op }
		}),
		4 => (who(), any::<bool>(), prop::collection::vec(simple_op(), 1..5))
			.prop_map(|(who, all, ops)| Action::Batch { who, all, ops }),
	]
}

// ---------------------------------------------------------------------------------------------
// Resolution against the chain's state (inside its externalities).

/// What actions resolve against: the keys and their accounts.
pub struct Ctx<'a> {
	/// Keys by account index.
	pub keys: &'a [Key],
	/// Accounts by index.
	pub accounts: Vec<AccountId>,
}

impl<'a> Ctx<'a> {
	/// The context of `keys`.
	pub fn new(keys: &'a [Key]) -> Self {
		Ctx { keys, accounts: keys.iter().map(Key::account).collect() }
	}

	fn account(&self, n: u8) -> AccountId {
		self.accounts[usize::from(n) % ACCOUNTS].clone()
	}

	fn key_of(&self, who: &AccountId) -> Option<&Key> {
		self.accounts.iter().position(|a| a == who).map(|i| &self.keys[i])
	}

	/// The signer's account index.
	pub fn signer(&self, who: &Who) -> usize {
		match who {
			Who::Account(n) => usize::from(*n) % ACCOUNTS,
			Who::Member(dao, n) => {
				let dao_id = self.dao(*dao, None);
				let members: Vec<AccountId> = pallet_dao::Members::<Runtime>::iter_prefix(dao_id)
					.map(|(who, _)| who)
					.collect::<std::collections::BTreeSet<_>>()
					.into_iter()
					.collect();
				members
					.get(usize::from(*n) % members.len().max(1))
					.and_then(|m| self.accounts.iter().position(|a| a == m))
					.unwrap_or(usize::from(*n) % ACCOUNTS)
			},
			Who::Provider(sel) => {
				let id = self.service(*sel, &self.accounts[0]);
				let who = pallet_service_registry::Services::<Runtime>::get(id).map(|s| s.provider);
				self.index_of(who.as_ref())
			},
			Who::Consumer(sel) | Who::ChannelProvider(sel) => {
				let id = self.channel(*sel, &self.accounts[0]);
				let who = MeteredPayments::channel(id).map(|c| {
					if matches!(who, Who::Consumer(_)) {
						c.consumer
					} else {
						c.provider
					}
				});
				self.index_of(who.as_ref())
			},
			Who::Voter(n) => {
				let voters: Vec<usize> = (0..ACCOUNTS)
					.filter(|i| {
						!pallet_dao::VoteLocks::<Runtime>::get(&self.accounts[*i]).is_empty()
					})
					.collect();
				voters
					.get(usize::from(*n) % voters.len().max(1))
					.copied()
					.unwrap_or(usize::from(*n) % ACCOUNTS)
			},
		}
	}

	fn index_of(&self, who: Option<&AccountId>) -> usize {
		who.and_then(|w| self.accounts.iter().position(|a| a == w)).unwrap_or(0)
	}

	fn pick<I: Copy>(all: &[(I, bool)], sel: Sel, unknown: I) -> I {
		let own: Vec<I> = all.iter().filter(|(_, mine)| *mine).map(|(id, _)| *id).collect();
		let any: Vec<I> = all.iter().map(|(id, _)| *id).collect();
		let (list, n) = match sel {
			Sel::Unknown => return unknown,
			Sel::Own(n) if !own.is_empty() => (own, n),
			Sel::Own(n) | Sel::Any(n) => (any, n),
		};
		if list.is_empty() {
			return unknown;
		}
		list[usize::from(n) % list.len()]
	}

	fn service(&self, sel: Sel, who: &AccountId) -> u64 {
		let mut all: Vec<(u64, bool)> = pallet_service_registry::Services::<Runtime>::iter()
			.map(|(id, s)| (id, &s.provider == who))
			.collect();
		all.sort_unstable();
		Self::pick(&all, sel, u64::MAX)
	}

	fn channel(&self, sel: Sel, who: &AccountId) -> u64 {
		let mut all: Vec<(u64, bool)> = MeteredPayments::iter_channels()
			.map(|(id, c)| (id, &c.consumer == who || &c.provider == who))
			.collect();
		all.sort_unstable();
		Self::pick(&all, sel, u64::MAX)
	}

	fn dao(&self, sel: Sel, who: Option<&AccountId>) -> u32 {
		let mut all: Vec<(u32, bool)> = pallet_dao::Daos::<Runtime>::iter_keys()
			.map(|id| {
				(id, who.is_some_and(|w| pallet_dao::Members::<Runtime>::contains_key(id, w)))
			})
			.collect();
		all.sort_unstable();
		Self::pick(&all, sel, u32::MAX)
	}

	/// A DAO with live proposals where possible: the selected one, else the first that has any.
	fn dao_with_proposals(&self, sel: Sel, who: &AccountId) -> u32 {
		let dao = self.dao(sel, Some(who));
		if matches!(sel, Sel::Unknown)
			|| pallet_dao::Proposals::<Runtime>::iter_prefix(dao).next().is_some()
		{
			return dao;
		}
		let mut live: Vec<u32> =
			pallet_dao::Proposals::<Runtime>::iter_keys().map(|(d, _)| d).collect();
		live.sort_unstable();
		live.dedup();
		let n = match sel {
			Sel::Own(n) | Sel::Any(n) => usize::from(n),
			Sel::Unknown => 0,
		};
		live.get(n % live.len().max(1)).copied().unwrap_or(dao)
	}

	fn proposal(&self, dao: u32, sel: Sel, who: &AccountId) -> u32 {
		let mut all: Vec<(u32, bool)> = pallet_dao::Proposals::<Runtime>::iter_prefix(dao)
			.map(|(id, p)| (id, &p.proposer == who))
			.collect();
		all.sort_unstable();
		Self::pick(&all, sel, u32::MAX)
	}

	fn target(&self, target: Target, who: &AccountId) -> AccountId {
		match target {
			Target::Account(n) => self.account(n),
			Target::Treasury(sel) => Dao::treasury_account(self.dao(sel, Some(who))),
			Target::Escrow => MeteredPayments::escrow_account(),
		}
	}

	fn voucher(&self, channel_id: u64, v: Voucher) -> (u64, MultiSignature) {
		let channel = MeteredPayments::channel(channel_id);
		let (claimed, affordable, consumer) = channel.map_or((0, 0, None), |c| {
			let left = c.deposit.saturating_sub(c.paid);
			let more = left.checked_div(c.price_per_unit).unwrap_or(0);
			let affordable =
				c.claimed_units.saturating_add(u64::try_from(more).unwrap_or(u64::MAX));
			(c.claimed_units, affordable, Some(c.consumer))
		});
		let units = match v.units {
			Units::Next(n) => claimed.saturating_add(u64::from(n)),
			Units::Same => claimed,
			Units::Below => claimed.saturating_sub(1),
			Units::Affordable => affordable,
			Units::Beyond(n) => affordable.saturating_add(1 + u64::from(n)),
			Units::Huge => u64::MAX,
		};
		let consumer_key = consumer.as_ref().and_then(|c| self.key_of(c)).unwrap_or(&self.keys[0]);
		let genesis = MeteredPayments::genesis_hash();
		let payload = |genesis: H256, channel: u64| {
			pallet_metered_payments::voucher_payload(genesis, channel, units)
		};
		let signature = match v.sig {
			SigKind::Valid => consumer_key.sign(&payload(genesis, channel_id)),
			SigKind::Wrapped => consumer_key
				.sign(&pallet_metered_payments::wrapped_payload(&payload(genesis, channel_id))),
			SigKind::Forged(n) => {
				self.keys[usize::from(n) % ACCOUNTS].sign(&payload(genesis, channel_id))
			},
			SigKind::OtherChannel => {
				consumer_key.sign(&payload(genesis, channel_id.wrapping_add(1)))
			},
			SigKind::OtherChain => consumer_key.sign(&payload(H256::repeat_byte(7), channel_id)),
		};
		(units, signature)
	}

	/// The call `op` makes when `who` signs it (or the DAO treasury `who` dispatches it).
	pub fn call(&self, op: &Op, who: &AccountId) -> RuntimeCall {
		use RuntimeCall as C;
		let free = Balances::balance(who);
		match op {
			Op::Transfer { to, amount, keep_alive } => {
				let dest = self.target(*to, who).into();
				let value = resolve(*amount, free);
				if *keep_alive {
					C::Balances(pallet_balances::Call::transfer_keep_alive { dest, value })
				} else {
					C::Balances(pallet_balances::Call::transfer_allow_death { dest, value })
				}
			},
			Op::TransferAll { to, keep_alive } => {
				C::Balances(pallet_balances::Call::transfer_all {
					dest: self.target(*to, who).into(),
					keep_alive: *keep_alive,
				})
			},
			Op::Remark => C::System(frame_system::Call::remark { remark: b"fuzz".to_vec() }),
			Op::Register(spec) => {
				C::ServiceRegistry(pallet_service_registry::Call::register_service {
					input: self.service_input(spec),
				})
			},
			Op::Update { service, spec } => {
				C::ServiceRegistry(pallet_service_registry::Call::update_service {
					service_id: self.service(*service, who),
					input: self.service_input(spec),
				})
			},
			Op::Service { service, what } => {
				use pallet_service_registry::Call as R;
				let service_id = self.service(*service, who);
				C::ServiceRegistry(match what {
					ServiceOp::Heartbeat => R::heartbeat { service_id },
					ServiceOp::Pause => R::pause_service { service_id },
					ServiceOp::Resume => R::resume_service { service_id },
					ServiceOp::Deregister => R::deregister_service { service_id },
					ServiceOp::Withdraw => R::withdraw_deposit { service_id },
					ServiceOp::Reap => R::reap_stale_service { service_id },
				})
			},
			Op::Rate { service, score } => {
				C::ServiceRegistry(pallet_service_registry::Call::rate_service {
					service_id: self.service(*service, who),
					score: *score,
				})
			},
			Op::Open { service, deposit } => {
				C::MeteredPayments(pallet_metered_payments::Call::open_channel {
					service_id: self.service(*service, who),
					deposit: resolve(*deposit, free),
				})
			},
			Op::TopUp { channel, amount } => {
				C::MeteredPayments(pallet_metered_payments::Call::top_up {
					channel_id: self.channel(*channel, who),
					amount: resolve(*amount, free),
				})
			},
			Op::Claim { channel, voucher } => {
				let channel_id = self.channel(*channel, who);
				let (cumulative_units, signature) = self.voucher(channel_id, *voucher);
				C::MeteredPayments(pallet_metered_payments::Call::claim {
					channel_id,
					cumulative_units,
					signature,
				})
			},
			Op::ClaimBatch { claims } => {
				let claims = claims
					.iter()
					.map(|(channel, voucher)| {
						let channel_id = self.channel(*channel, who);
						let (cumulative_units, signature) = self.voucher(channel_id, *voucher);
						Claim { channel_id, cumulative_units, signature }
					})
					.collect();
				C::MeteredPayments(pallet_metered_payments::Call::claim_batch { claims })
			},
			Op::ClaimBatchWithForms { claims } => {
				let claims = claims
					.iter()
					.map(|(channel, voucher, wrapped)| {
						let channel_id = self.channel(*channel, who);
						let (cumulative_units, signature) = self.voucher(channel_id, *voucher);
						let form = if *wrapped {
							pallet_metered_payments::VoucherForm::Wrapped
						} else {
							pallet_metered_payments::VoucherForm::Plain
						};
						(Claim { channel_id, cumulative_units, signature }, form)
					})
					.collect();
				C::MeteredPayments(pallet_metered_payments::Call::claim_batch_with_forms { claims })
			},
			Op::RequestClose { channel } => {
				C::MeteredPayments(pallet_metered_payments::Call::request_close {
					channel_id: self.channel(*channel, who),
				})
			},
			Op::FinalizeClose { channel } => {
				C::MeteredPayments(pallet_metered_payments::Call::finalize_close {
					channel_id: self.channel(*channel, who),
				})
			},
			Op::ProviderClose { channel, voucher } => {
				let channel_id = self.channel(*channel, who);
				C::MeteredPayments(pallet_metered_payments::Call::close {
					channel_id,
					final_voucher: voucher.map(|v| self.voucher(channel_id, v)),
				})
			},
			Op::Pay { service, units } => C::MeteredPayments(pallet_metered_payments::Call::pay {
				service_id: self.service(*service, who),
				units: u64::from(*units),
			}),
			Op::RemoveRecord { service } => {
				C::MeteredPayments(pallet_metered_payments::Call::remove_payment_record {
					service_id: self.service(*service, who),
				})
			},
			Op::CreateDao { members, rules } => C::Dao(pallet_dao::Call::create_dao {
				name: b"fuzz DAO".to_vec(),
				members: members.iter().map(|(n, s)| (self.account(*n), u128::from(*s))).collect(),
				rules: self.rules(rules),
			}),
			Op::Propose { dao, call } => {
				let dao_id = self.dao(*dao, Some(who));
				C::Dao(pallet_dao::Call::propose {
					dao_id,
					call: Box::new(self.dao_call(dao_id, call)),
					metadata: vec![],
				})
			},
			Op::Vote { dao, proposal, aye, amount } => {
				let dao_id = self.dao_with_proposals(*dao, who);
				C::Dao(pallet_dao::Call::vote {
					dao_id,
					proposal_id: self.proposal(dao_id, *proposal, who),
					aye: *aye,
					amount: amount.map(|a| resolve(a, Balances::total_balance(who))),
				})
			},
			Op::Close { dao, proposal } => {
				let dao_id = self.dao_with_proposals(*dao, who);
				C::Dao(pallet_dao::Call::close_proposal {
					dao_id,
					proposal_id: self.proposal(dao_id, *proposal, who),
				})
			},
			Op::Execute { dao, proposal, enough_weight } => {
				let dao_id = self.dao_with_proposals(*dao, who);
				let proposal_id = self.proposal(dao_id, *proposal, who);
				let needed = pallet_dao::Proposals::<Runtime>::get(dao_id, proposal_id)
					.map_or(Weight::zero(), |p| p.call_weight);
				C::Dao(pallet_dao::Call::execute_proposal {
					dao_id,
					proposal_id,
					weight_bound: if *enough_weight { needed } else { needed / 2 },
				})
			},
			Op::Cancel { dao, proposal } => {
				let dao_id = self.dao_with_proposals(*dao, who);
				C::Dao(pallet_dao::Call::cancel_proposal {
					dao_id,
					proposal_id: self.proposal(dao_id, *proposal, who),
				})
			},
			Op::Unlock { voter, lock } => {
				let voter = self.accounts[self.signer(&Who::Voter(*voter))].clone();
				let locks = pallet_dao::VoteLocks::<Runtime>::get(&voter);
				let (dao_id, proposal_id) = locks
					.get(usize::from(*lock) % locks.len().max(1))
					.map_or((0, u32::MAX), |(d, p, _)| (*d, *p));
				C::Dao(pallet_dao::Call::unlock { dao_id, proposal_id, voter })
			},
		}
	}

	fn service_input(&self, spec: &ServiceSpec) -> ServiceInput<AccountId, Balance> {
		let price = match spec.price {
			0 => 0,
			1 => 1,
			2 => MILLIUNIT,
			3 => UNIT / 100,
			4 => UNIT,
			_ => u128::MAX / 2,
		};
		ServiceInput {
			name: vec![b'n'; usize::from(spec.name_len)],
			endpoints: (0..spec.endpoints)
				.map(|i| format!("https://s{i}.example").into_bytes())
				.collect(),
			protocol: b"https".to_vec(),
			tags: (0..8u8)
				.filter(|i| spec.tags & (1 << i) != 0)
				.take(10)
				.map(|i| format!("t{i}").into_bytes())
				.collect(),
			price_per_unit: price,
			unit: match spec.unit {
				0 => UnitInput::Request,
				1 => UnitInput::Second,
				2 => UnitInput::Megabyte,
				_ => UnitInput::Custom(b"token".to_vec()),
			},
			metadata: None,
			beneficiary: spec.beneficiary.map(|n| self.account(n)),
		}
	}

	fn rules(&self, r: &Rules) -> DaoRules<Balance, u32> {
		DaoRules {
			voting_mode: if r.token {
				VotingMode::TokenWeighted { min_proposer_balance: 100 * UNIT }
			} else {
				VotingMode::Shares
			},
			voting_period: u32::from(r.voting_period),
			quorum: Perbill::from_percent(u32::from(r.quorum)),
			approval_threshold: Perbill::from_percent(u32::from(r.threshold)),
			enactment_delay: u32::from(r.delay),
			execution_period: u32::from(r.execution),
			proposal_deposit: resolve(r.deposit, 10 * UNIT),
			max_members: u32::from(r.max_members),
		}
	}

	fn dao_call(&self, dao_id: u32, call: &DaoCall) -> RuntimeCall {
		use RuntimeCall as C;
		let treasury = Dao::treasury_account(dao_id);
		let in_treasury = Balances::balance(&treasury);
		match call {
			DaoCall::Remark => C::System(frame_system::Call::remark { remark: vec![] }),
			DaoCall::Spend { to, amount } => C::Dao(pallet_dao::Call::spend {
				beneficiary: self.account(*to),
				amount: resolve(*amount, in_treasury),
			}),
			DaoCall::Distribute { amount } => {
				C::Dao(pallet_dao::Call::distribute { amount: resolve(*amount, in_treasury) })
			},
			DaoCall::AddMember { who, shares } => C::Dao(pallet_dao::Call::add_member {
				who: self.account(*who),
				shares: u128::from(*shares),
			}),
			DaoCall::RemoveMember { who } => {
				C::Dao(pallet_dao::Call::remove_member { who: self.account(*who) })
			},
			DaoCall::SetShares { who, shares } => C::Dao(pallet_dao::Call::set_shares {
				who: self.account(*who),
				shares: u128::from(*shares),
			}),
			DaoCall::UpdateRules(rules) => {
				C::Dao(pallet_dao::Call::update_rules { rules: self.rules(rules) })
			},
			DaoCall::CancelOther { proposal } => C::Dao(pallet_dao::Call::cancel_proposal {
				dao_id,
				proposal_id: self.proposal(dao_id, *proposal, &treasury),
			}),
			DaoCall::AsTreasury(op) => C::Dao(pallet_dao::Call::dispatch_as_treasury {
				call: Box::new(self.call(op, &treasury)),
			}),
			DaoCall::RegistryParams { base_deposit, periods, reap_reward, min_paid } => {
				let [heartbeat, stale, reap, retire] = periods.map(|p| u32::from(p % 32));
				C::ServiceRegistry(pallet_service_registry::Call::set_parameters {
					params: RegistryParams {
						base_deposit: resolve(*base_deposit, UNIT),
						byte_deposit: MILLIUNIT,
						heartbeat_interval: heartbeat,
						stale_after: stale,
						reap_after: reap,
						reap_reward: Perbill::from_percent(u32::from(*reap_reward)),
						retirement_period: retire,
						min_paid_to_rate: resolve(*min_paid, UNIT),
					},
				})
			},
			DaoCall::PaymentParams { fee, min_deposit, window, batch, record } => {
				C::MeteredPayments(pallet_metered_payments::Call::set_parameters {
					params: PaymentParams {
						protocol_fee: Perbill::from_percent(u32::from(*fee)),
						min_deposit: resolve(*min_deposit, UNIT),
						settlement_window: u32::from(*window),
						max_claims_per_batch: u32::from(*batch),
						record_deposit: resolve(*record, UNIT),
					},
				})
			},
			DaoCall::DaoParams { creation_deposit } => C::Dao(pallet_dao::Call::set_parameters {
				params: DaoParams { creation_deposit: resolve(*creation_deposit, 10 * UNIT) },
			}),
			DaoCall::Slash { service, amount } => {
				C::ServiceRegistry(pallet_service_registry::Call::slash_service {
					service_id: self.service(*service, &treasury),
					amount: resolve(*amount, UNIT),
					reason: H256::repeat_byte(1),
				})
			},
			DaoCall::ForceDeregister { service } => {
				C::ServiceRegistry(pallet_service_registry::Call::force_deregister_service {
					service_id: self.service(*service, &treasury),
				})
			},
			DaoCall::RootTransfer { from, to, amount } => {
				let source = self.account(*from);
				let value = resolve(*amount, Balances::balance(&source));
				C::Dao(pallet_dao::Call::dispatch_as_root {
					call: Box::new(C::Balances(pallet_balances::Call::force_transfer {
						source: source.into(),
						dest: self.account(*to).into(),
						value,
					})),
				})
			},
		}
	}
}

/// An amount relative to `base`.
pub fn resolve(amount: Amount, base: Balance) -> Balance {
	match amount {
		Amount::Zero => 0,
		Amount::One => 1,
		Amount::Ed => EXISTENTIAL_DEPOSIT,
		Amount::BelowEd => EXISTENTIAL_DEPOSIT - 1,
		Amount::Milli(n) => Balance::from(n) * MILLIUNIT,
		Amount::Scv(n) => Balance::from(n) * UNIT,
		Amount::Percent(p) => base / 100 * Balance::from(p.min(100)),
		Amount::All => base,
		Amount::Max => Balance::MAX,
	}
}

/// A short name of an action's call, for the statistics.
pub fn op_name(op: &Op) -> &'static str {
	match op {
		Op::Transfer { .. } => "balances.transfer",
		Op::TransferAll { .. } => "balances.transfer_all",
		Op::Remark => "system.remark",
		Op::Register(_) => "registry.register_service",
		Op::Update { .. } => "registry.update_service",
		Op::Service { what, .. } => match what {
			ServiceOp::Heartbeat => "registry.heartbeat",
			ServiceOp::Pause => "registry.pause_service",
			ServiceOp::Resume => "registry.resume_service",
			ServiceOp::Deregister => "registry.deregister_service",
			ServiceOp::Withdraw => "registry.withdraw_deposit",
			ServiceOp::Reap => "registry.reap_stale_service",
		},
		Op::Rate { .. } => "registry.rate_service",
		Op::Open { .. } => "payments.open_channel",
		Op::TopUp { .. } => "payments.top_up",
		Op::Claim { .. } => "payments.claim",
		Op::ClaimBatch { .. } => "payments.claim_batch",
		Op::ClaimBatchWithForms { .. } => "payments.claim_batch_with_forms",
		Op::RequestClose { .. } => "payments.request_close",
		Op::FinalizeClose { .. } => "payments.finalize_close",
		Op::ProviderClose { .. } => "payments.close",
		Op::Pay { .. } => "payments.pay",
		Op::RemoveRecord { .. } => "payments.remove_payment_record",
		Op::CreateDao { .. } => "dao.create_dao",
		Op::Propose { .. } => "dao.propose",
		Op::Vote { .. } => "dao.vote",
		Op::Close { .. } => "dao.close_proposal",
		Op::Execute { .. } => "dao.execute_proposal",
		Op::Cancel { .. } => "dao.cancel_proposal",
		Op::Unlock { .. } => "dao.unlock",
	}
}
