// The whole mission end to end against `servicechain-node --dev --tmp`: a provider registers a
// service pointing at a local HTTP upstream and runs `scv gateway`; a consumer discovers it by
// tag, opens a channel, makes 500 paid HTTP requests through the gateway (all accepted), the
// 501st beyond the deposit gets 402; the gateway claims on SIGTERM; the payee was paid exactly
// 500 units minus the protocol fee in one or a few claims; the consumer closes and gets the
// rest; the protocol DAO votes a fee change and the next claim uses it. Bad inputs at the
// gateway get 4xx and are never proxied.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { UNIT, closeChannel, closeProposal, executeProposal, fetchWithPayment, findServices, getChannel, heartbeat, openChannel, propose, signAndWait, vote, voucherHeader, voucherPayload } from '../src/index.js';
import { startGateway } from '../src/gateway/server.js';
import { freePort } from './helpers/node.js';
import { SCV, runScv } from './helpers/scv.js';
import { readVoucherState } from '../src/gateway/store.js';
import { withDevChain } from './helpers/chain.js';

const PRICE = UNIT / 1000n; // 0.001 SCV per request
const DEPOSIT = 500n * PRICE + PRICE / 2n; // covers 500 requests, not 501

let node;
let api;
let upstream;
let upstreamUrl;
let upstreamHits = 0;
let provider; // Bob
let consumer; // Charlie
let payee; // Dave
let genesisHash;
let serviceId;
const dir = mkdtempSync(join(tmpdir(), 'scv-e2e-'));

/** Runs the CLI; resolves with its exit code and parsed --json output. */
const scv = (args, { suri } = {}) => runScv(node.wsUrl, args, suri);

/** Starts `scv gateway` as a child process; resolves once it listens. */
async function spawnGateway (stateFile) {
  const port = await freePort();
  const child = spawn(process.execPath, [SCV, 'gateway', '--service', String(serviceId), '--upstream', upstreamUrl,
    '--listen', `127.0.0.1:${port}`, '--state', stateFile, '--claim-interval', '3600', '--claim-threshold', '100000', '--json'],
  { env: { ...process.env, SCV_URL: node.wsUrl, SCV_SURI: '//Bob' } });
  const lines = [];
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      lines.push(...d.toString().trim().split('\n'));
      if (lines.some((l) => l.includes('listening'))) resolve();
    });
    exited.then((code) => reject(new Error(`gateway exited ${code}: ${log}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child, lines, exited, log: () => log };
}

const free = async (who) => (await api.query.system.account(who)).data.free.toBigInt();

withDevChain({
  ready: async (chain) => {
    ({ node, api } = chain);
    const keyring = new Keyring({ type: 'sr25519' });
    [provider, consumer, payee] = ['//Bob', '//Charlie', '//Dave'].map((s) => keyring.addFromUri(s));
    genesisHash = api.genesisHash.toHex();
    upstream = http.createServer((req, res) => {
      upstreamHits += 1;
      if (req.headers['x-servicechain-voucher']) {
        res.writeHead(500);
        res.end('the voucher header leaked upstream');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ answer: 42, path: req.url }));
    });
    await new Promise((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    upstreamUrl = `http://127.0.0.1:${upstream.address().port}`;
  },
  teardown: async () => {
    await new Promise((resolve) => (upstream ? upstream.close(resolve) : resolve()));
  }
});

test('scv registers the service and the SDK discovers it by tag', async () => {
  const reg = await scv(['service', 'register', '--name', 'llm-gw', '--endpoint', upstreamUrl, '--protocol', 'http',
    '--tag', 'llm', '--tag', 'metered', '--price', '0.001', '--beneficiary', payee.address], { suri: '//Bob' });
  assert.equal(reg.code, 0, reg.err);
  serviceId = Number(reg.json.serviceId);
  const found = await findServices(api, { tags: ['llm', 'metered'] });
  assert.deepEqual(found.map((s) => s.id), [serviceId]);
  assert.equal(found[0].pricePerUnit, PRICE);
  const listed = await scv(['service', 'list', '--tag', 'llm']);
  assert.equal(listed.code, 0);
  assert.equal(listed.json[0].name, 'llm-gw');
  // A dispatch error exits 1 with its name; a missing key is a usage error (2), never echoed.
  const bad = await scv(['service', 'heartbeat', '999'], { suri: '//Bob' });
  assert.equal(bad.code, 1);
  assert.equal(bad.json.error, 'serviceRegistry.UnknownService');
  const noKey = await scv(['channel', 'open', String(serviceId), '--deposit', '1']);
  assert.equal(noKey.code, 2);
});

