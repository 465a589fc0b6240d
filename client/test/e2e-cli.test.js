// The `scv` CLI against `servicechain-node --dev --tmp`: balance, channel top-up/list/claim/
// close, and a DAO's whole life (create, propose, vote, close, execute, list, show), with
// --json output and error names on failure.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { UNIT, connect, registerService, voucherPayload } from '../src/index.js';
import { startDevNode } from './helpers/node.js';
import { runScv } from './helpers/scv.js';

let node;
let api;
let keyring;

const scv = (args, suri) => runScv(node.wsUrl, args, suri);

before(async () => {
  node = await startDevNode({ minBlocks: 1 });
  api = await connect(node.wsUrl);
  await cryptoWaitReady();
  keyring = new Keyring({ type: 'sr25519' });
});

after(async () => {
  await api?.disconnect();
  await node?.stop();
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
