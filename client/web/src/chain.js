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
