// Voucher bytes and signatures, offline: the layout of docs/pallets/metered-payments.md and
// sign/verify round trips for every key type, plain and `<Bytes>`-wrapped.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { VOUCHER_PAYLOAD_LEN, signVoucher, verifyVoucherSignature, voucherMultiSignature, voucherPayload } from '../src/index.js';

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

test('only signatures of the scheme\'s exact length count: a multisig-prefixed 65-byte signature is refused', () => {
  for (const type of ['sr25519', 'ed25519']) {
    const pair = new Keyring({ type }).addFromUri('//Alice');
    const [, hex] = Object.entries(signVoucher(pair, GENESIS, 3n, 42n))[0];
    assert.deepEqual(voucherMultiSignature(pair.address, GENESIS, 3n, 42n, hex), { [type === 'sr25519' ? 'Sr25519' : 'Ed25519']: hex });
    // `signatureVerify` reads 0x00/0x01 + 64 bytes as a prefixed MultiSignature; a claim
    // cannot carry it, so the gateway must not accept it (it would block every claim).
    for (const prefix of ['00', '01', '02']) {
      const prefixed = `0x${prefix}${hex.slice(2)}`;
      assert.equal(voucherMultiSignature(pair.address, GENESIS, 3n, 42n, prefixed), null, `${type} prefixed ${prefix}`);
      assert.ok(!verifyVoucherSignature(pair.address, GENESIS, 3n, 42n, prefixed));
    }
  }
  assert.equal(voucherMultiSignature(new Keyring({ type: 'sr25519' }).addFromUri('//Alice').address, GENESIS, 3n, 42n, '0x1234'), null);
});
