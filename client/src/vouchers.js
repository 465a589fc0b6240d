// Payment-channel vouchers, in one place: the exact bytes the runtime verifies, signing,
// verification, and the checks and deposit arithmetic a provider (the gateway, the x402 server)
// and a consumer (`fetchWithPayment`, the x402 client) make before a voucher is worth anything.
// The format is specified in docs/pallets/metered-payments.md; `voucherPayload` is tested
// against the runtime API `meteredPaymentsApi.voucherPayload`.
import { bnToU8a, hexToU8a, stringToU8a, u8aConcat, u8aEq, u8aToHex, u8aWrapBytes } from '@polkadot/util';
import { decodeAddress, ed25519Verify, secp256k1Verify, signatureVerify } from '@polkadot/util-crypto';
import { sr25519Verify } from '@polkadot/wasm-crypto';
import { native } from './native.js';

/** The domain tag every voucher payload starts with (23 bytes, no length prefix). */
export const VOUCHER_DOMAIN = 'servicechain/voucher/v1';

/** Length of a voucher payload: 23 + 32 + 8 + 8 bytes. */
export const VOUCHER_PAYLOAD_LEN = 71;

const u64 = (value) => bnToU8a(BigInt(value), { bitLength: 64, isLe: true });

/**
 * The bytes a consumer signs: SCALE of `(domain, genesis_hash, channel_id: u64, units: u64)`.
 * @param {string|Uint8Array} genesisHash the chain's genesis hash (32 bytes)
 * @param {bigint|number|string} channelId
 * @param {bigint|number|string} cumulativeUnits
 * @returns {Uint8Array} 71 bytes
 */
export function voucherPayload (genesisHash, channelId, cumulativeUnits) {
  const genesis = typeof genesisHash === 'string' ? hexToU8a(genesisHash) : genesisHash;
  if (genesis.length !== 32) throw new Error('genesis hash must be 32 bytes');
  return u8aConcat(stringToU8a(VOUCHER_DOMAIN), genesis, u64(channelId), u64(cumulativeUnits));
}

/**
 * The runtime's `MultiSignature` variants in SCALE order (their index is the encoded tag), with
 * the key type that signs them (a keyring pair's `type`, `signatureVerify`'s `crypto`) and their
 * signature length: the one table the SDK's signing, verification and encodings use.
 */
export const SIGNATURE_VARIANTS = Object.freeze([
  { variant: 'Ed25519', keyType: 'ed25519', length: 64 },
  { variant: 'Sr25519', keyType: 'sr25519', length: 64 },
  { variant: 'Ecdsa', keyType: 'ecdsa', length: 65 },
  { variant: 'Eth', keyType: 'ethereum', length: 65 }
]);

/** `MultiSignature` variants by key type. */
const SIGNATURE_VARIANT = Object.fromEntries(SIGNATURE_VARIANTS.map(({ variant, keyType }) => [keyType, variant]));

/**
 * Signs a voucher with a keyring pair; returns the `MultiSignature` for `claim` as
 * `{ Sr25519 | Ed25519 | Ecdsa | Eth: hex }`. With `wrap: true` the payload is signed inside
 * `<Bytes>…</Bytes>`, as browser wallets (`signRaw`) do; the runtime accepts both.
 * @param {any} pair a `@polkadot/keyring` pair
 * @param {string|Uint8Array} genesisHash
 * @param {bigint|number|string} channelId
 * @param {bigint|number|string} cumulativeUnits
 * @param {{wrap?: boolean}} [opts]
 * @returns {Record<string, string>}
 */
export function signVoucher (pair, genesisHash, channelId, cumulativeUnits, { wrap = false } = {}) {
  const variant = SIGNATURE_VARIANT[pair.type];
  if (!variant) throw new Error(`unsupported key type ${pair.type}`);
  const payload = voucherPayload(genesisHash, channelId, cumulativeUnits);
  const message = wrap ? u8aWrapBytes(payload) : payload;
  const keys = pair.type === 'sr25519' ? nativeKeys(pair) : null;
  const signature = keys ? native.sr25519Sign(keys.publicKey, keys.secretKey, message) : pair.sign(message);
  return { [variant]: u8aToHex(signature) };
}

/**
 * The keys of sr25519 pairs the SDK made from a secret URI (`pairFromUri`), for the native
 * signer. Other pairs (and these once locked) sign themselves: their secret is never read out
 * of them.
 */
const pairKeys = new WeakMap();

/** Lets the native signer sign for `pair` with `keys` (`{ publicKey, secretKey }`, 64-byte secret). */
export function rememberNativeKeys (pair, keys) {
  if (pair.type === 'sr25519' && keys?.secretKey?.length === 64 && u8aEq(keys.publicKey, pair.publicKey)) pairKeys.set(pair, keys);
}

function nativeKeys (pair) {
  if (!native || pair.isLocked) return null;
  const keys = pairKeys.get(pair);
  return keys && u8aEq(keys.publicKey, pair.publicKey) ? keys : null;
}

