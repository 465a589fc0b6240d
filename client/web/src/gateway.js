// The app's two uses of a service's metered gateway (client/src/gateway): a consumer's paid
// request, carrying the next voucher of a channel, and a provider's operator endpoints (what
// each channel still owes, claim now). The latest voucher a consumer signed per channel is kept
// in localStorage: it is what the provider can still claim.
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

async function operatorCall ({ url, token }, action, method) {
  if (!url) throw new Error('no gateway URL');
  const res = await fetch(new URL(`${OPERATOR_PATH}${action}`, url), { method, headers: { authorization: `Bearer ${token ?? ''}` } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`gateway ${res.status}: ${body.message ?? body.error ?? res.statusText}`);
  return body;
}

/** Each channel the gateway holds vouchers of: accepted, claimed and claimable units and value. */
export const gatewayStatus = (g) => operatorCall(g, 'status', 'GET');

/** Claims every voucher the gateway holds now; resolves with the claims and the new status. */
export const gatewayClaim = (g) => operatorCall(g, 'claim', 'POST');

const unitsKey = (genesisHash, channelId) => `servicechain.voucher.${genesisHash}.${channelId}`;

/** The cumulative units of the latest voucher this browser signed for a channel (0n if none). */
export function signedUnits (genesisHash, channelId) {
  return BigInt(localStorage.getItem(unitsKey(genesisHash, channelId)) ?? '0');
}

/**
 * A paid request to `url` on `channel` (`{ id, claimedUnits }` from the chain): the next
 * voucher (from what the chain and this browser know) signed by `sign`, then the response.
 * @returns {Promise<{status: number, body: string, units: bigint}>}
 */
export async function paidRequest (url, { genesisHash, channel, sign, init = {} }) {
  const known = signedUnits(genesisHash, channel.id);
  const state = { channelId: channel.id, units: known > channel.claimedUnits ? known : channel.claimedUnits };
  const res = await fetchWithPayment(url, { channel: state, sign, genesisHash, init });
  localStorage.setItem(unitsKey(genesisHash, channel.id), state.units.toString());
  const body = await res.text();
  return { status: res.status, body, units: state.units };
}
