// ServiceChain as an x402 network: the `batch-settlement` binding specified in docs/x402.md.
// Pure functions over the SDK's voucher module (vouchers.js, with `checkVoucher`): the
// gateway, the facilitator and the `@servicechain/x402` scheme package (client/x402/) all use
// these, so there is one definition of what a payment commitment is and when it is valid.
import { hexToU8a, stringToU8a, u8aToHex, u8aToString } from '@polkadot/util';
import { base64Decode, base64Encode } from '@polkadot/util-crypto';
import { SIGNATURE_VARIANTS, checkVoucher, signVoucher, unitsFloor, voucherPayload } from './vouchers.js';

/** The x402 protocol version this binding follows (x402 v2, `specs/x402-specification-v2.md`). */
export const X402_VERSION = 2;
/** The scheme: a capital-backed channel, a cumulative voucher per request, one claim for many. */
export const X402_SCHEME = 'batch-settlement';
/** The asset: ServiceCoin, in planck (10^-18 SCV). */
export const X402_ASSET = 'SCV';
/** SCV's decimals. */
export const X402_DECIMALS = 18;
/** Request and response headers (v2; v1 in the `_V1` ones). */
export const HEADERS = {
  required: 'payment-required',
  signature: 'payment-signature',
  response: 'payment-response',
  signatureV1: 'x-payment',
  responseV1: 'x-payment-response'
};

/** The reasons a payment is refused (`error` of a 402, `invalidReason` of `/verify`). */
export const REASONS = {
  paymentRequired: 'payment_required',
  malformed: 'invalid_payload',
  version: 'invalid_x402_version',
  scheme: 'unsupported_scheme',
  network: 'invalid_network',
  asset: 'invalid_batch_settlement_servicechain_asset',
  payTo: 'invalid_batch_settlement_servicechain_pay_to',
  unknownChannel: 'invalid_batch_settlement_servicechain_channel_not_found',
  wrongService: 'invalid_batch_settlement_servicechain_wrong_service',
  closing: 'invalid_batch_settlement_servicechain_channel_closing',
  signature: 'invalid_batch_settlement_servicechain_voucher_signature',
  mismatch: 'invalid_batch_settlement_servicechain_cumulative_mismatch',
  deposit: 'invalid_batch_settlement_servicechain_cumulative_exceeds_deposit',
  riskCap: 'invalid_batch_settlement_servicechain_risk_cap',
  price: 'invalid_batch_settlement_servicechain_price',
  busy: 'invalid_batch_settlement_servicechain_channel_busy'
};

// The SDK's voucher check (`checkVoucher`) names its reasons; here they are x402's.
const FROM_CHECK = {
  UnknownChannel: REASONS.unknownChannel,
  UnitsNotIncreasing: REASONS.mismatch,
  BadSignature: REASONS.signature,
  InsufficientDeposit: REASONS.deposit,
  ChannelClosing: REASONS.closing
};

/**
 * The CAIP-2 id of a ServiceChain network: `polkadot:` and the first 32 hex characters of its
 * genesis hash (as the x402 `exact` Polkadot binding names Polkadot chains).
 * @param {string} genesisHash 0x-hex
 */
export function x402Network (genesisHash) {
  const hex = String(genesisHash).toLowerCase().replace(/^0x/, '');
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error('genesis hash must be 32 bytes of hex');
  return `polkadot:${hex.slice(0, 32)}`;
}

/** SCALE of a `MultiSignature` (`{ Sr25519: '0x…' }` → `0x01…`). */
export function encodeMultiSignature (signature) {
  const [variant, hex] = Object.entries(signature)[0] ?? [];
  const index = SIGNATURE_VARIANTS.findIndex((v) => v.variant === variant);
  if (index < 0) throw new Error(`unknown signature variant ${variant}`);
  return u8aToHex(Uint8Array.of(index, ...hexToU8a(hex)));
}

/** The inverse of `encodeMultiSignature`; `null` when it is not a well-formed one. */
export function decodeMultiSignature (hex) {
  if (typeof hex !== 'string' || !/^0x[0-9a-fA-F]+$/.test(hex)) return null;
  const bytes = hexToU8a(hex);
  const { variant, length } = SIGNATURE_VARIANTS[bytes[0]] ?? {};
  if (!variant || bytes.length !== 1 + length) return null;
  return { variant, raw: u8aToHex(bytes.subarray(1)) };
}

/** A payment commitment's identifier: `<channelId>:<cumulativeUnits>` (unique per network). */
export const commitmentId = (channelId, cumulativeUnits) => `${channelId}:${cumulativeUnits}`;

