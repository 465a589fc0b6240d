// The `scv` CLI against `servicechain-node --dev --tmp`: balance, channel top-up/list/claim/
// close, a service's life (register with a unit of its own, pause, resume, reap refused,
// deregister, withdraw), and a DAO's whole life (create, propose, cancel, vote, close, execute,
// list, show), with --json output and error names on failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { UNIT, registerService, voucherPayload } from '../src/index.js';
import { runScv } from './helpers/scv.js';
import { withDevChain } from './helpers/chain.js';

let node;
let api;
let keyring;

const scv = (args, suri) => runScv(node.wsUrl, args, suri);

withDevChain({
  ready: async (chain) => {
    ({ node, api } = chain);
    keyring = new Keyring({ type: 'sr25519' });
  }
});

test('scv balance and channel topup, list, claim and close', async () => {
  const bal = await scv(['balance'], '//Charlie');
  assert.equal(bal.code, 0, bal.err);
  assert.equal(bal.json.address, keyring.addFromUri('//Charlie').address);
  assert.ok(BigInt(bal.json.free) > 900_000n * UNIT);

  const { serviceId } = await registerService(api, keyring.addFromUri('//Bob'), {
    name: 'cli', endpoints: ['https://cli.example.com'], protocol: 'https', tags: ['cli'], pricePerUnit: UNIT / 1000n, unit: 'Request'
  });
  const open = await scv(['channel', 'open', String(serviceId), '--deposit', '0.1'], '//Charlie');
  assert.equal(open.code, 0, open.err);
  const id = open.json.channelId;
  assert.equal((await scv(['channel', 'topup', id, '--amount', '0.05'], '//Charlie')).code, 0);
  const list = await scv(['channel', 'list'], '//Charlie');
  assert.equal(list.json.find((c) => c.id === id).deposit, (150n * UNIT / 1000n).toString());
  const provided = await scv(['channel', 'list', '--provider', keyring.addFromUri('//Bob').address]);
  assert.ok(provided.json.some((c) => c.id === id));

  // The provider claims a raw signature; the scheme is detected.
  const charlie = keyring.addFromUri('//Charlie');
  const sig = u8aToHex(charlie.sign(voucherPayload(api.genesisHash.toHex(), BigInt(id), 42n)));
  const claimed = await scv(['channel', 'claim', id, '--units', '42', '--signature', sig], '//Bob');
  assert.equal(claimed.code, 0, claimed.err);
  assert.equal(claimed.json.units, '42');
  const replay = await scv(['channel', 'claim', id, '--units', '42', '--signature', sig], '//Bob');
  assert.equal(replay.code, 1);
  assert.equal(replay.json.error, 'meteredPayments.UnitsNotIncreasing');

  const closed = await scv(['channel', 'close', id, '--as-provider'], '//Bob');
  assert.equal(closed.code, 0, closed.err);
  assert.equal(closed.json.event, 'ChannelClosed');
  const gone = await scv(['channel', 'show', id]);
  assert.equal(gone.code, 2);
});

