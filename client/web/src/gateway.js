// The app's two uses of a service's metered gateway (client/src/gateway): a consumer's paid
// request, carrying the next voucher of a channel, to the service's endpoints only; and a
// provider's operator endpoints (what each channel still owes, claim now), the token sent only
// over https or to this machine. The latest voucher served per channel, and the highest count
// signed, are kept in localStorage: what the provider can still claim.
import { OPERATOR_PATH, fetchWithPayment } from '@servicechain/client';

const GATEWAY_KEY = 'servicechain.gateway';

/** The provider's gateway settings `{ url, token }` kept in this browser. */
export function loadGateway () {
  try {
    return JSON.parse(localStorage.getItem(GATEWAY_KEY)) ?? {};
  } catch {
    return {};
  }
}

export function saveGateway (g) {
  localStorage.setItem(GATEWAY_KEY, JSON.stringify(g));
}

/** Whether a gateway URL may carry the operator token: https, or http on this machine. */
function safeForToken (url) {
  return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
}

async function operatorCall ({ url, token }, action, method) {
  if (!url) throw new Error('no gateway URL');
  const base = new URL(url.endsWith('/') ? url : `${url}/`);
  if (!safeForToken(base)) throw new Error('the operator token goes only over https (or http to this machine)');
  // Relative to the gateway's own URL, which may sit under a path behind a proxy.
  const target = new URL(`${OPERATOR_PATH.slice(1)}${action}`, base);
  const res = await fetch(target, { method, headers: { authorization: `Bearer ${token ?? ''}` } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`gateway ${res.status}: ${body.message ?? body.error ?? res.statusText}`);
  return body;
}

/** Each channel the gateway holds vouchers of: accepted, claimed and claimable units and value. */
export const gatewayStatus = (g) => operatorCall(g, 'status', 'GET');

/** Claims every voucher the gateway holds now; resolves with the claims and the new status. */
export const gatewayClaim = (g) => operatorCall(g, 'claim', 'POST');

const unitsKey = (genesisHash, channelId) => `servicechain.voucher.${genesisHash}.${channelId}`;

/**
 * What this browser knows of a channel's vouchers: `units`, the count of the latest voucher
 * served (or proven accepted), and `signed`, the highest count it signed.
 */
function known (genesisHash, channelId) {
  try {
    const v = JSON.parse(localStorage.getItem(unitsKey(genesisHash, channelId)) ?? '{}');
    return { units: BigInt(v.units ?? 0), signed: BigInt(v.signed ?? 0) };
  } catch {
    return { units: 0n, signed: 0n };
  }
}

/** The cumulative units of the latest voucher this browser had served on a channel (0n if none). */
export function signedUnits (genesisHash, channelId) {
  return known(genesisHash, channelId).units;
}

/**
 * Whether `url` is one of the service's endpoints or under one: vouchers go only there (a
 * voucher sent elsewhere could be spent by whoever gets it).
 */
export function underEndpoint (url, endpoints) {
  return endpoints.some((e) => {
    const base = e.replace(/\/+$/, '');
    return url === e || url === base || url.startsWith(`${base}/`) || url.startsWith(`${base}?`);
  });
}

/**
 * A paid request to `url` on `channel` (`{ id, claimedUnits }` from the chain) of the account
 * `consumer`: the next voucher (from what the chain and this browser know) signed by `sign`,
 * then the response. The counts are kept as the highest seen (other tabs write them too).
 * @returns {Promise<{status: number, body: string, units: bigint}>}
 */
export async function paidRequest (url, { genesisHash, channel, sign, consumer, init = {} }) {
  const before = known(genesisHash, channel.id);
  const state = {
    channelId: channel.id,
    units: before.units > channel.claimedUnits ? before.units : channel.claimedUnits,
    signed: before.signed
  };
  const res = await fetchWithPayment(url, { channel: state, sign, consumer, genesisHash, init });
  const now = known(genesisHash, channel.id);
  const max = (a, b) => (a > b ? a : b);
  localStorage.setItem(unitsKey(genesisHash, channel.id), JSON.stringify({
    units: max(now.units, state.units).toString(), signed: max(now.signed, state.signed).toString()
  }));
  const body = await res.text();
  return { status: res.status, body, units: state.units };
}
