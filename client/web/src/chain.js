// The app's connection to a ServiceChain node: `?node=ws://…` in the URL, else the `node` of
// /config.json (written by `scv web --url`), else ws://127.0.0.1:9944. One API for the app.
import { connect } from '@servicechain/client';

let apiPromise = null;

/** The node's WebSocket URL the app uses. */
export async function nodeUrl () {
  const fromQuery = new URLSearchParams(location.search).get('node');
  if (fromQuery) return fromQuery;
  try {
    const res = await fetch('./config.json', { cache: 'no-store' });
    if (res.ok) return (await res.json()).node ?? 'ws://127.0.0.1:9944';
  } catch { /* served without a config */ }
  return 'ws://127.0.0.1:9944';
}

/** The connected API (built from the chain's metadata by the SDK). */
export function api () {
  apiPromise ??= nodeUrl().then((url) => connect(url));
  return apiPromise;
}

/**
 * The events of the last `blocks` blocks (newest first) that `pick(event)` keeps, read 20
 * blocks at a time: `[{ block, event }]`. For short histories (the app has no indexer).
 */
export async function recentEvents (a, blocks, pick) {
  const head = (await a.rpc.chain.getHeader()).number.toNumber();
  const numbers = [];
  for (let n = head; n >= 1 && n > head - blocks; n--) numbers.push(n);
  const found = [];
  for (let i = 0; i < numbers.length; i += 20) {
    const batch = await Promise.all(numbers.slice(i, i + 20).map(async (n) => {
      const records = await a.query.system.events.at(await a.rpc.chain.getBlockHash(n));
      return records.filter(({ event }) => pick(event)).map(({ event }) => ({ block: n, event }));
    }));
    found.push(...batch.flat());
  }
  return found;
}