/**
 * Checks a voucher signature off-chain the way the runtime does (plain or `<Bytes>`-wrapped).
 * @param {string} consumer the consumer's SS58 address or public key
 * @param {string|Uint8Array} genesisHash
 * @param {bigint|number|string} channelId
 * @param {bigint|number|string} cumulativeUnits
 * @param {string|Uint8Array} signature raw signature bytes (hex)
 * @returns {boolean}
 */
export function verifyVoucherSignature (consumer, genesisHash, channelId, cumulativeUnits, signature) {
  return voucherMultiSignature(consumer, genesisHash, channelId, cumulativeUnits, signature) !== null;
}

/** Consumers' public keys (account ids) by address, decoded once (bounded: cleared past 100,000). */
const publicKeys = new Map();

function accountKey (consumer) {
  let key = publicKeys.get(consumer);
  if (!key) {
    key = decodeAddress(consumer);
    if (publicKeys.size >= 100_000) publicKeys.clear();
    publicKeys.set(consumer, key);
  }
  return key;
}

/** `verify(message)` for the voucher's bytes, plain or `<Bytes>`-wrapped (the runtime takes both). */
const eitherForm = (payload, verify) => verify(payload) || verify(u8aWrapBytes(payload));

/**
 * Like `verifyVoucherSignature`, but returns the `MultiSignature` for `claim`
 * (`{ Sr25519 | Ed25519 | Ecdsa | Eth: hex }`) when the raw signature verifies, else `null`: a
 * provider that receives raw signature bytes learns their scheme here. Only signatures of the
 * scheme's exact length count (64 bytes for sr25519 and ed25519, 65 for ECDSA), so what is
 * returned always encodes as the `MultiSignature` a claim carries.
 * A 64-byte signature is checked against the account's key as sr25519 first, then as ed25519:
 * natively when the addon is built (src/native.js), else in WASM (`@polkadot/wasm-crypto`:
 * 3,000 sr25519 verifications/s here, `@polkadot/util-crypto`'s JavaScript 450/s); a 65-byte
 * one as ECDSA (whose account is the hash of its key, recovered from the signature). A forged
 * signature costs at most four verifications.
 * @returns {Record<string, string>|null}
 */
export function voucherMultiSignature (consumer, genesisHash, channelId, cumulativeUnits, signature) {
  const payload = voucherPayload(genesisHash, channelId, cumulativeUnits);
  let bytes;
  let key;
  try {
    bytes = typeof signature === 'string' ? hexToU8a(signature) : signature;
    key = accountKey(consumer);
  } catch {
    return null;
  }
  const hex = u8aToHex(bytes);
  if (bytes.length === 64 && key.length === 32) {
    if (native) {
      if (native.sr25519VerifyEither(bytes, payload, key)) return { Sr25519: hex };
      return native.ed25519VerifyEither(bytes, payload, key) ? { Ed25519: hex } : null;
    }
    let sr = false;
    try {
      sr = eitherForm(payload, (m) => sr25519Verify(bytes, m, key));
    } catch {
      // The WASM is not ready (`cryptoWaitReady()` not awaited): the JavaScript check.
      const check = signatureVerify(payload, bytes, consumer);
      sr = check.isValid && check.crypto === 'sr25519';
    }
    if (sr) return { Sr25519: hex };
    try {
      if (eitherForm(payload, (m) => ed25519Verify(m, bytes, key))) return { Ed25519: hex };
    } catch { /* not an ed25519 signature */ }
    return null;
  }
  if (bytes.length !== 65) return null;
  const { isValid, crypto } = signatureVerify(payload, bytes, consumer);
  const variant = SIGNATURE_VARIANT[crypto];
  return isValid && (variant === 'Ecdsa' || variant === 'Eth') ? { [variant]: hex } : null;
}

/** One-form checks of a raw signature by `MultiSignature` variant: `(bytes, message, key) => bool`. */
const ONE_FORM = {
  Sr25519: (bytes, message, key) => native ? native.sr25519Verify(bytes, message, key) : sr25519Verify(bytes, message, key),
  Ed25519: (bytes, message, key) => ed25519Verify(message, bytes, key),
  Ecdsa: (bytes, message, key) => secp256k1Verify(message, bytes, key, 'blake2')
};

/**
 * The form a voucher's signature was made in, for `claim_batch` to name (`Claim.form`): then the
 * runtime checks that form only and charges one signature verification instead of two.
 * `'Plain'` or `'Wrapped'` (`<Bytes>…</Bytes>`), or `null` when neither verifies or the scheme is
 * not checked here (`Eth`): the claim then names no form and the runtime tries both.
 * @param {string} consumer the consumer's SS58 address or public key
 * @param {string|Uint8Array} genesisHash
 * @param {bigint|number|string} channelId
 * @param {bigint|number|string} cumulativeUnits
 * @param {Record<string, string>} signature the `MultiSignature` (`{ Sr25519 | Ed25519 | Ecdsa | Eth: hex }`)
 * @returns {'Plain'|'Wrapped'|null}
 */
