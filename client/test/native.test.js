// The native voucher cryptography (client/native, src/native.js) gives the WASM's answers:
// signatures each makes verify with the other, in both voucher forms; forged, truncated and
// other keys' signatures fail; malformed keys are refused, never a crash. Skipped, saying so,
// when the addon is not built (scripts/build-native.sh; scripts/test.sh builds it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex, u8aWrapBytes } from '@polkadot/util';
import { cryptoWaitReady, ed25519Verify, sr25519Verify as jsSr25519Verify } from '@polkadot/util-crypto';
import { sr25519Verify as wasmSr25519Verify } from '@polkadot/wasm-crypto';
import { native, NATIVE_ADDON } from '../src/native.js';
import { pairFromUri } from '../src/keys.js';
import { signVoucher, voucherMultiSignature, voucherPayload } from '../src/vouchers.js';

const skip = native ? false : `the native addon is not built (${NATIVE_ADDON}): scripts/build-native.sh`;
const GENESIS = `0x${'11'.repeat(32)}`;

test('sr25519: native and WASM signatures verify with each other, in both forms', { skip }, async () => {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519' });
  const alice = await pairFromUri('//Alice');
  const bob = keyring.addFromUri('//Bob');
  for (const wrap of [false, true]) {
    const payload = voucherPayload(GENESIS, 3n, 42n);
    const message = wrap ? u8aWrapBytes(payload) : payload;
    // Native signature (signVoucher uses the addon), checked by the WASM and JavaScript verifiers.
    const nativeSig = signVoucher(alice, GENESIS, 3n, 42n, { wrap }).Sr25519;
    assert.ok(wasmSr25519Verify(Buffer.from(nativeSig.slice(2), 'hex'), message, alice.publicKey));
    assert.ok(jsSr25519Verify(message, nativeSig, alice.publicKey));
    // The pair's own (WASM) signature, checked natively.
    const wasmSig = alice.sign(message);
    assert.ok(native.sr25519Verify(wasmSig, message, alice.publicKey));
    assert.ok(native.sr25519VerifyEither(wasmSig, payload, alice.publicKey));
    // Another key, another message, a flipped bit: refused.
    assert.equal(native.sr25519VerifyEither(wasmSig, payload, bob.publicKey), false);
    assert.equal(native.sr25519VerifyEither(wasmSig, voucherPayload(GENESIS, 3n, 43n), alice.publicKey), false);
    const flipped = Uint8Array.from(wasmSig);
    flipped[10] ^= 1;
    assert.equal(native.sr25519VerifyEither(flipped, payload, alice.publicKey), false);
    // The SDK's verifier names the scheme.
    assert.deepEqual(voucherMultiSignature(alice.address, GENESIS, 3n, 42n, nativeSig), { Sr25519: nativeSig });
  }
});

test('ed25519: the native verifier agrees with the JavaScript one', { skip }, async () => {
  await cryptoWaitReady();
  const pair = new Keyring({ type: 'ed25519' }).addFromUri('//Charlie');
  const payload = voucherPayload(GENESIS, 9n, 1n);
  for (const message of [payload, u8aWrapBytes(payload)]) {
    const sig = pair.sign(message);
    assert.ok(ed25519Verify(message, sig, pair.publicKey));
    assert.ok(native.ed25519VerifyEither(sig, payload, pair.publicKey));
    assert.equal(native.sr25519VerifyEither(sig, payload, pair.publicKey), false, 'not an sr25519 signature');
    assert.deepEqual(voucherMultiSignature(pair.address, GENESIS, 9n, 1n, u8aToHex(sig)), { Ed25519: u8aToHex(sig) });
  }
  assert.equal(native.ed25519VerifyEither(pair.sign(payload), voucherPayload(GENESIS, 9n, 2n), pair.publicKey), false);
});

