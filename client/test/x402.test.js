// The x402 binding's rules (docs/x402.md, client/src/x402.js) without a node: identifiers, the
// commitment format and every verification rule, one at a time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import {
  REASONS, commitmentId, decodeHeader, decodeMultiSignature, encodeHeader, encodeMultiSignature, paymentRequirements,
  readPayment, signPayment, verifyPayment, x402Network
} from '../src/x402.js';

const GENESIS = `0x${'ab'.repeat(16)}${'cd'.repeat(16)}`;

test('network ids, MultiSignature SCALE and headers', async () => {
  await cryptoWaitReady();
  assert.equal(x402Network(GENESIS), `polkadot:${'ab'.repeat(16)}`);
  assert.throws(() => x402Network('0x1234'));
  const sig = { Sr25519: `0x${'11'.repeat(64)}` };
  const encoded = encodeMultiSignature(sig);
  assert.equal(encoded.slice(0, 4), '0x01');
  assert.deepEqual(decodeMultiSignature(encoded), { variant: 'Sr25519', raw: sig.Sr25519 });
  assert.equal(decodeMultiSignature(`0x02${'11'.repeat(64)}`), null, 'ecdsa needs 65 bytes');
  assert.equal(decodeMultiSignature(`0x07${'11'.repeat(64)}`), null, 'no such variant');
  assert.deepEqual(decodeHeader(encodeHeader({ a: 1 })), { a: 1 });
  assert.throws(() => decodeHeader('%%%'));
  assert.throws(() => decodeHeader(Buffer.from('[1').toString('base64')));
  assert.equal(commitmentId(12n, 201n), '12:201');
});

test('every verification rule refuses with its reason', async () => {
  await cryptoWaitReady();
  const k = new Keyring({ type: 'sr25519' });
  const alice = k.addFromUri('//Alice');
  const bob = k.addFromUri('//Bob');
  const price = 1000n;
  const requirements = paymentRequirements({ genesisHash: GENESIS, serviceId: 3, payTo: bob.address, pricePerUnit: price });
  const channel = {
    id: 7n, consumer: alice.address, serviceId: 3, payee: bob.address, pricePerUnit: price, deposit: 5n * price,
    claimedUnits: 1n, settleUntil: null
  };
  const payment = (units, { pair = alice, accepted = requirements, id = 7n } = {}) =>
    readPayment({ x402Version: 2, accepted, payload: signPayment(pair, GENESIS, id, units) });
  const check = (p, o = {}) => verifyPayment({ payment: p, requirements, channel, acceptedUnits: 2n, ...o });

  const ok = check(payment(3n));
  assert.equal(ok.ok, true);
  assert.equal(ok.payer, alice.address);
  assert.equal(ok.owed, 2n * price);

  assert.equal(readPayment({ x402Version: 3, accepted: requirements, payload: {} }).reason, REASONS.version);
  assert.equal(readPayment({ x402Version: 2, accepted: requirements, payload: { channelId: '7', cumulativeUnits: '-1', signature: '0x' } }).reason, REASONS.malformed);
  assert.equal(readPayment({ x402Version: 2, accepted: requirements, payload: { channelId: '18446744073709551616', cumulativeUnits: '1', signature: '0x' } }).reason, REASONS.malformed);
  const cases = [
    [check(payment(3n, { accepted: { ...requirements, scheme: 'exact' } })), REASONS.scheme],
    [check(payment(3n, { accepted: { ...requirements, network: 'polkadot:00' } })), REASONS.network],
    [verifyPayment({ payment: payment(3n), requirements: { ...requirements, extra: { ...requirements.extra, genesisHash: `0x${'ef'.repeat(32)}` } }, channel, acceptedUnits: 2n }), REASONS.network],
    [check(payment(3n, { accepted: { ...requirements, asset: 'DOT' } })), REASONS.asset],
    [check(payment(3n, { accepted: { ...requirements, payTo: alice.address } })), REASONS.payTo],
    [check(payment(3n), { channel: null }), REASONS.unknownChannel],
    [check(payment(3n), { channel: { ...channel, serviceId: 4 } }), REASONS.wrongService],
    [check(payment(3n), { channel: { ...channel, pricePerUnit: price + 1n } }), REASONS.price],
    [check(payment(2n)), REASONS.mismatch],
    [check(payment(4n)), REASONS.mismatch],
    [check(payment(3n, { pair: bob })), REASONS.signature],
    [check(payment(3n, { id: 8n })), REASONS.signature],
    [check(payment(3n), { channel: { ...channel, settleUntil: 99 } }), REASONS.closing],
    [check(payment(7n), { acceptedUnits: 6n }), REASONS.deposit],
    [check(payment(3n), { outstanding: 4n * price, riskCap: 4n * price }), REASONS.riskCap]
  ];
  for (const [verdict, reason] of cases) assert.equal(verdict.reason, reason);
  // The on-chain claims raise the floor: after a claim of 4 units, 5 is next.
  assert.equal(check(payment(5n), { channel: { ...channel, claimedUnits: 4n } }).ok, true);
  // Exactly at the cap is allowed.
  assert.equal(check(payment(3n), { outstanding: 3n * price, riskCap: 4n * price }).ok, true);
});
