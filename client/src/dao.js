// DAOs: create, propose any `api.tx` call, vote, close, execute, list proposals with tallies.
import { findEvent } from './events.js';
import { errorName, signAndWait } from './tx.js';

/**
 * @typedef {object} DaoRules
 * @property {'Shares'|{TokenWeighted: {minProposerBalance: bigint}}} votingMode
 * @property {number} votingPeriod blocks
 * @property {number} quorum Perbill (1e9 = 100%)
 * @property {number} approvalThreshold Perbill
 * @property {number} enactmentDelay blocks
 * @property {number} executionPeriod blocks an approved proposal stays executable
 * @property {bigint} proposalDeposit planck (returned if approved; slashed to the treasury if
 *   rejected or without quorum)
 * @property {number} maxMembers
 */

/** Perbill parts of a percentage (e.g. `percent(50)` = 500,000,000). */
export const percent = (p) => Math.round(p * 10_000_000);

/**
 * Creates a DAO; resolves with its id and treasury account.
 * @param {[string, bigint|number][]} members `[address, shares]`
 * @param {DaoRules} rules
 */
export async function createDao (api, creator, name, members, rules, opts) {
  const { events, blockHash } = await signAndWait(api, api.tx.dao.createDao(name, members, rules), creator, opts);
  const { daoId, treasury } = findEvent(events, 'dao', 'DaoCreated').data;
  return { daoId: daoId.toNumber(), treasury: treasury.toString(), blockHash };
}

/**
 * Proposes `call` (any `api.tx.*` call) for the DAO to dispatch as itself.
 * @returns {Promise<{proposalId: number, votingEnds: number}>}
 */
export async function propose (api, proposer, daoId, call, metadata = '', opts) {
  const { events } = await signAndWait(api, api.tx.dao.propose(daoId, call, metadata), proposer, opts);
  const { proposalId, votingEnds } = findEvent(events, 'dao', 'Proposed').data;
  return { proposalId: proposalId.toNumber(), votingEnds: votingEnds.toNumber() };
}

/** Votes (share DAOs: `amount` null; token DAOs: the planck to freeze). */
export function vote (api, voter, daoId, proposalId, aye, amount = null, opts) {
  return signAndWait(api, api.tx.dao.vote(daoId, proposalId, aye, amount), voter, opts);
}

/**
 * Cancels a proposal: by its proposer before any vote (the deposit comes back), or by the DAO's
 * own origin (a proposal of the DAO; the deposit goes to the treasury).
 */
export function cancelProposal (api, signer, daoId, proposalId, opts) {
  return signAndWait(api, api.tx.dao.cancelProposal(daoId, proposalId), signer, opts);
}

/**
 * Releases `voter`'s token vote on a proposal whose voting has ended (its freeze and record).
 * Anyone may do it for anyone.
 */
export function unlock (api, signer, daoId, proposalId, voter, opts) {
  return signAndWait(api, api.tx.dao.unlock(daoId, proposalId, voter), signer, opts);
}

/**
 * Decides a proposal; resolves with the outcome (`Approved`, `Rejected`, `Expired`). An
 * approved proposal whose execution period has ended is removed instead (`ExecutionExpired`).
 */
export async function closeProposal (api, signer, daoId, proposalId, opts) {
  const { events } = await signAndWait(api, api.tx.dao.closeProposal(daoId, proposalId), signer, opts);
  if (events.some(({ event }) => event.section === 'dao' && event.method === 'ProposalExpired')) return 'ExecutionExpired';
  return findEvent(events, 'dao', 'ProposalClosed').data.outcome.type;
}

/**
 * Executes an approved proposal with its stored call weight as the bound; resolves with the
 * call's result (`{ ok: true }` or `{ ok: false, error }`).
 */
export async function executeProposal (api, signer, daoId, proposalId, opts) {
  const proposal = await api.call.daoApi.proposal(daoId, proposalId);
  if (proposal.isNone) throw new Error(`no live proposal ${daoId}/${proposalId}`);
  const { events } = await signAndWait(api,
    api.tx.dao.executeProposal(daoId, proposalId, proposal.unwrap().callWeight), signer, opts);
  const result = findEvent(events, 'dao', 'ProposalExecuted').data.result;
  if (result.isOk) return { ok: true };
  return { ok: false, error: errorName(api, result.asErr) };
}

/** A proposal as plain JS values, with its decoded call. */
export function proposalFromCodec (api, id, p) {
  let call = null;
  try {
    const c = api.createType('Call', p.call.toU8a(true));
    call = `${c.section}.${c.method}`;
  } catch {
    call = null;
  }
  return {
    id: Number(id),
    proposer: p.proposer.toString(),
    call,
    callWeight: p.callWeight.toJSON(),
    metadata: p.metadata.toUtf8(),
    deposit: p.deposit.toBigInt(),
    votingEnds: p.votingEnds.toNumber(),
    weighting: p.weighting.type,
    tally: { ayes: p.tally.ayes.toBigInt(), nays: p.tally.nays.toBigInt(), voters: p.tally.voters.toNumber() },
    status: p.status.isApproved
      ? { approved: true, executableAt: p.status.asApproved.executableAt.toNumber(), expiresAt: p.status.asApproved.expiresAt.toNumber() }
      : { approved: false }
  };
}

/** A DAO's live proposals with tallies. */
export async function listProposals (api, daoId) {
  const list = await api.call.daoApi.proposals(daoId);
  return list.map(([id, p]) => proposalFromCodec(api, id.toNumber(), p)).sort((a, b) => a.id - b.id);
}

/** A DAO with its members and treasury balance, or `null`. */
export async function getDao (api, daoId) {
  const dao = await api.call.daoApi.dao(daoId);
  if (dao.isNone) return null;
  const d = dao.unwrap();
  const members = await api.call.daoApi.members(daoId);
  const treasury = (await api.call.daoApi.treasuryAccount(daoId)).toString();
  const balance = (await api.query.system.account(treasury)).data.free.toBigInt();
  return {
    id: daoId,
    name: d.name.toUtf8(),
    memberCount: d.memberCount.toNumber(),
    totalShares: d.totalShares.toBigInt(),
    rules: d.rules.toJSON(),
    members: members.map(([who, shares]) => ({ who: who.toString(), shares: shares.toBigInt() })),
    treasury,
    treasuryBalance: balance,
    liveProposals: d.liveProposals.toNumber()
  };
}
