// What a provider-side voucher holder (the gateway, the x402 facilitator) needs from the chain:
// channel states kept current by storage subscriptions, and one transaction queue that claims
// the latest voucher of every channel in `claim_batch`es.
import { channelFromPage, channelLocation, claimBatch } from '../payments.js';
import { voucherForm } from '../vouchers.js';

/**
 * Channel states, each followed by a storage subscription from first use until it closes, or,
 * if `keep(id)` still holds then, until `forget(id)` is called once it no longer does. Ids of channels that do not exist are not followed
 * (anyone can make them up) unless `keep(id)` says so.
 * @param {import('@polkadot/api').ApiPromise} api
 * @param {(id: string) => boolean} [keep]
 */
export function createChannelCache (api, keep = () => false) {
  /** channel id (string) -> channel (plain) or null */
  const channels = new Map();
  const unsubs = new Map();
  /** channel id -> the first lookup under way, so that two at once subscribe once */
  const loading = new Map();
  /** The channel's state (null once closed or if it never existed). */
  const channelOf = (id) => {
    if (loading.has(id)) return loading.get(id);
    if (unsubs.has(id)) return Promise.resolve(channels.get(id));
    const lookup = follow(id).finally(() => loading.delete(id));
    loading.set(id, lookup);
    return lookup;
  };
  const follow = async (id) => {
    let first;
    const ready = new Promise((resolve) => { first = resolve; });
    let open = false;
    // The channel lives in a page of its service's channels: follow the page, read its slot.
    const unsub = await api.query.meteredPayments.channelPages(channelLocation(id).key, (page) => {
      const ch = channelFromPage(id, page);
      channels.set(id, ch);
      first();
      // Closed: stop following it, unless something of it is still held (then the holder calls
      // `forget` once it dropped it, as the gateway's prune does).
      if (ch) open = true;
      else if (open) forget(id);
    });
    unsubs.set(id, unsub);
    await ready;
    const ch = channels.get(id);
    if (!ch && !keep(id)) {
      unsub();
      unsubs.delete(id);
      channels.delete(id);
    }
    return ch;
  };
  /** Stops following a channel nothing is held of (another service's, or closed). */
  const forget = (id) => {
    if (keep(id)) return;
    unsubs.get(id)?.();
    unsubs.delete(id);
    channels.delete(id);
  };
  const close = () => {
    for (const unsub of unsubs.values()) unsub();
    unsubs.clear();
  };
  return { channels, channelOf, forget, close };
}

/**
 * One queue for every transaction of a voucher holder (claims, heartbeats): one nonce sequence,
 * no races. `claimNow()` claims every voucher in `pending` (channel id -> `{ units, signature }`)
 * above what the chain has, in `claim_batch`es of at most the chain's `maxClaimsPerBatch`, and
 * drops those claimed or already settled; `persist()` is called after every change.
 * @param {object} o
 * @param {import('@polkadot/api').ApiPromise} o.api
 * @param {any} o.signer
 * @param {Map<string, {units: bigint, signature: object}>} o.pending
 * @param {(id: string) => Promise<any>} o.channelOf
 * @param {() => boolean} o.persist
 * @param {() => Promise<void>} [o.prune] runs before each claim (e.g. drops closed channels' credits)
 * @param {{claims: number}} o.stats
 * @param {(msg: string) => void} o.log
 */
export function createClaimQueue ({ api, signer, pending, channelOf, persist, prune = async () => {}, stats, log }) {
  let queue = Promise.resolve();
  const enqueue = (fn) => {
    const run = queue.then(fn);
    queue = run.catch((e) => { log(`transaction failed: ${e.message}`); });
    return run;
  };

  // A claim asked for while another one waits in the queue joins it: many triggers (threshold,
  // risk cap, timer) make one claim.
  let waiting = null;
  const claimNow = () => {
    waiting ??= enqueue(async () => {
      waiting = null;
      return claimPending();
    });
    return waiting;
  };

  /** Claims every pending voucher above what the chain has; resolves with the batches sent. */
  const claimPending = async () => {
    const due = [];
    for (const [id, v] of pending) {
      const ch = await channelOf(id);
      if (!ch || v.units <= ch.claimedUnits) { pending.delete(id); continue; }
      // One voucher that cannot be encoded must not block every other channel's claim.
      try {
        api.createType('MultiSignature', v.signature);
      } catch (e) {
        log(`dropping channel ${id}'s voucher for ${v.units} units: its signature cannot be claimed (${e.message})`);
        pending.delete(id);
        continue;
      }
      // Naming the form makes the claim one signature check (and its weight) instead of two.
      const form = voucherForm(ch.consumer, api.genesisHash, id, v.units, v.signature);
      due.push({ channelId: BigInt(id), cumulativeUnits: v.units, signature: v.signature, form });
    }
    await prune();
    if (!due.length) { persist(); return []; }
    const max = (await api.call.meteredPaymentsApi.parameters()).maxClaimsPerBatch.toNumber();
    const results = [];
    for (let i = 0; i < due.length; i += max) {
      const batch = due.slice(i, i + max);
      const result = await claimBatch(api, signer, batch);
      stats.claims += 1;
      for (const c of batch) {
        const id = c.channelId.toString();
        if (pending.get(id)?.units === c.cumulativeUnits) pending.delete(id);
      }
      results.push(result);
      log(`claimed ${result.claimed.length} channel(s), ${result.failed.length} failed, in ${result.blockHash}`);
    }
    persist();
    return results;
  };

  return { enqueue, claimNow };
}
