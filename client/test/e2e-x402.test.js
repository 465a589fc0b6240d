// x402 end to end against `servicechain-node --dev --tmp` (docs/x402.md):
// - the stock `@x402/fetch` client, with only ServiceChain's scheme registered, pays `scv
//   gateway` for 200 requests; the payee is paid exactly 200 × price − fee in one claim;
// - bad payments (malformed base64 and JSON, wrong network, wrong asset, forged, replayed,
//   stale, beyond the deposit, beyond the risk cap) each get a 402 with an x402 error and are
//   never proxied; a v1 `X-PAYMENT` is served with an `X-PAYMENT-RESPONSE`;
// - a resource server built with the stock `@x402/express` middleware and ServiceChain's server
//   scheme verifies and settles through the facilitator (`startFacilitator`, as `scv
//   facilitator` runs it), which redeems the commitments on chain; its `/supported` and
//   `/discovery/resources` describe the network and the registered services.
import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import express from 'express';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { decodePaymentResponseHeader, wrapFetchWithPayment, x402Client } from '@x402/fetch';
import { paymentMiddleware, x402ResourceServer } from '@x402/express';
import { HTTPFacilitatorClient } from '@x402/core/server';
import { ServiceChainBatchClient, ServiceChainBatchServer, servicechainRoute, startFacilitator } from '@servicechain/x402';
import { UNIT, closeChannel, getChannel, openChannel, registerService, voucherHeader, voucherPayload } from '../src/index.js';
import { startGateway } from '../src/gateway/server.js';
import {
  HEADERS, REASONS, decodeHeader, encodeHeader, paymentRequirements, signPayment, x402Network
} from '../src/x402.js';
import { withDevChain } from './helpers/chain.js';

const PRICE = UNIT / 1000n;

let node;
let api;
let upstream;
let upstreamUrl;
let upstreamHits = 0;
let keys;
let network;
let genesisHash;
const dir = mkdtempSync(join(tmpdir(), 'scv-x402-'));

const free = async (who) => (await api.query.system.account(who)).data.free.toBigInt();
const service = (name, payee, pricePerUnit = PRICE) => ({
  name, endpoints: [`${upstreamUrl}/${name}`], protocol: 'http', tags: ['x402', name], pricePerUnit, unit: 'Request',
  metadata: null, beneficiary: payee
});

/** A stock x402 client paying with ServiceChain channels from `pair`'s account. */
function payingFetch (pair, budget = 1_000n * PRICE) {
  const client = new x402Client()
    .register(network, new ServiceChainBatchClient({ api, pair, budget, deposit: 300n * PRICE }))
    .setSpendControls({ allowedAssets: [{ network, asset: 'SCV', maxAmountPerPayment: PRICE.toString() }] });
  return wrapFetchWithPayment(fetch, client);
}