export function voucherForm (consumer, genesisHash, channelId, cumulativeUnits, signature) {
  const [variant, hex] = Object.entries(signature ?? {})[0] ?? [];
  const check = ONE_FORM[variant];
  if (!check) return null;
  try {
    const bytes = hexToU8a(hex);
    const key = accountKey(consumer);
    const payload = voucherPayload(genesisHash, channelId, cumulativeUnits);
    if (check(bytes, payload, key)) return 'Plain';
    return check(bytes, u8aWrapBytes(payload), key) ? 'Wrapped' : null;
  } catch {
    return null;
  }
}

/**
 * The count a new voucher of the channel must go beyond: the units accepted off-chain so far, or
 * the units claimed on chain if more.
 * @param {{claimedUnits: bigint}} ch
 * @param {bigint} [acceptedUnits]
 */
export function unitsFloor (ch, acceptedUnits = 0n) {
  return acceptedUnits > ch.claimedUnits ? acceptedUnits : ch.claimedUnits;
}

/**
 * What a voucher for `cumulativeUnits` owes beyond what was claimed, at the channel's locked price
 * (planck; 0 for a count not above the claimed one).
 * @param {{claimedUnits: bigint, pricePerUnit: bigint}} ch
 * @param {bigint} cumulativeUnits
 */
export function owedFor (ch, cumulativeUnits) {
  const units = BigInt(cumulativeUnits);
  return units > ch.claimedUnits ? (units - ch.claimedUnits) * ch.pricePerUnit : 0n;
}

/**
 * What claiming a voucher for `cumulativeUnits` would pay now: what it owes, capped at the
 * channel's remaining deposit (as the runtime pays it).
 * @param {{claimedUnits: bigint, pricePerUnit: bigint, deposit: bigint}} ch
 * @param {bigint} cumulativeUnits
 */
export function claimableAmount (ch, cumulativeUnits) {
  const owed = owedFor(ch, cumulativeUnits);
  return owed < ch.deposit ? owed : ch.deposit;
}

/**
 * The units the remaining deposit still covers beyond `acceptedUnits` (never below 0), or `null`
 * for a channel whose price is 0.
 * @param {{claimedUnits: bigint, pricePerUnit: bigint, deposit: bigint}} ch
 * @param {bigint} acceptedUnits
 */
export function remainingUnits (ch, acceptedUnits) {
  if (ch.pricePerUnit <= 0n) return null;
  const left = ch.deposit / ch.pricePerUnit - (acceptedUnits - ch.claimedUnits);
  return left < 0n ? 0n : left;
}

/**
 * Checks a voucher for a known channel state, as a provider before serving: the units go beyond
 * `acceptedUnits` (default: those claimed on chain), the signature is the consumer's over this
 * chain's voucher bytes, the remaining deposit covers what it owes, and the channel is not
 * closing. Reasons are the runtime's error names where one exists.
 * @param {{id: bigint, consumer: string, claimedUnits: bigint, pricePerUnit: bigint, deposit: bigint,
 *   settleUntil: number|null}|null} ch the channel (`channelFromCodec`)
 * @param {string} genesisHash
 * @param {bigint} cumulativeUnits
 * @param {string} signatureHex
 * @param {bigint} [acceptedUnits] units already accepted off-chain (default: claimed on chain)
 * @returns {{ok: true, owed: bigint, signature: Record<string, string>}|{ok: false, reason: string, channel: any}}
 */
export function checkVoucher (ch, genesisHash, cumulativeUnits, signatureHex, acceptedUnits) {
  if (!ch) return { ok: false, reason: 'UnknownChannel', channel: null };
  const units = BigInt(cumulativeUnits);
  if (units <= (acceptedUnits ?? ch.claimedUnits)) return { ok: false, reason: 'UnitsNotIncreasing', channel: ch };
  let signature = null;
  try {
    signature = voucherMultiSignature(ch.consumer, genesisHash, ch.id, units, signatureHex);
  } catch {
    signature = null;
  }
  if (!signature) return { ok: false, reason: 'BadSignature', channel: ch };
  const owed = owedFor(ch, units);
  if (owed > ch.deposit) return { ok: false, reason: 'InsufficientDeposit', channel: ch };
  if (ch.settleUntil !== null) return { ok: false, reason: 'ChannelClosing', channel: ch };
  return { ok: true, owed, signature };
}

/**
 * The raw signature hex of a voucher (what the gateway header and a wallet's `signRaw` carry):
 * `signVoucher`'s signature without its `MultiSignature` variant.
 */
export function signVoucherHex (pair, genesisHash, channelId, cumulativeUnits) {
  return Object.values(signVoucher(pair, genesisHash, channelId, cumulativeUnits))[0];
}
