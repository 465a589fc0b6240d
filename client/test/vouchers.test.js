// Voucher bytes and signatures, offline: the layout of docs/pallets/metered-payments.md and
// sign/verify round trips for every key type, plain and `<Bytes>`-wrapped.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { VOUCHER_PAYLOAD_LEN, signVoucher, verifyVoucherSignature, voucherPayload } from '../src/index.js';

const GENESIS = `0x${'42'.repeat(32)}`;

before(cryptoWaitReady);

test('payload layout: domain, genesis hash, u64 LE channel id, u64 LE units', () => {
  const payload = voucherPayload(GENESIS, 1n, 1_000n);
  assert.equal(payload.length, VOUCHER_PAYLOAD_LEN);
  assert.equal(u8aToHex(payload),
    '0x73657276696365636861696e2f766f75636865722f7631' + // "servicechain/voucher/v1"
    '42'.repeat(32) +
    '0100000000000000' + // channel id 1
    'e803000000000000'); // 1,000 units
  assert.throws(() => voucherPayload('0x1234', 1, 1), /32 bytes/);
});

test('sign and verify with sr25519, ed25519 and ecdsa, plain and wrapped', () => {
  for (const type of ['sr25519', 'ed25519', 'ecdsa']) {
    const pair = new Keyring({ type }).addFromUri('//Alice');
    for (const wrap of [false, true]) {
      const signature = signVoucher(pair, GENESIS, 3n, 42n, { wrap });
      const [variant, hex] = Object.entries(signature)[0];
      assert.equal(variant.toLowerCase(), type);
      assert.ok(verifyVoucherSignature(pair.address, GENESIS, 3n, 42n, hex), `${type} wrap=${wrap}`);
      assert.ok(!verifyVoucherSignature(pair.address, GENESIS, 3n, 43n, hex), `${type} other units`);
      assert.ok(!verifyVoucherSignature(pair.address, GENESIS, 4n, 42n, hex), `${type} other channel`);
    }
  }
});
