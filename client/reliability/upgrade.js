// The first real runtime upgrade, end to end (issue "Reliability", part 2): a dev chain is
// started from the runtime before the security release (spec 1, built from commit 15c04a1,
// runtime/upgrades/), real v0 state is made on it with its own calls, including what v1
// forbids (a token vote freezing SCV that a channel deposit also holds, ratings by the
// provider), then
//   1. a try-runtime snapshot of that state goes through `servicechain-try-runtime
//      on-runtime-upgrade`: the v0 → v1 migrations with their pre/post checks and every
//      pallet's try_state, natively;
//   2. the live chain is upgraded with `sudo(system.set_code)` to the new runtime (the current spec), the
//      node applies it, and the migrated state is checked through RPC: deposits in escrow,
//      proposals of spec 1 cancelled and refunded with their votes' freezes lifted, deadlines,
//      ledger entries, weighted ratings;
//   3. v1 calls work on the migrated state: a claim is paid from escrow, a closing channel is
//      finalized and refunded, a ledger entry is removed, a new channel is opened and claimed,
//      the protocol DAO passes and executes a new proposal.
//
// Usage: node client/reliability/upgrade.js OLD.wasm NEW.wasm TRY_RUNTIME_BIN
// Prints a one-line JSON summary; exit status 0 when every check passed.
import { spawnSync, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Keyring } from '@polkadot/api';
import { u8aConcat, u8aToHex, stringToU8a } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import {
  UNIT, closeProposal, connect, createDao, executeProposal, openChannel, propose, signAndWait, signVoucher, vote
} from '../src/index.js';
import { nodeBinary, startDevNode } from '../test/helpers/node.js';
import { buildMarket, logger, printSummary, sleep, workDir, writeSnapshot } from './lib.js';

const log = logger('upgrade');
const checks = [];

/** Records a check; throws when it fails. */
function check (what, ok, detail = '') {
  checks.push(what);
  if (!ok) throw new Error(`check failed: ${what}${detail ? ` (${detail})` : ''}`);
  log(`ok: ${what}`);
}

/**
 * The dev chain spec with `code` replaced: the genesis is built by that runtime. Edited as text:
 * `JSON.parse` would round its 10^24-planck balances.
 */
