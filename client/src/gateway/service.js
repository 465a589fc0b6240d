// The gateway's service: its terms (price, payee) and last heartbeat, kept current by a storage
// subscription, and the heartbeats that keep it listed.
import { heartbeat } from '../registry.js';

/**
 * Follows a service. With `heartbeats`, sends a (free) heartbeat through `enqueue` (the voucher
 * holder's one transaction queue) whenever the registry's heartbeat interval has passed since the
 * last one, never two at once.
 * @param {object} o
 * @param {import('@polkadot/api').ApiPromise} o.api
 * @param {any} o.signer the provider
 * @param {number|bigint} o.serviceId
 * @param {boolean} o.heartbeats
 * @param {(tx: () => Promise<any>) => Promise<any>} o.enqueue
 * @param {{heartbeats: number}} o.stats counts the heartbeats sent
 * @returns {Promise<{terms: () => ({pricePerUnit: bigint, payee: string, lastHeartbeat: number}|null),
 *   close: () => void}>} `terms()` is null while the service does not exist
 */
export async function followService ({ api, signer, serviceId, heartbeats, enqueue, stats }) {
  const subscriptions = [];
  let terms = null;
  subscriptions.push(await api.query.serviceRegistry.services(serviceId, (s) => {
    if (s.isNone) { terms = null; return; }
    const info = s.unwrap();
    terms = {
      pricePerUnit: info.details.pricePerUnit.toBigInt(),
      payee: (info.details.beneficiary.isSome ? info.details.beneficiary.unwrap() : info.provider).toString(),
      lastHeartbeat: info.lastHeartbeat.toNumber()
    };
  }));
  if (heartbeats) {
    const interval = (await api.call.serviceRegistryApi.parameters()).heartbeatInterval.toNumber();
    let beating = false;
    subscriptions.push(await api.rpc.chain.subscribeNewHeads((header) => {
      if (terms === null || beating || header.number.toNumber() + 1 < terms.lastHeartbeat + interval) return;
      beating = true;
      enqueue(() => heartbeat(api, signer, serviceId)).then(() => { stats.heartbeats += 1; }, () => {}).finally(() => { beating = false; });
    }));
  }
  return {
    terms: () => terms,
    close: () => { for (const unsub of subscriptions) unsub(); }
  };
}