/**
 * The `PaymentRequirements` of a ServiceChain service: `amount` is what one request costs in
 * planck (`unitsPerRequest` units at `pricePerUnit`); `extra` carries what a client needs to
 * open a channel and sign: the service, its units per request and price, the genesis hash.
 * `extra.channelState`/`extra.voucherState` are added only to corrective 402s.
 * @param {{genesisHash: string, serviceId: number|bigint, payTo: string, pricePerUnit: bigint,
 *   unitsPerRequest?: bigint, maxTimeoutSeconds?: number, minDeposit?: bigint}} o
 */
export function paymentRequirements ({ genesisHash, serviceId, payTo, pricePerUnit, unitsPerRequest = 1n, maxTimeoutSeconds = 60, minDeposit = 0n }) {
  return {
    scheme: X402_SCHEME,
    network: x402Network(genesisHash),
    asset: X402_ASSET,
    amount: (BigInt(pricePerUnit) * BigInt(unitsPerRequest)).toString(),
    payTo,
    maxTimeoutSeconds,
    extra: {
      serviceId: String(serviceId),
      unitsPerRequest: String(unitsPerRequest),
      pricePerUnit: String(pricePerUnit),
      minDeposit: String(minDeposit),
      genesisHash: String(genesisHash).toLowerCase()
    }
  };
}

/** The v1 form of requirements (`maxAmountRequired`, `resource` in each). */
export function requirementsV1 (req, { resource, description = '', mimeType = '' }) {
  return {
    scheme: req.scheme,
    network: req.network,
    maxAmountRequired: req.amount,
    resource,
    description,
    mimeType,
    payTo: req.payTo,
    maxTimeoutSeconds: req.maxTimeoutSeconds,
    asset: req.asset,
    extra: req.extra
  };
}

/** A v2 `PaymentRequired`. */
export function paymentRequired ({ error, resource, accepts }) {
  return { x402Version: X402_VERSION, error, resource, accepts };
}

/** Base64 of JSON, as x402 headers carry it (standard alphabet, padded; browser-safe). */
export const encodeHeader = (value) => base64Encode(stringToU8a(JSON.stringify(value)));

/** The JSON in an x402 header; throws on bad base64 or JSON. */
export function decodeHeader (value) {
  const text = String(value ?? '').trim();
  if (!text || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) throw new Error('not base64');
  const parsed = JSON.parse(u8aToString(base64Decode(text)));
  if (!parsed || typeof parsed !== 'object') throw new Error('not a JSON object');
  return parsed;
}

/**
 * Reads the scheme payload of a `PaymentPayload` (v2, or the v1 form with `scheme`/`network`
 * at the top): `{ channelId, cumulativeUnits, signature }` with the signature a SCALE
 * `MultiSignature`. Returns `{ ok: false, reason }` when anything is missing or malformed.
 */
export function readPayment (paymentPayload) {
  const p = paymentPayload;
  if (!p || typeof p !== 'object') return { ok: false, reason: REASONS.malformed };
  if (p.x402Version !== 1 && p.x402Version !== 2) return { ok: false, reason: REASONS.version };
  const accepted = p.x402Version === 2 ? p.accepted : { scheme: p.scheme, network: p.network };
  if (!accepted || typeof accepted !== 'object') return { ok: false, reason: REASONS.malformed };
  const body = p.payload;
  const int = (v) => typeof v === 'string' && /^\d{1,20}$/.test(v) && BigInt(v) < 2n ** 64n;
  if (!body || !int(body.channelId) || !int(body.cumulativeUnits)) return { ok: false, reason: REASONS.malformed };
  const signature = decodeMultiSignature(body.signature);
  if (!signature) return { ok: false, reason: REASONS.malformed };
  return {
    ok: true,
    version: p.x402Version,
    accepted,
    channelId: BigInt(body.channelId),
    cumulativeUnits: BigInt(body.cumulativeUnits),
    signature
  };
}

/**
 * The verification rules of docs/x402.md, for a payment read by `readPayment` against the
 * requirements the server asks and the channel's state:
 * 1. scheme, network, asset and `payTo` are the requirements';
 * 2. the channel exists, is not closing and pays the required service;
 * 3. the price it locked is at most the required one;
 * 4. `cumulativeUnits` is exactly what was accepted so far (or claimed on chain, if more) plus
 *    the units of one request;
 * 5. the signature is the channel consumer's over the 71-byte voucher of this chain;
 * 6. the remaining deposit covers every unit not yet claimed;
 * 7. what the payer would owe unclaimed (`outstanding`, over all its channels, before this
 *    request) plus this request stays within `riskCap`.
 * @param {object} o
 * @param {ReturnType<typeof readPayment>} o.payment
 * @param {object} o.requirements
 * @param {any} o.channel the channel (SDK `channelFromCodec`) or null
 * @param {bigint} o.acceptedUnits units accepted off-chain so far on this channel
 * @param {bigint} [o.outstanding] planck the payer owes unclaimed before this request
 * @param {bigint|null} [o.riskCap] planck; null: no cap
 * @returns {{ok: true, units: bigint, owed: bigint, signature: object, payer: string}|{ok: false, reason: string}}
 */
