// Payment-channel vouchers: the exact bytes the runtime verifies, signing and local checks.
// The format is specified in docs/pallets/metered-payments.md; `voucherPayload` is tested
// against the runtime API `meteredPaymentsApi.voucherPayload`.
import { bnToU8a, hexToU8a, stringToU8a, u8aConcat, u8aEq, u8aToHex, u8aWrapBytes } from '@polkadot/util';
import { decodeAddress, ed25519Verify, signatureVerify } from '@polkadot/util-crypto';
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

/** `MultiSignature` variants by key type (a keyring pair's `type`, `signatureVerify`'s `crypto`). */
const SIGNATURE_VARIANT = { sr25519: 'Sr25519', ed25519: 'Ed25519', ecdsa: 'Ecdsa', ethereum: 'Eth' };

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