test('scv dao create, propose, vote, close, execute, list and show', async () => {
  const [alice, bob, ferdie] = ['//Alice', '//Bob', '//Ferdie'].map((s) => keyring.addFromUri(s));
  const created = await scv(['dao', 'create', '--name', 'cli-dao', '--member', `${alice.address}:1`, '--member', `${bob.address}:1`,
    '--voting-period', '20', '--delay', '1', '--threshold', '60', '--proposal-deposit', '1'], '//Alice');
  assert.equal(created.code, 0, created.err);
  const daoId = String(created.json.daoId);
  await api.tx.balances.transferKeepAlive(created.json.treasury, 10n * UNIT).signAndSend(keyring.addFromUri('//Charlie'));

  const proposed = await scv(['dao', 'propose', daoId, '--call', 'dao.spend', '--args', JSON.stringify([ferdie.address, (2n * UNIT).toString()]),
    '--metadata', 'pay ferdie'], '//Alice');
  assert.equal(proposed.code, 0, proposed.err);
  const pid = String(proposed.json.proposalId);
  const notMember = await scv(['dao', 'vote', daoId, pid, 'aye'], '//Ferdie');
  assert.equal(notMember.json.error, 'dao.NotMember');
  for (const who of ['//Alice', '//Bob']) assert.equal((await scv(['dao', 'vote', daoId, pid, 'aye'], who)).code, 0);
  const listed = await scv(['dao', 'list', daoId]);
  assert.equal(listed.json[0].call, 'dao.spend');
  assert.equal(listed.json[0].tally.ayes, '2');
  const closed = await scv(['dao', 'close', daoId, pid], '//Ferdie');
  assert.equal(closed.json.outcome, 'Approved');
  const before = (await api.query.system.account(ferdie.address)).data.free.toBigInt();
  let executed;
  for (let i = 0; i < 10; i++) {
    executed = await scv(['dao', 'execute', daoId, pid], '//Charlie');
    if (executed.code === 0) break;
    assert.equal(executed.json.error, 'dao.EnactmentDelay');
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  assert.deepEqual(executed.json, { ok: true });
  assert.equal((await api.query.system.account(ferdie.address)).data.free.toBigInt(), before + 2n * UNIT);
  const shown = await scv(['dao', 'show', daoId]);
  assert.equal(shown.json.memberCount, 2);
  assert.equal(shown.json.liveProposals, 0);
});

test('scv service register (a unit of its own), pause, resume, reap, deregister and withdraw', async () => {
  const registered = await scv(['service', 'register', '--name', 'cli-life', '--endpoint', 'https://life.example.com',
    '--tag', 'life', '--price', '0.001', '--unit', 'Token'], '//Dave');
  assert.equal(registered.code, 0, registered.err);
  const id = String(registered.json.serviceId);
  const shown = await scv(['service', 'show', id]);
  assert.equal(shown.code, 0, shown.err);
  assert.equal(shown.json.name, 'cli-life');
  const info = (await api.query.serviceRegistry.services(Number(id))).unwrap();
  assert.ok(info.details.unit.isCustom, 'a unit the chain does not name is a custom unit');
  assert.equal(info.details.unit.asCustom.toUtf8(), 'Token');
  const status = async () => (await api.query.serviceRegistry.services(Number(id))).unwrap().status.type;
  assert.equal((await scv(['service', 'pause', id], '//Dave')).code, 0);
  assert.equal(await status(), 'Paused');
  assert.equal((await scv(['service', 'resume', id], '//Dave')).code, 0);
  assert.equal(await status(), 'Active');
  const reap = await scv(['service', 'reap', id], '//Eve');
  assert.equal(reap.json.error, 'serviceRegistry.NotReapable');
  assert.equal((await scv(['service', 'deregister', id], '//Dave')).code, 0);
  let withdrawn;
  for (let i = 0; i < 20; i++) {
    withdrawn = await scv(['service', 'withdraw', id], '//Dave');
    if (withdrawn.code === 0) break;
    assert.equal(withdrawn.json.error, 'serviceRegistry.DepositLocked');
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  assert.equal(withdrawn.code, 0, withdrawn.err);
  assert.ok(BigInt(withdrawn.json.deposit) > 0n);
  assert.ok((await api.query.serviceRegistry.services(Number(id))).isNone, 'withdrawn: removed');
  // Unknown options are refused, per command.
  const unknown = await scv(['service', 'pause', id, '--deposit', '1'], '//Dave');
  assert.equal(unknown.code, 2);
});

test('scv dao cancel: a proposer takes back its proposal before any vote', async () => {
  const alice = keyring.addFromUri('//Alice');
  const created = await scv(['dao', 'create', '--name', 'cli-cancel', '--member', `${alice.address}:1`], '//Alice');
  assert.equal(created.code, 0, created.err);
  const daoId = String(created.json.daoId);
  const proposed = await scv(['dao', 'propose', daoId, '--call', 'system.remark', '--args', '["0x01"]'], '//Alice');
  assert.equal(proposed.code, 0, proposed.err);
  const cancelled = await scv(['dao', 'cancel', daoId, String(proposed.json.proposalId)], '//Alice');
  assert.equal(cancelled.code, 0, cancelled.err);
  assert.deepEqual((await scv(['dao', 'list', daoId])).json, []);
});
