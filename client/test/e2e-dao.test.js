// End to end against `servicechain-node --dev --tmp`: create a DAO, fund its treasury, propose
// a treasury spend, two members vote, close, execute; the beneficiary receives the SCV. Then
// the protocol DAO (Alice, Bob, Charlie on the dev chain) changes the payments protocol fee.
// And a token-weighted DAO: a vote freezes SCV, a proposal without quorum gives its deposit to
// the treasury, and anyone releases an ended vote.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { UNIT, closeProposal, createDao, listProposals, propose, signAndWait, unlock, vote } from '../src/index.js';
import { withDevChain } from './helpers/chain.js';

let node;
let api;
let alice;
let bob;
let charlie;
let ferdie;

withDevChain({
  ready: async (chain) => {
    ({ node, api } = chain);
    const keyring = new Keyring({ type: 'sr25519' });
    [alice, bob, charlie, ferdie] = ['//Alice', '//Bob', '//Charlie', '//Ferdie'].map((s) => keyring.addFromUri(s));
  }
});

function eventOf (events, method) {
  const found = events.find(({ event }) => event.section === 'dao' && event.method === method);
  assert.ok(found, `event dao.${method}`);
  return found.event;
}

const free = async (who) => (await api.query.system.account(who)).data.free.toBigInt();

async function waitForBlock (n) {
  while ((await api.rpc.chain.getHeader()).number.toNumber() < n) {
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** Proposes `call` to `daoId`, `voters` vote aye, closes early, waits the delay, executes. */
async function passProposal (daoId, call, proposer, voters) {
  const proposed = await signAndWait(api, api.tx.dao.propose(daoId, call, 'e2e'), proposer);
  const proposalId = eventOf(proposed.events, 'Proposed').data.proposalId.toNumber();
  for (const voter of voters) {
    await signAndWait(api, api.tx.dao.vote(daoId, proposalId, true, null), voter);
  }
  const live = (await listProposals(api, daoId)).find((p) => p.id === proposalId);
  assert.equal(live.tally.ayes, BigInt(voters.length));
  assert.equal(live.tally.voters, voters.length);
  assert.equal(live.status.approved, false);
  assert.equal(live.call, `${call.method.section}.${call.method.method}`);
  const closed = await signAndWait(api, api.tx.dao.closeProposal(daoId, proposalId), ferdie);
  assert.equal(eventOf(closed.events, 'ProposalClosed').data.outcome.type, 'Approved');
  const proposal = (await api.call.daoApi.proposal(daoId, proposalId)).unwrap();
  await waitForBlock(proposal.status.asApproved.executableAt.toNumber() - 1);
  const executed = await signAndWait(api,
    api.tx.dao.executeProposal(daoId, proposalId, proposal.callWeight), ferdie);
  const result = eventOf(executed.events, 'ProposalExecuted').data.result;
  assert.ok(result.isOk, `executed: ${result.toString()}`);
  return proposalId;
}

test('a new DAO pays a beneficiary from its treasury after two members vote', async () => {
  const config = {
    votingMode: 'Shares',
    votingPeriod: 20,
    quorum: 500_000_000, // 50%
    approvalThreshold: 600_000_000, // 60%
    enactmentDelay: 1,
    executionPeriod: 100,
    proposalDeposit: UNIT,
    maxMembers: 10
  };
  const created = await signAndWait(api,
    api.tx.dao.createDao('e2e guild', [[alice.address, 1], [bob.address, 1], [charlie.address, 1]], config), alice);
  const { daoId, treasury } = eventOf(created.events, 'DaoCreated').data;
  assert.equal((await api.call.daoApi.treasuryAccount(daoId)).toString(), treasury.toString());
  const dao = (await api.call.daoApi.dao(daoId)).unwrap();
  assert.equal(dao.memberCount.toNumber(), 3);

  await signAndWait(api, api.tx.balances.transferKeepAlive(treasury, 50n * UNIT), charlie);
  const before = await free(ferdie.address);
  await passProposal(daoId, api.tx.dao.spend(ferdie.address, 20n * UNIT), alice, [alice, bob]);
  // Ferdie also paid fees for closing and executing.
  const gained = (await free(ferdie.address)) - before;
  assert.ok(gained > 19n * UNIT && gained <= 20n * UNIT, `ferdie gained ${gained}`);

  // A non-member cannot propose: a named error.
  await assert.rejects(
    signAndWait(api, api.tx.dao.propose(daoId, api.tx.dao.spend(ferdie.address, 1n), ''), ferdie),
    { errorName: 'dao.CannotPropose' });
});

test('the protocol DAO changes the payments protocol fee', async () => {
  const params = (await api.call.meteredPaymentsApi.parameters()).toJSON();
  const call = api.tx.meteredPayments.setParameters({ ...params, protocolFee: 25_000_000 });
  await passProposal(0, call, bob, [alice, charlie]);
  const after = await api.call.meteredPaymentsApi.parameters();
  assert.equal(after.protocolFee.toNumber(), 25_000_000);
});

test('token voting: a vote freezes SCV, junk pays its deposit, anyone unlocks an ended vote', async () => {
  const config = {
    votingMode: { TokenWeighted: { minProposerBalance: UNIT } },
    votingPeriod: 4,
    quorum: 500_000_000, // 50% of the issuance: out of reach here
    approvalThreshold: 500_000_000,
    enactmentDelay: 1,
    executionPeriod: 10,
    proposalDeposit: 2n * UNIT,
    maxMembers: 10
  };
  const { daoId, treasury } = await createDao(api, alice, 'token guild', [[alice.address, 1]], config);
  const { proposalId, votingEnds } = await propose(api, ferdie, daoId, api.tx.system.remark('junk'));
  await vote(api, bob, daoId, proposalId, true, 5n * UNIT);
  const frozen = async (who) => (await api.query.system.account(who)).data.frozen.toBigInt();
  assert.equal(await frozen(bob.address), 5n * UNIT);
  await assert.rejects(unlock(api, charlie, daoId, proposalId, bob.address), { errorName: 'dao.VotingOngoing' });

  await waitForBlock(votingEnds + 1);
  const treasuryBefore = await free(treasury);
  assert.equal(await closeProposal(api, charlie, daoId, proposalId), 'Expired');
  assert.equal(await free(treasury), treasuryBefore + 2n * UNIT, 'the junk proposal paid its deposit');
  // Charlie releases Bob's ended vote: no record outlives the vote.
  await unlock(api, charlie, daoId, proposalId, bob.address);
  assert.equal(await frozen(bob.address), 0n);
  assert.ok((await api.query.dao.votes(daoId, proposalId, bob.address)).isNone);
});