function specWithCode (wasm, out) {
  let spec = execFileSync(nodeBinary(), ['build-spec', '--chain', 'dev'], {
    stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20
  }).toString();
  spec = spec.replace(/"code": "0x[0-9a-f]+"/, `"code": "${u8aToHex(wasm)}"`);
  // Genesis fields spec 1 did not have (its genesis config rejects unknown ones), and a genesis
  // DAO's `rules`, which spec 1 called `config`.
  spec = spec.replace(/\s*"executionPeriod": \d+,/g, '').replace(/\s*"recordDeposit": \d+,/g, '')
    .replace(/,\s*"services": \[\]/g, '').replace(/"rules": \{/g, '"config": {');
  writeFileSync(out, spec);
}

const specVersion = async (api) => (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();
/** The spec version of the runtime built from this tree (the WASM the chain is upgraded to). */
const NEW_SPEC = Number(/spec_version:\s*(\d+)/.exec(readFileSync(new URL('../../runtime/src/lib.rs', import.meta.url), 'utf8'))[1]);
const free = async (api, who) => (await api.query.system.account(who)).data.free.toBigInt();
const total = async (api, who) => {
  const { free: f, reserved } = (await api.query.system.account(who)).data;
  return f.toBigInt() + reserved.toBigInt();
};
const best = async (api) => (await api.rpc.chain.getHeader()).number.toNumber();

async function untilBlock (api, n, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (await best(api) < n) {
    if (Date.now() > deadline) throw new Error(`block ${n} not reached`);
    await sleep(500);
  }
}

/** The pallet's escrow account (`PalletId` "sc/chans" as a `modl` account). */
function escrowAccount (api) {
  const id = api.consts.meteredPayments.palletId.toU8a();
  return api.createType('AccountId', u8aConcat(stringToU8a('modl'), id, new Uint8Array(32)).slice(0, 32)).toString();
}

async function main () {
  const [oldWasmPath, newWasmPath, tryRuntimeBin] = process.argv.slice(2);
  if (!tryRuntimeBin) throw new Error('usage: node client/reliability/upgrade.js OLD.wasm NEW.wasm TRY_RUNTIME_BIN');
  await cryptoWaitReady();
  const work = workDir('upgrade');
  let passed = false;
  const specPath = join(work.dir, 'spec-v1.json');
  specWithCode(readFileSync(oldWasmPath), specPath);
  const node = await startDevNode({ minBlocks: 1, extraArgs: ['--chain', specPath] });
  let api = await connect(node.wsUrl);
  const summary = { test: 'runtime-upgrade' };
  try {
    const k = new Keyring({ type: 'sr25519' });
    const [alice, bob, charlie, dave, eve, ferdie] =
      ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'].map((n) => k.addFromUri(`//${n}`));
    const genesisHash = api.genesisHash.toHex();
    check('the chain runs the old runtime (spec 1)', await specVersion(api) === 1);

    log('v0 state: services, channels, payments, ratings');
    const { s0, s1, open, closing } = await buildMarket(api, { bob, charlie, dave, eve });

    log('v0 state: DAOs, votes, an approved proposal');
    const { proposalId: approved } = await propose(api, alice, 0, api.tx.system.remark('upgrade'));
    await vote(api, alice, 0, approved, true);
    await vote(api, bob, 0, approved, true);
    check('DAO 0 approves a proposal in v0', await closeProposal(api, charlie, 0, approved) === 'Approved');
    const { proposalId: voting } = await propose(api, bob, 0, api.tx.system.remark('still voting'));
    await vote(api, charlie, 0, voting, false);
    const { daoId: guild } = await createDao(api, alice, 'token guild', [[alice.address, 1]], {
      votingMode: { TokenWeighted: { minProposerBalance: UNIT } },
      votingPeriod: 1000,
      quorum: 500_000_000,
      approvalThreshold: 500_000_000,
      enactmentDelay: 1,
      proposalDeposit: 2n * UNIT,
      maxMembers: 10
    });
    const { proposalId: tokenVote } = await propose(api, eve, guild, api.tx.system.remark('token'));
    await vote(api, bob, guild, tokenVote, true, 5n * UNIT);
    // The v0 hole: Ferdie freezes 900,000 SCV for a vote, then a channel holds 500,000 of them.
    await signAndWait(api, api.tx.serviceRegistry.heartbeat(s0), bob);
    await vote(api, ferdie, guild, tokenVote, true, 900_000n * UNIT);
    const { channelId: exploit } = await openChannel(api, ferdie, s0, 500_000n * UNIT);
    check('v0 let a channel hold SCV frozen for a vote',
      (await api.query.system.account(ferdie.address)).data.reserved.toBigInt() === 500_000n * UNIT);

    const v0 = {
      closingAt: (await api.query.meteredPayments.channels(closing)).unwrap().closingAt.unwrap().toNumber(),
      window: (await api.query.meteredPayments.parameters()).unwrap().settlementWindow.toNumber(),
      charliePaid: (await api.query.meteredPayments.paidToService(charlie.address, s0)).toBigInt(),
      deposits: (await api.query.meteredPayments.channels.entries())
        .reduce((sum, [, c]) => sum + c.unwrap().deposit.toBigInt(), 0n),
      ferdieTotal: await total(api, ferdie.address),
      approved
    };

    log('1. try-runtime on-runtime-upgrade on a snapshot of the v0 state');
    const head = (await api.rpc.chain.getHeader()).hash.toHex();
    const snapshot = join(work.dir, 'v0-snapshot.json');
    const { blockNumber, keys } = await writeSnapshot(api, head, snapshot);
    const dry = spawnSync(tryRuntimeBin, ['on-runtime-upgrade', snapshot], { encoding: 'utf8' });
    process.stderr.write(dry.stdout + dry.stderr.split('\n').filter((l) => /migration|error|Error|failed/i.test(l)).join('\n') + '\n');
    check(`try-runtime on-runtime-upgrade of the v0 state of block #${blockNumber - 1} (${keys} keys)`, dry.status === 0,
      `exit ${dry.status}: ${dry.stderr.slice(-2000)}`);

    log('2. the live upgrade: sudo(system.setCode(new runtime))');
    const newWasm = u8aToHex(readFileSync(newWasmPath));
    await signAndWait(api, api.tx.sudo.sudoUncheckedWeight(api.tx.system.setCode(newWasm), { refTime: 0, proofSize: 0 }), alice);
    const deadline = Date.now() + 120_000;
    while (await specVersion(api) !== NEW_SPEC) {
      if (Date.now() > deadline) throw new Error('the node did not apply the new runtime within 120 s');
      await sleep(500);
    }
    const upgradedAt = await best(api);
    await api.disconnect();
    api = await connect(node.wsUrl);
    check(`the chain runs the new runtime (spec ${NEW_SPEC}) from block #${upgradedAt}`, await specVersion(api) === NEW_SPEC);

    log('the migrated state');
    const escrow = escrowAccount(api);
    const ed = api.consts.balances.existentialDeposit.toBigInt();
    // v2: channels in pages; each v0 channel alone in page [0, id] (group 0), under its old id.
    const pages = await api.query.meteredPayments.channelPages.entries();
    const deposits = pages.reduce((sum, [, p]) =>
      sum + p.unwrap().get('entries_').reduce((s, e) => s + e.deposit.toBigInt(), 0n), 0n);
    check('every v0 channel is alone in a page of group 0, under its id',
      pages.length > 0 && pages.every(([k, p]) => k.args[0][0].toNumber() === 0 && p.unwrap().get('entries_').length === 1));
    check('every channel deposit moved into escrow', deposits === v0.deposits &&
      await free(api, escrow) >= ed + deposits, `${deposits} of ${v0.deposits}, escrow ${await free(api, escrow)}`);
    const holdsOf = async (who) => (await api.query.balances.holds(who)).map((h) => JSON.stringify(h.id.toJSON()));
    check('no channel or proposal deposit is held any more',
      !(await holdsOf(ferdie.address)).some((id) => id.includes('meteredPayments')) &&
      !(await holdsOf(alice.address)).some((id) => id.includes('ProposalDeposit')) &&
      !(await holdsOf(eve.address)).some((id) => id.includes('ProposalDeposit')));
    check('spec-1 proposals are cancelled (their calls were encoded for spec 1), with their votes and locks',
      (await api.query.dao.proposals.entries()).length === 0 && (await api.query.dao.votes.entries()).length === 0 &&
      (await api.query.dao.voteLocks.entries()).length === 0);
    const ferdieTotal = await total(api, ferdie.address);
    check('the vote that counted the channel deposit is gone: nothing of Ferdie stays frozen',
      ferdieTotal === v0.ferdieTotal - 500_000n * UNIT && (await api.query.balances.freezes(ferdie.address)).length === 0,
      `total ${ferdieTotal}`);
    const closingCh = (await api.call.meteredPaymentsApi.channel(closing)).unwrap();
    check('the closing channel keeps the deadline v0 computed',
      closingCh.settleUntil.unwrap().toNumber() === v0.closingAt + v0.window);
    const record = async (who, s) => (await api.query.meteredPayments.paidToService(who, s)).unwrap().toJSON();
    const rc = await record(charlie.address, s0);
    check('ledger entries: paid, no deposit, open channels counted',
      BigInt(rc.paid) === v0.charliePaid && BigInt(rc.deposit) === 0n && rc.channels === 1 &&
      (await record(dave.address, s0)).channels === 1 && (await record(ferdie.address, s0)).channels === 1 &&
      (await record(eve.address, s1)).channels === 0, JSON.stringify(rc));
    const rating = (await api.query.serviceRegistry.ratings(s0, charlie.address)).unwrap();
    const info = (await api.query.serviceRegistry.services(s0)).unwrap();
    check('the v0 rating weighs what Charlie paid', rating.score.toNumber() === 4 &&
      rating.weight.toBigInt() === v0.charliePaid && info.ratingCount.toNumber() === 1);
    log('3. v1 calls on the migrated state');
    const payee = await free(api, bob.address);
    await signAndWait(api, api.tx.meteredPayments.claim(open, 30, signVoucher(charlie, genesisHash, open, 30)), bob);
    check('a claim on a v0 channel is paid from escrow', await free(api, bob.address) > payee);
    await untilBlock(api, v0.closingAt + v0.window);
    const daveBefore = await free(api, dave.address);
    await signAndWait(api, api.tx.meteredPayments.finalizeClose(closing), dave);
    check('a v0 closing channel is finalized and refunded',
      await free(api, dave.address) > daveBefore + 9n * UNIT);
    const eveBefore = await free(api, eve.address);
    await signAndWait(api, api.tx.meteredPayments.removePaymentRecord(s1), eve);
    check('a v0 ledger entry is removed (it held no deposit)',
      (await api.query.meteredPayments.paidToService(eve.address, s1)).isNone && await free(api, eve.address) <= eveBefore);
    await signAndWait(api, api.tx.serviceRegistry.heartbeat(s0), bob);
    const { channelId: fresh } = await openChannel(api, charlie, s0, 5n * UNIT);
    await signAndWait(api, api.tx.meteredPayments.claim(fresh, 5, signVoucher(charlie, genesisHash, fresh, 5)), bob);
    check('a new channel opens in its service\'s group and is claimed', BigInt(fresh) >> 32n === BigInt(s0) + 1n &&
      (await api.call.meteredPaymentsApi.channel(fresh)).unwrap().claimedUnits.toNumber() === 5);
    const { proposalId: again } = await propose(api, alice, 0, api.tx.system.remark(`spec ${NEW_SPEC}`));
    await vote(api, alice, 0, again, true);
    await vote(api, bob, 0, again, true);
    check('the protocol DAO approves a new proposal', await closeProposal(api, charlie, 0, again) === 'Approved');
    const { status } = (await api.query.dao.proposals(0, again)).unwrap();
    await untilBlock(api, status.asApproved.executableAt.toNumber());
    const executed = await executeProposal(api, charlie, 0, again);
    check('and executes it', executed.ok, JSON.stringify(executed));

    Object.assign(summary, {
      oldSpec: 1, newSpec: NEW_SPEC, upgradedAt, snapshotKeys: keys, channelsMigrated: pages.length,
      escrowed: deposits, exploitChannel: Number(exploit), checks: checks.length, passed: true
    });
    passed = true;
  } finally {
    await api.disconnect().catch(() => {});
    await node.stop();
    const kept = work.cleanup(passed);
    if (kept) log(`work directory kept: ${kept}`);
  }
  printSummary(summary);
}

main().catch((e) => {
  log(`FAILED: ${e.stack ?? e.message}`);
  printSummary({ test: 'runtime-upgrade', passed: false, checks: checks.length, error: e.message });
  process.exitCode = 1;
});