withDevChain({
  ready: async (chain) => {
    ({ node, api } = chain);
    const keyring = new Keyring({ type: 'sr25519' });
    keys = Object.fromEntries(['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'].map((n) => [n, keyring.addFromUri(`//${n}`)]));
    genesisHash = api.genesisHash.toHex();
    network = x402Network(genesisHash);
    upstream = http.createServer((req, res) => {
      upstreamHits += 1;
      const leaked = ['x-servicechain-voucher', HEADERS.signature, HEADERS.signatureV1].some((h) => req.headers[h]);
      if (req.url.startsWith('/fail')) { res.writeHead(500); res.end('upstream failure'); return; }
      res.writeHead(leaked ? 500 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(leaked ? { error: 'a payment header leaked upstream' } : { answer: 42, path: req.url }));
    });
    await new Promise((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    upstreamUrl = `http://127.0.0.1:${upstream.address().port}`;
  },
  teardown: async () => {
    await new Promise((resolve) => (upstream ? upstream.close(resolve) : resolve()));
  }
});

test('the stock @x402/fetch client pays the gateway for 200 requests; one claim pays 200 × price − fee', async () => {
  const { Bob: provider, Charlie: consumer, Eve: payee } = keys;
  const { serviceId } = await registerService(api, provider, service('llm', payee.address));
  const gw = await startGateway({
    api, signer: provider, serviceId, upstream: upstreamUrl, claimIntervalMs: 0, claimThresholdUnits: 100_000n,
    stateFile: join(dir, 'gateway.json')
  });
  const pay = payingFetch(consumer);
  const hitsBefore = upstreamHits;
  let channelId = null;
  for (let i = 1; i <= 200; i++) {
    const res = await pay(`${gw.url}/v1/complete?i=${i}`);
    assert.equal(res.status, 200, `request ${i}: ${await res.clone().text()}`);
    assert.equal((await res.json()).path, `/v1/complete?i=${i}`);
    const receipt = decodePaymentResponseHeader(res.headers.get('payment-response'));
    assert.equal(receipt.success, true);
    assert.equal(receipt.network, network);
    channelId ??= receipt.extra.channelId;
    assert.equal(receipt.transaction, `${channelId}:${i}`, 'the commitment identifier names channel and count');
  }
  // The unpaid first try of each request got a 402 from the gateway: only paid ones reached upstream.
  assert.equal(upstreamHits - hitsBefore, 200);
  assert.equal(gw.stats.x402, 200);

  const payeeBefore = await free(payee.address);
  const results = await gw.stop();
  assert.equal(results.length, 1, 'one claim_batch');
  assert.equal(results[0].claimed.length, 1);
  const { amount, fee } = results[0].claimed[0];
  assert.equal(amount, 200n * PRICE);
  assert.equal(fee, (200n * PRICE) / 100n);
  assert.equal(await free(payee.address), payeeBefore + 200n * PRICE - fee, 'the payee got 200 × price − fee');
  assert.equal((await getChannel(api, BigInt(channelId))).claimedUnits, 200n);
});

test('bad x402 payments get a 402 with a reason and are never proxied; v1 X-PAYMENT is served', async () => {
  const { Bob: provider, Dave: payer, Ferdie: forger } = keys;
  // Priced so that a 3-unit deposit is above the chain's minimum deposit.
  const price = UNIT / 100n;
  const { serviceId } = await registerService(api, provider, service('maps', null, price));
  const gw = await startGateway({
    api, signer: provider, serviceId, upstream: upstreamUrl, claimIntervalMs: 0, heartbeats: false, riskCap: 6n * price,
    cors: 'http://app.example'
  });
  try {
    // A browser app's preflight is answered by the gateway, free and never proxied.
    const before = upstreamHits;
    const preflight = await fetch(`${gw.url}/tiles`, {
      method: 'OPTIONS',
      headers: { origin: 'http://app.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'payment-signature' }
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'http://app.example');
    assert.equal(preflight.headers.get('access-control-allow-headers'), 'payment-signature');
    assert.equal(upstreamHits, before);
    // Unpaid: 402, the v2 PAYMENT-REQUIRED header and the JSON body existing clients read.
    const unpaid = await fetch(`${gw.url}/tiles`);
    assert.equal(unpaid.status, 402);
    const required = decodeHeader(unpaid.headers.get(HEADERS.required));
    assert.equal(required.x402Version, 2);
    const [req] = required.accepts;
    assert.deepEqual(req, paymentRequirements({ genesisHash, serviceId, payTo: provider.address, pricePerUnit: price, minDeposit: req.extra.minDeposit }));
    assert.equal((await unpaid.json()).error, 'PaymentRequired');
    assert.match(unpaid.headers.get('access-control-expose-headers'), /PAYMENT-REQUIRED/);

    const { channelId } = await openChannel(api, payer, serviceId, 3n * price);
    const hits = upstreamHits;
    const paid = (units, { pair = payer, accepted = req, id = channelId } = {}) => encodeHeader({
      x402Version: 2, resource: required.resource, accepted, payload: signPayment(pair, genesisHash, id, units)
    });
    const send = (value, header = HEADERS.signature, path = '/tiles') => fetch(`${gw.url}${path}`, { headers: { [header]: value } });
    const refused = async (value, reason, what) => {
      const res = await send(value);
      assert.equal(res.status, 402, what);
      assert.equal(decodeHeader(res.headers.get(HEADERS.required)).error, reason, what);
      const body = await res.json();
      assert.equal(body.x402Error, reason, what);
      return decodeHeader(res.headers.get(HEADERS.required));
    };
    await refused('%%% not base64', REASONS.malformed, 'malformed base64');
    await refused(Buffer.from('{"x402Version": 2, ').toString('base64'), REASONS.malformed, 'malformed JSON');
    await refused(paid(1n, { accepted: { ...req, network: 'polkadot:00000000000000000000000000000000' } }), REASONS.network, 'wrong network');
    await refused(paid(1n, { accepted: { ...req, asset: 'DOT' } }), REASONS.asset, 'wrong asset');
    await refused(paid(1n, { pair: forger }), REASONS.signature, 'forged voucher');
    await refused(paid(1n, { id: 999_999n }), REASONS.unknownChannel, 'unknown channel');
    await refused(paid(2n), REASONS.mismatch, 'a count that skips units');
    assert.equal(upstreamHits, hits, 'nothing refused was proxied');

    const ok = await send(paid(1n));
    assert.equal(ok.status, 200);
    assert.equal(decodeHeader(ok.headers.get(HEADERS.response)).transaction, `${channelId}:1`);
    // Replayed and stale: a corrective 402 with the consumer's own latest voucher.
    const replay = await refused(paid(1n), REASONS.mismatch, 'replayed voucher');
    assert.equal(replay.accepts[0].extra.channelState.acceptedUnits, '1');
    assert.equal(replay.accepts[0].extra.voucherState.cumulativeUnits, '1');
    await refused(paid(0n), REASONS.mismatch, 'stale voucher');
    // v1: X-PAYMENT with scheme and network at the top, answered with X-PAYMENT-RESPONSE.
    const v1 = await send(encodeHeader({ x402Version: 1, scheme: req.scheme, network, payload: signPayment(payer, genesisHash, channelId, 2n) }), HEADERS.signatureV1);
    assert.equal(v1.status, 200, await v1.clone().text());
    assert.equal(decodeHeader(v1.headers.get(HEADERS.responseV1)).transaction, `${channelId}:2`);
    assert.equal((await send(paid(3n))).status, 200);
    await refused(paid(4n), REASONS.deposit, 'beyond the deposit (3 units)');
    assert.equal(upstreamHits, hits + 3, 'only the three valid payments were proxied');

    // The voucher header names the same channel however its id is spelled.
    const legacy = await fetch(`${gw.url}/tiles`, {
      headers: { 'x-servicechain-voucher': voucherHeader(`0${channelId}`, 3n, u8aToHex(payer.sign(voucherPayload(genesisHash, channelId, 3n)))) }
    });
    assert.equal(legacy.status, 402);
    assert.equal((await legacy.json()).error, 'UnitsNotIncreasing');

    // A request the upstream failed (502, not charged) may be retried once with its voucher,
    // not with an older one; only then is that voucher claimable.
    const second = await openChannel(api, payer, serviceId, 10n * price);
    const two = (units) => paid(units, { id: second.channelId });
    assert.equal((await send(two(1n), HEADERS.signature, '/fail')).status, 502);
    assert.equal(gw.pending.has(second.channelId.toString()), false, 'an unanswered request is not claimable');
    const retried = await send(two(1n));
    assert.equal(retried.status, 200);
    assert.equal(gw.pending.get(second.channelId.toString()).units, 1n);
    await refused(two(1n), REASONS.mismatch, 'a second retry of the same voucher');
    assert.equal(gw.stats.retried, 1);
    // The risk cap: 6 units unclaimed per payer (3 on the first channel, 1 here, then 2 more).
    assert.equal((await send(two(2n))).status, 200);
    assert.equal((await send(two(3n))).status, 200);
    await refused(two(4n), REASONS.riskCap, 'beyond the risk cap');
    assert.equal(upstreamHits, hits + 7, 'the refused payments were never proxied (the failed one was)');
  } finally {
    await gw.stop();
  }
});

test('a stock @x402/express resource server settles through the facilitator, which redeems on chain', async () => {
  const { Alice: relayer, Bob: provider, Ferdie: consumer, Dave: payee } = keys;
  const { serviceId } = await registerService(api, provider, service('search', payee.address));
  const token = 'resource-server-secret';
  const fac = await startFacilitator({ api, signer: relayer, claimIntervalMs: 0, stateFile: join(dir, 'facilitator.json'), authToken: token });
  const auth = { Authorization: `Bearer ${token}` };
  const facilitatorClient = new HTTPFacilitatorClient({
    url: fac.url, createAuthHeaders: async () => ({ verify: auth, settle: auth, supported: auth })
  });
  const resourceServer = new x402ResourceServer(facilitatorClient).register(network, new ServiceChainBatchServer());
  const minDeposit = (await api.call.meteredPaymentsApi.parameters()).minDeposit.toBigInt();
  const app = express();
  app.use(paymentMiddleware({
    'GET /search': {
      accepts: servicechainRoute({ genesisHash, serviceId, payTo: payee.address, pricePerUnit: PRICE, minDeposit }),
      description: 'search, 0.001 SCV a request'
    }
  }, resourceServer));
  let served = 0;
  app.get('/search', (_req, res) => { served += 1; res.json({ results: ['a', 'b'] }); });
  const srv = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  const url = `http://127.0.0.1:${srv.address().port}/search`;
  try {
    const supported = await (await fetch(`${fac.url}/supported`)).json();
    assert.deepEqual(supported.kinds, [{ x402Version: 2, scheme: 'batch-settlement', network, extra: { genesisHash } }]);
    assert.deepEqual(supported.signers['polkadot:*'], [relayer.address]);

    const pay = payingFetch(consumer);
    for (let i = 1; i <= 3; i++) {
      const res = await pay(url);
      assert.equal(res.status, 200, await res.clone().text());
      assert.deepEqual(await res.json(), { results: ['a', 'b'] });
      const receipt = decodePaymentResponseHeader(res.headers.get('payment-response'));
      assert.equal(receipt.transaction.split(':')[1], String(i));
    }
    assert.equal(served, 3);
    assert.equal(fac.stats.settled, 3);
    // A forged payment: refused by the facilitator's /verify, the handler never runs.
    const required = decodeHeader((await fetch(url)).headers.get(HEADERS.required));
    const channelId = BigInt(decodePaymentResponseHeader((await pay(url)).headers.get('payment-response')).extra.channelId);
    const forged = await fetch(url, {
      headers: {
        [HEADERS.signature]: encodeHeader({
          x402Version: 2, resource: required.resource, accepted: required.accepts[0], payload: signPayment(keys.Eve, genesisHash, channelId, 5n)
        })
      }
    });
    assert.equal(forged.status, 402);
    assert.equal(decodeHeader(forged.headers.get(HEADERS.required)).error, REASONS.signature);
    assert.equal(served, 4);
    // Only its resource servers may use the facilitator; one commitment is verified once at a time.
    const body = JSON.stringify({
      x402Version: 2,
      paymentPayload: { x402Version: 2, resource: required.resource, accepted: required.accepts[0], payload: signPayment(consumer, genesisHash, channelId, 5n) },
      paymentRequirements: required.accepts[0]
    });
    const post = (path, headers = auth) => fetch(`${fac.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    assert.equal((await post('/settle', {})).status, 401);
    assert.equal((await (await post('/verify')).json()).isValid, true);
    assert.equal((await (await post('/verify')).json()).invalidReason, REASONS.busy);
    assert.equal(fac.stats.settled, 4);

    const payeeBefore = await free(payee.address);
    const [result] = await fac.claimNow();
    assert.equal(result.claimed.length, 1);
    assert.equal(result.claimed[0].amount, 4n * PRICE);
    assert.equal(await free(payee.address), payeeBefore + 4n * PRICE - result.claimed[0].fee);

    // The provider closes the channel: the facilitator forgets its counts at the next claim.
    const id = channelId.toString();
    assert.ok(fac.scheme.accepted.has(id));
    await closeChannel(api, provider, channelId, { asProvider: true });
    await fac.claimNow();
    assert.ok(!fac.scheme.accepted.has(id), 'a closed channel\'s count is dropped');
    assert.ok(![...fac.scheme.payers.values()].some((ids) => ids.has(id)), 'and its payer\'s entry');

    // Discovery: the registered services as x402 resources.
    const found = await (await fetch(`${fac.url}/discovery/resources?limit=10`)).json();
    const item = found.items.find((i) => i.metadata.serviceId === serviceId);
    assert.equal(item.resource, `${upstreamUrl}/search`);
    assert.equal(item.accepts[0].payTo, payee.address);
    assert.equal(item.accepts[0].amount, PRICE.toString());
    assert.ok(found.items.length >= 3);
  } finally {
    await new Promise((resolve) => srv.close(resolve));
    await fac.stop();
  }
});
