// fetchWithPayment's 402 resync (src/gateway/consumer.js) against a stand-in gateway, no node:
// a count the server claims is adopted only if this consumer signed that much or the server
// shows the consumer's own voucher for it; a forged count never makes it sign away more.
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { fetchWithPayment, signVoucher, voucherPayload } from '../src/index.js';

const GENESIS = `0x${'ab'.repeat(32)}`;
let server;
let url;
let answer; // (units from the request's voucher) => [status, body]
const seen = [];
let alice;
let bob;

before(async () => {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519' });
  alice = keyring.addFromUri('//Alice');
  bob = keyring.addFromUri('//Bob');
  server = createServer((req, res) => {
    const units = BigInt(String(req.headers['x-servicechain-voucher']).split(':')[1]);
    seen.push(units);
    const [status, body] = answer(units);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${server.address().port}/x`;
});

after(() => new Promise((resolve) => server.close(resolve)));

const notIncreasing = (acceptedUnits, voucher) => [402, { error: 'UnitsNotIncreasing', channel: { acceptedUnits: String(acceptedUnits) }, ...(voucher ? { voucher } : {}) }];
const proof = (pair, units) => ({ cumulativeUnits: String(units), signature: signVoucher(pair, GENESIS, 7n, units) });

test('a forged count is not adopted: the next voucher stays one unit above what was served', async () => {
  const channel = { channelId: 7n, units: 10n };
  answer = () => notIncreasing(1_000_000n);
  await fetchWithPayment(url, { channel, pair: alice, genesisHash: GENESIS });
  assert.equal(channel.units, 10n, 'not moved to the claimed million');
  assert.equal(channel.signed, 11n);
  // A "proof" signed by someone else is no proof.
  answer = () => notIncreasing(1_000_000n, proof(bob, 1_000_000n));
  await fetchWithPayment(url, { channel, pair: alice, genesisHash: GENESIS });
  assert.equal(channel.units, 10n);
  // A wallet-style signer without the consumer's address cannot check a proof either.
  const sign = async (payload) => u8aToHex(alice.sign(payload));
  answer = () => notIncreasing(1_000_000n, proof(alice, 1_000_000n));
  await fetchWithPayment(url, { channel, sign, genesisHash: GENESIS });
  assert.equal(channel.units, 10n);
  assert.deepEqual(seen.slice(-3), [11n, 11n, 11n], 'every retry signed the same next unit');
});

test('a count proven by the consumer\'s own voucher, or no higher than it signed, is adopted', async () => {
  const channel = { channelId: 7n, units: 10n };
  // A response lost: the gateway accepted 11 (signed here), the retry hears 402 for 11.
  answer = () => [599, {}];
  await fetchWithPayment(url, { channel, pair: alice, genesisHash: GENESIS }).catch(() => {});
  assert.equal(channel.units, 10n);
  answer = () => notIncreasing(11n);
  await fetchWithPayment(url, { channel, pair: alice, genesisHash: GENESIS });
  assert.equal(channel.units, 11n, 'at most what this consumer signed');
  // Another device signed up to 40: the gateway shows that voucher, signed by this consumer.
  answer = () => notIncreasing(40n, proof(alice, 40n));
  await fetchWithPayment(url, { channel, pair: alice, genesisHash: GENESIS });
  assert.equal(channel.units, 40n);
  // The same with a wallet-style signer that names its account.
  const other = { channelId: 7n, units: 0n };
  const sign = async (payload) => u8aToHex(alice.sign(payload));
  await fetchWithPayment(url, { channel: other, sign, consumer: alice.address, genesisHash: GENESIS });
  assert.equal(other.units, 40n);
  answer = () => [200, { ok: true }];
  await fetchWithPayment(url, { channel: other, sign, consumer: alice.address, genesisHash: GENESIS });
  assert.equal(other.units, 41n);
  assert.equal(seen.at(-1), 41n);
  assert.ok(voucherPayload(GENESIS, 7n, 41n).length === 71);
});