test('500 paid requests through the gateway, the 501st is refused, one claim on SIGTERM', async () => {
  const stateFile = join(dir, 'gateway-state.json');
  const gw = await spawnGateway(stateFile);
  const open = await scv(['channel', 'open', String(serviceId), '--deposit', '0.5005'], { suri: '//Charlie' });
  assert.equal(open.code, 0, open.err);
  const channelId = BigInt(open.json.channelId);
  const channel = { channelId, units: 0n };

  for (let i = 1; i <= 500; i++) {
    const res = await fetchWithPayment(`${gw.url}/v1/complete?i=${i}`, { channel, pair: consumer, genesisHash });
    assert.equal(res.status, 200, `request ${i}: ${await res.clone().text()}`);
    assert.equal((await res.json()).path, `/v1/complete?i=${i}`);
  }
  assert.equal(channel.units, 500n);
  assert.equal(upstreamHits, 500);
  const refused = await fetchWithPayment(`${gw.url}/v1/complete`, { channel, pair: consumer, genesisHash });
  assert.equal(refused.status, 402);
  const body = await refused.json();
  assert.equal(body.error, 'InsufficientDeposit');
  assert.equal(body.channel.acceptedUnits, '500');
  assert.equal(body.channel.remainingUnits, '0');
  assert.equal(channel.units, 500n, 'refused units are not counted');

  // Bad inputs: 4xx with a clear message, never proxied (no header at all: x402's 402).
  const send = (header) => fetch(`${gw.url}/v1/complete`, { headers: header === null ? {} : { 'x-servicechain-voucher': header } });
  const sign = (pair, ch, units) => u8aToHex(pair.sign(voucherPayload(genesisHash, ch, units)));
  const forger = new Keyring({ type: 'sr25519' }).addFromUri('//Eve');
  const other = await openChannel(api, consumer, serviceId, 10n * PRICE);
  for (const [header, status, error] of [
    [null, 402, 'PaymentRequired'],
    ['not-a-voucher', 400, 'MalformedVoucher'],
    [`${channelId}:abc:0x00`, 400, 'MalformedVoucher'],
    [voucherHeader(channelId, 501n, sign(forger, channelId, 501n)), 402, 'BadSignature'],
    [voucherHeader(channelId, 10n, sign(consumer, channelId, 10n)), 402, 'UnitsNotIncreasing'],
    [voucherHeader(other.channelId, 1n, sign(consumer, channelId, 1n)), 402, 'BadSignature'],
    [voucherHeader(999_999n, 1n, sign(consumer, 999_999n, 1n)), 402, 'UnknownChannel']
  ]) {
    const res = await send(header);
    assert.equal(res.status, status, `${header}`);
    const json = await res.json();
    assert.equal(json.error, error, `${header}`);
    assert.ok(json.message.length > 10);
  }
  assert.equal(upstreamHits, 500, 'nothing bad was proxied');

  // The latest voucher is on disk before any claim: a crash would not lose it.
  const saved = readVoucherState(stateFile);
  assert.equal(saved.vouchers[channelId.toString()].units, '500');

  const payeeBefore = await free(payee.address);
  gw.child.kill('SIGTERM');
  assert.equal(await gw.exited, 0, gw.log());
  const summary = JSON.parse(gw.lines.filter((l) => l.includes('stopped')).pop());
  assert.equal(summary.claimedChannels, 1);
  assert.ok(summary.stats.claims >= 1 && summary.stats.claims <= 2, `claims: ${summary.stats.claims}`);
  assert.equal(summary.stats.accepted, 500);
  assert.ok(summary.stats.heartbeats >= 1, 'the gateway kept the service alive');
  const settled = await getChannel(api, channelId);
  assert.equal(settled.claimedUnits, 500n);
  const fee = (500n * PRICE) / 100n; // 1%
  assert.equal(await free(payee.address), payeeBefore + 500n * PRICE - fee);
  assert.deepEqual(readVoucherState(stateFile).vouchers, {}, 'nothing left unclaimed');

  // The consumer closes: request, wait out the window, finalize; the half unit comes back.
  const requested = await closeChannel(api, consumer, channelId);
  const until = requested.events.find(({ event }) => event.method === 'CloseRequested').event.data.settleUntil.toNumber();
  while ((await api.rpc.chain.getHeader()).number.toNumber() + 1 < until) await new Promise((resolve) => setTimeout(resolve, 500));
  const before = await free(consumer.address);
  const closed = await closeChannel(api, consumer, channelId, { finalize: true });
  const refund = closed.events.find(({ event }) => event.method === 'ChannelClosed').event.data.refund.toBigInt();
  assert.equal(refund, DEPOSIT - 500n * PRICE);
  const txFee = closed.events.find(({ event }) => event.method === 'TransactionFeePaid').event.data.actualFee.toBigInt();
  assert.equal(await free(consumer.address), before + refund - txFee);
});

