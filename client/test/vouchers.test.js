// Voucher bytes and signatures, offline: the layout of docs/pallets/metered-payments.md and
// sign/verify round trips for every key type, plain and `<Bytes>`-wrapped.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import {
  SIGNATURE_VARIANTS, VOUCHER_PAYLOAD_LEN, checkVoucher, claimableAmount, owedFor, remainingUnits, signVoucher, signVoucherHex,
  unitsFloor, verifyVoucherSignature, voucherForm, voucherMultiSignature, voucherPayload
} from '../src/index.js';

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

test('voucherForm names the form a signature was made in, for claim_batch (one check on chain)', () => {
  for (const type of ['sr25519', 'ed25519', 'ecdsa']) {
    const pair = new Keyring({ type }).addFromUri('//Alice');
    const other = new Keyring({ type }).addFromUri('//Bob');
    for (const wrap of [false, true]) {
      const signature = signVoucher(pair, GENESIS, 3n, 42n, { wrap });
      assert.equal(voucherForm(pair.address, GENESIS, 3n, 42n, signature), wrap ? 'Wrapped' : 'Plain', `${type} wrap=${wrap}`);
      assert.equal(voucherForm(pair.address, GENESIS, 3n, 43n, signature), null, `${type} other units`);
      assert.equal(voucherForm(other.address, GENESIS, 3n, 42n, signature), null, `${type} other signer`);
    }
  }
  assert.equal(voucherForm(new Keyring({ type: 'sr25519' }).addFromUri('//Alice').address, GENESIS, 3n, 42n, { Eth: `0x${'11'.repeat(65)}` }), null);
  assert.equal(voucherForm('not an address', GENESIS, 3n, 42n, { Sr25519: `0x${'11'.repeat(64)}` }), null);
  assert.equal(voucherForm('not an address', GENESIS, 3n, 42n, null), null);
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

test('a provider\'s checks: units beyond the floor, the consumer\'s signature, a deposit that covers them, not closing', () => {
  const pair = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
  const ch = { id: 7n, consumer: pair.address, claimedUnits: 10n, pricePerUnit: 3n, deposit: 30n, settleUntil: null };
  const hex = (units) => signVoucherHex(pair, GENESIS, ch.id, units);
  // 15 units: 5 beyond the 10 claimed, 15 planck of the 30 left.
  const fifteen = hex(15n); // sr25519 signatures are randomized: keep one
  assert.deepEqual(checkVoucher(ch, GENESIS, 15n, fifteen), { ok: true, owed: 15n, signature: { Sr25519: fifteen } });
  assert.equal(checkVoucher(null, GENESIS, 15n, hex(15n)).reason, 'UnknownChannel');
  assert.equal(checkVoucher(ch, GENESIS, 10n, hex(10n)).reason, 'UnitsNotIncreasing');
  // Accepted off-chain beyond the claims: the floor moves up.
  assert.equal(checkVoucher(ch, GENESIS, 15n, hex(15n), 15n).reason, 'UnitsNotIncreasing');
  assert.equal(checkVoucher(ch, GENESIS, 16n, hex(15n)).reason, 'BadSignature');
  assert.equal(checkVoucher({ ...ch, consumer: new Keyring({ type: 'sr25519' }).addFromUri('//Bob').address }, GENESIS, 15n, hex(15n)).reason, 'BadSignature');
  // 21 units owe 33 planck, more than the 30 left.
  assert.equal(checkVoucher(ch, GENESIS, 21n, hex(21n)).reason, 'InsufficientDeposit');
  assert.equal(checkVoucher(ch, GENESIS, 20n, hex(20n)).ok, true);
  assert.equal(checkVoucher({ ...ch, settleUntil: 100 }, GENESIS, 15n, hex(15n)).reason, 'ChannelClosing');
});

test('deposit arithmetic: floor, owed, claimable (capped at the deposit), remaining units', () => {
  const ch = { claimedUnits: 10n, pricePerUnit: 3n, deposit: 30n };
  assert.equal(unitsFloor(ch), 10n);
  assert.equal(unitsFloor(ch, 12n), 12n);
  assert.equal(unitsFloor(ch, 4n), 10n);
  assert.equal(owedFor(ch, 15n), 15n);
  assert.equal(owedFor(ch, 10n), 0n);
  assert.equal(owedFor(ch, 3n), 0n);
  assert.equal(claimableAmount(ch, 15n), 15n);
  assert.equal(claimableAmount(ch, 25n), 30n, 'capped at the deposit, as the runtime pays');
  // 30 planck cover 10 units beyond the claimed ones; 4 of them accepted already.
  assert.equal(remainingUnits(ch, 14n), 6n);
  assert.equal(remainingUnits(ch, 30n), 0n, 'never below zero');
  assert.equal(remainingUnits({ ...ch, pricePerUnit: 0n }, 14n), null);
});

test('one MultiSignature table: SCALE order, key types, lengths', () => {
  assert.deepEqual(SIGNATURE_VARIANTS.map((v) => v.variant), ['Ed25519', 'Sr25519', 'Ecdsa', 'Eth']);
  for (const type of ['sr25519', 'ed25519', 'ecdsa']) {
    const pair = new Keyring({ type }).addFromUri('//Alice');
    const [variant, hex] = Object.entries(signVoucher(pair, GENESIS, 1n, 2n))[0];
    const row = SIGNATURE_VARIANTS.find((v) => v.keyType === type);
    assert.equal(variant, row.variant);
    assert.equal((hex.length - 2) / 2, row.length);
  }
});