export function verifyPayment ({ payment, requirements, channel, acceptedUnits, outstanding = 0n, riskCap = null }) {
  const { accepted } = payment;
  if (accepted.scheme !== X402_SCHEME) return { ok: false, reason: REASONS.scheme };
  // The genesis hash the signature is checked against must be the network's own.
  let named = null;
  try { named = x402Network(requirements.extra?.genesisHash ?? ''); } catch { named = null; }
  if (named !== requirements.network) return { ok: false, reason: REASONS.network };
  if (accepted.network !== requirements.network) return { ok: false, reason: REASONS.network };
  if (payment.version === 2 && (accepted.asset !== X402_ASSET || accepted.amount !== requirements.amount)) {
    return { ok: false, reason: REASONS.asset };
  }
  if (payment.version === 2 && accepted.payTo !== requirements.payTo) return { ok: false, reason: REASONS.payTo };
  const ch = channel;
  if (!ch) return { ok: false, reason: REASONS.unknownChannel };
  if (BigInt(ch.serviceId) !== BigInt(requirements.extra.serviceId)) return { ok: false, reason: REASONS.wrongService };
  if (ch.payee !== undefined && ch.payee !== requirements.payTo) return { ok: false, reason: REASONS.payTo };
  if (ch.pricePerUnit > BigInt(requirements.extra.pricePerUnit)) return { ok: false, reason: REASONS.price };
  const floor = unitsFloor(ch, acceptedUnits);
  const units = BigInt(requirements.extra.unitsPerRequest);
  if (payment.cumulativeUnits !== floor + units) return { ok: false, reason: REASONS.mismatch };
  const genesisHash = requirements.extra.genesisHash;
  const check = checkVoucher(ch, genesisHash, payment.cumulativeUnits, payment.signature.raw, floor);
  if (!check.ok) return { ok: false, reason: FROM_CHECK[check.reason] ?? REASONS.malformed };
  if (Object.keys(check.signature)[0] !== payment.signature.variant) return { ok: false, reason: REASONS.signature };
  const cost = units * ch.pricePerUnit;
  if (riskCap !== null && outstanding + cost > riskCap) return { ok: false, reason: REASONS.riskCap };
  return { ok: true, units: payment.cumulativeUnits, owed: check.owed, signature: check.signature, payer: ch.consumer };
}

/**
 * What a server sends back with a corrective 402 (`extra.channelState`, `extra.voucherState`):
 * the units it has accepted on the channel and the consumer's own voucher for them, which the
 * consumer checks before it adopts the count.
 */
export function correctiveState (ch, acceptedUnits, voucher) {
  return {
    channelState: {
      channelId: ch.id.toString(),
      acceptedUnits: acceptedUnits.toString(),
      claimedUnits: ch.claimedUnits.toString(),
      deposit: ch.deposit.toString(),
      pricePerUnit: ch.pricePerUnit.toString(),
      closing: ch.settleUntil !== null
    },
    voucherState: voucher ? { cumulativeUnits: voucher.units.toString(), signature: encodeMultiSignature(voucher.signature) } : null
  };
}

/** The `SettleResponse` of an accepted commitment (x402's `PAYMENT-RESPONSE`). */
export function settleResponse ({ requirements, channelId, cumulativeUnits, payer, chargedUnits }) {
  return {
    success: true,
    transaction: commitmentId(channelId, cumulativeUnits),
    network: requirements.network,
    payer,
    amount: requirements.amount,
    extra: {
      channelId: channelId.toString(),
      cumulativeUnits: cumulativeUnits.toString(),
      chargedUnits: chargedUnits.toString(),
      chargedAmount: requirements.amount
    }
  };
}

/**
 * A consumer's scheme payload for the next voucher: signs `cumulativeUnits` on the channel.
 * @param {any} pair the consumer's keyring pair
 */
export function signPayment (pair, genesisHash, channelId, cumulativeUnits) {
  return {
    channelId: channelId.toString(),
    cumulativeUnits: cumulativeUnits.toString(),
    signature: encodeMultiSignature(signVoucher(pair, genesisHash, channelId, cumulativeUnits))
  };
}

/** The 71 bytes a commitment signs (re-exported for implementers and tests). */
export { voucherPayload };