test('malformed input is refused without a crash', { skip }, async () => {
  await cryptoWaitReady();
  const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
  const payload = voucherPayload(GENESIS, 1n, 1n);
  const sig = alice.sign(payload);
  for (const [s, k] of [[sig.subarray(0, 63), alice.publicKey], [new Uint8Array(65), alice.publicKey], [sig, alice.publicKey.subarray(0, 31)], [new Uint8Array(0), new Uint8Array(0)]]) {
    assert.equal(native.sr25519Verify(s, payload, k), false);
    assert.equal(native.sr25519VerifyEither(s, payload, k), false);
    assert.equal(native.ed25519VerifyEither(s, payload, k), false);
  }
  assert.throws(() => native.sr25519Sign(alice.publicKey, new Uint8Array(10), payload), /invalid sr25519 secret key/);
  const bob = new Keyring({ type: 'sr25519' }).addFromUri('//Bob');
  const { secretKey } = await import('@polkadot/keyring/pair/decode').then(({ decodePair }) => decodePair(undefined, alice.encodePkcs8(), 'none'));
  assert.throws(() => native.sr25519Sign(bob.publicKey, secretKey, payload), /not the secret key's/);
  // Not byte arrays at all: an error, not a crash.
  assert.throws(() => native.sr25519Verify('nope', payload, alice.publicKey));
});

test('native signing reads no secret out of a pair: locked and JSON-loaded pairs keep their promises', { skip }, async () => {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519' });
  // A pair from an encrypted JSON file signs itself (the SDK never exports its secret) and can
  // be locked and unlocked again after.
  const locked = keyring.addFromJson(keyring.addFromUri('//Dave').toJson('secret'));
  assert.throws(() => signVoucher(locked, GENESIS, 1n, 1n), /locked/i);
  locked.unlock('secret');
  const s = signVoucher(locked, GENESIS, 1n, 1n).Sr25519;
  assert.ok(native.sr25519Verify(Buffer.from(s.slice(2), 'hex'), voucherPayload(GENESIS, 1n, 1n), locked.publicKey));
  locked.lock();
  assert.ok(locked.isLocked);
  locked.unlock('secret');
  assert.ok(locked.toJson('secret').encoded, 'the pair still exports encrypted');
  // A pair from a URI signs natively until it is locked, then not at all.
  const eve = await pairFromUri('//Eve');
  assert.ok(native.sr25519Verify(Buffer.from(signVoucher(eve, GENESIS, 2n, 2n).Sr25519.slice(2), 'hex'), voucherPayload(GENESIS, 2n, 2n), eve.publicKey));
  eve.lock();
  assert.throws(() => signVoucher(eve, GENESIS, 2n, 3n), /locked/i);
  // The keys derived from a URI are the keyring's, with derivation paths and mnemonics.
  for (const uri of ['//Alice//stash', `${'bottom drive obey lake curtain smoke basket hold race lonely fit walk'}/soft//hard`, '0x' + '42'.repeat(32)]) {
    const pair = await pairFromUri(uri);
    const sig = signVoucher(pair, GENESIS, 3n, 4n).Sr25519;
    assert.ok(jsSr25519Verify(voucherPayload(GENESIS, 3n, 4n), sig, pair.publicKey), uri);
  }
});

test('without the addon (SERVICECHAIN_NATIVE=off) the SDK signs and verifies in WASM, with the same results', async () => {
  const { execFileSync } = await import('node:child_process');
  const script = `
    import { Keyring } from '@polkadot/keyring';
    import { cryptoWaitReady } from '@polkadot/util-crypto';
    import { native } from './src/native.js';
    import { signVoucher, verifyVoucherSignature } from './src/vouchers.js';
    await cryptoWaitReady();
    const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
    const g = '0x${'11'.repeat(32)}';
    const sig = signVoucher(alice, g, 5n, 7n).Sr25519;
    console.log(JSON.stringify({ native: native !== null, ok: verifyVoucherSignature(alice.address, g, 5n, 7n, sig), bad: verifyVoucherSignature(alice.address, g, 5n, 8n, sig), sig }));
  `;
  const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: new URL('..', import.meta.url).pathname, env: { ...process.env, SERVICECHAIN_NATIVE: 'off' }
  }).toString());
  assert.deepEqual([out.native, out.ok, out.bad], [false, true, false]);
  // A WASM signature verifies natively too.
  if (native) {
    await cryptoWaitReady();
    const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
    assert.ok(native.sr25519VerifyEither(Buffer.from(out.sig.slice(2), 'hex'), voucherPayload(GENESIS, 5n, 7n), alice.publicKey));
  }
});
