// The consumer side of the metered HTTP gateway: every request carries the next voucher.
import { u8aToHex } from '@polkadot/util';
import { SIGNATURE_VARIANTS, signVoucherHex, verifyVoucherSignature, voucherPayload } from '../vouchers.js';

/** Where a gateway's operator endpoints live (never proxied): `status` (GET) and `claim` (POST). */
export const OPERATOR_PATH = '/.well-known/servicechain/operator/';

/** The request header that carries a voucher. */
export const VOUCHER_HEADER = 'x-servicechain-voucher';

/**
 * The header value: `<channelId>:<cumulativeUnits>:<signature hex>`.
 * @param {bigint|number} channelId
 * @param {bigint|number} cumulativeUnits
 * @param {string} signatureHex raw signature bytes as 0x-hex
 */
export function voucherHeader (channelId, cumulativeUnits, signatureHex) {
  return `${channelId}:${cumulativeUnits}:${signatureHex}`;
}

/**
 * `fetch` with payment: signs the voucher for `channel.units + unitsPerRequest`, sends it in
 * the `X-ServiceChain-Voucher` header and, when the request was served (a response below 500
 * other than 400/402), keeps the new cumulative count in `channel.units`. After a network error
 * or a 5xx the count stays, so the retry carries the same voucher, which the gateway serves
 * without charging a second unit. `channel.signed` keeps the highest count signed.
 * A 402 `UnitsNotIncreasing` whose body says the gateway accepted more units than
 * `channel.units` moves `channel.units` up to them only when that count is believable: at most
 * what this consumer signed (`channel.signed`), or proven by the consumer's own voucher for it
 * in the body (`voucher`, checked against the consumer's key). Anything else is left to the
 * caller: a server cannot make the consumer sign away its deposit by claiming a count.
 * The voucher is signed by `pair` (a keyring pair), or by `sign(payload)` resolving with the
 * signature's hex (e.g. a browser wallet's `signRaw`, whose `<Bytes>` wrapping the runtime and
 * the gateway accept) for the account `consumer`.
 * @param {string} url
 * @param {{channel: {channelId: bigint, units: bigint, signed?: bigint}, pair?: any,
 *   sign?: (payload: Uint8Array) => Promise<string>, consumer?: string, genesisHash: string,
 *   unitsPerRequest?: bigint, init?: RequestInit}} opts
 * @returns {Promise<Response>}
 */
export async function fetchWithPayment (url, { channel, pair, sign, consumer, genesisHash, unitsPerRequest = 1n, init = {} }) {
  const next = BigInt(channel.units) + BigInt(unitsPerRequest);
  const payload = voucherPayload(genesisHash, channel.channelId, next);
  // A keyring pair signs through the voucher module (natively when built); any other signer
  // with a `sign(bytes)` signs the payload itself.
  const signature = sign
    ? await sign(payload)
    : (SIGNATURE_VARIANTS.some((v) => v.keyType === pair.type) ? signVoucherHex(pair, genesisHash, channel.channelId, next) : u8aToHex(pair.sign(payload)));
  if (next > BigInt(channel.signed ?? 0n)) channel.signed = next;
  const headers = new Headers(init.headers ?? {});
  headers.set(VOUCHER_HEADER, voucherHeader(channel.channelId, next, signature));
  const res = await fetch(url, { ...init, headers });
  if (res.status !== 402 && res.status !== 400 && res.status < 500) {
    channel.units = next;
  } else if (res.status === 402) {
    // The gateway accepted more than we know of (e.g. a response lost between it and us):
    // carry on from there, if we signed that much or it shows our voucher for it.
    const body = await res.clone().json().catch(() => null);
    if (body?.error !== 'UnitsNotIncreasing') return res;
    let accepted = 0n;
    try { accepted = BigInt(body.channel?.acceptedUnits ?? 0); } catch { return res; }
    if (accepted <= BigInt(channel.units)) return res;
    const who = consumer ?? pair?.address;
    const proof = body.voucher;
    let proven = false;
    try {
      proven = !!who && !!proof && BigInt(proof.cumulativeUnits) === accepted &&
        verifyVoucherSignature(who, genesisHash, channel.channelId, accepted, Object.values(proof.signature ?? {})[0] ?? '0x');
    } catch { proven = false; }
    if (proven || accepted <= BigInt(channel.signed)) channel.units = accepted;
  }
  return res;
}