test('the protocol DAO votes a 5% fee and the next claim uses it; a restarted gateway claims saved vouchers', async () => {
  const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
  const params = (await api.call.meteredPaymentsApi.parameters()).toJSON();
  const { proposalId } = await propose(api, alice, 0,
    api.tx.meteredPayments.setParameters({ ...params, protocolFee: 50_000_000 }), 'fee to 5%');
  await vote(api, alice, 0, proposalId, true);
  await vote(api, provider, 0, proposalId, true);
  assert.equal(await closeProposal(api, consumer, 0, proposalId), 'Approved');
  const { executableAt } = (await api.call.daoApi.proposal(0, proposalId)).unwrap().status.asApproved;
  while ((await api.rpc.chain.getHeader()).number.toNumber() + 1 < executableAt.toNumber()) await new Promise((resolve) => setTimeout(resolve, 500));
  assert.deepEqual(await executeProposal(api, consumer, 0, proposalId), { ok: true });
  assert.equal((await api.call.meteredPaymentsApi.parameters()).protocolFee.toNumber(), 50_000_000);

  // In-process gateway; it "crashes" (no claim), a new one loads the file and claims.
  const stateFile = join(dir, 'restart-state.json');
  // No gateway ran meanwhile: the provider proves liveness itself before a new channel.
  await heartbeat(api, provider, serviceId);
  const { channelId } = await openChannel(api, consumer, serviceId, 100n * PRICE);
  const channel = { channelId, units: 0n };
  const first = await startGateway({ api, signer: provider, serviceId, upstream: upstreamUrl, stateFile, claimIntervalMs: 0, claimThresholdUnits: 1_000_000n, heartbeats: false });
  for (let i = 0; i < 20; i++) {
    assert.equal((await fetchWithPayment(`${first.url}/x`, { channel, pair: consumer, genesisHash })).status, 200);
  }
  assert.ok(existsSync(stateFile));
  const second = await startGateway({ api, signer: provider, serviceId, upstream: upstreamUrl, stateFile, claimIntervalMs: 0, heartbeats: false });
  assert.equal(second.pending.get(channelId.toString())?.units, 20n);
  const [result] = await second.claimNow();
  assert.equal(result.claimed.length, 1);
  assert.equal(result.claimed[0].amount, 20n * PRICE);
  assert.equal(result.claimed[0].fee, (20n * PRICE * 5n) / 100n, 'the new 5% fee');
  await second.stop();
  await first.stop(); // nothing left to claim: the chain already has 20 units
  assert.equal((await getChannel(api, channelId)).claimedUnits, 20n);
});

test('a failed request is not paid: a 5xx is not relayed and its retry is free; hanging up after sending is paid', async () => {
  // An upstream that fails on /fail (with a body that must not leak) and is slow on /slow.
  const hits = [];
  const flaky = http.createServer((req, res) => {
    hits.push(req.url);
    if (req.url === '/fail') { res.writeHead(500); res.end('secret failure details'); return; }
    setTimeout(() => { res.writeHead(200); res.end(`ok ${req.url}`); }, req.url === '/slow' ? 300 : 0);
  });
  await new Promise((resolve) => flaky.listen(0, '127.0.0.1', resolve));
  const flakyUrl = `http://127.0.0.1:${flaky.address().port}`;
  await heartbeat(api, provider, serviceId);
  const { channelId } = await openChannel(api, consumer, serviceId, 100n * PRICE);
  const channel = { channelId, units: 0n };
  const gw = await startGateway({ api, signer: provider, serviceId, upstream: flakyUrl, stateFile: join(dir, 'flaky-state.json'), claimIntervalMs: 0, claimThresholdUnits: 1_000_000n, heartbeats: false });
  try {
    // The upstream fails: a bare 502, and the consumer's count stays.
    const failed = await fetchWithPayment(`${gw.url}/fail`, { channel, pair: consumer, genesisHash });
    assert.equal(failed.status, 502);
    assert.ok(!(await failed.text()).includes('secret'), 'a failure body is not relayed');
    assert.equal(channel.units, 0n);
    // The retry (same voucher, unit 1) is served without a new unit.
    const retried = await fetchWithPayment(`${gw.url}/ok`, { channel, pair: consumer, genesisHash });
    assert.equal(retried.status, 200);
    assert.equal(await retried.text(), 'ok /ok');
    assert.equal(gw.stats.retried, 1);
    assert.equal(channel.units, 1n);
    // Replaying it again is refused: the credit is used.
    const header = (units) => voucherHeader(channelId, units, u8aToHex(consumer.sign(voucherPayload(genesisHash, channelId, units))));
    const replay = await fetch(`${gw.url}/ok`, { headers: { 'x-servicechain-voucher': header(1n) } });
    assert.equal(replay.status, 402);
    // A consumer that sends its request and hangs up has been served (else hanging up before
    // every answer would get the service for free).
    await new Promise((resolve) => {
      const req = http.request(`${gw.url}/slow`, { headers: { 'x-servicechain-voucher': header(2n) } });
      req.on('error', () => {});
      req.end(() => setTimeout(() => { req.destroy(); resolve(); }, 50));
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(gw.pending.get(channelId.toString())?.units, 2n);
    const again = await fetch(`${gw.url}/ok`, { headers: { 'x-servicechain-voucher': header(2n) } });
    assert.equal(again.status, 402, 'no credit for a request the consumer abandoned');
    const [result] = await gw.claimNow();
    assert.equal(result.claimed.length, 1);
    assert.equal((await getChannel(api, channelId)).claimedUnits, 2n);
  } finally {
    await gw.stop();
    flaky.close();
  }
});
