// Who signs: on a development chain, the well-known dev accounts (//Alice …), clearly marked as
// test keys; the choice is kept in localStorage. (Wallet extensions are not wired in yet.)
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { api } from './chain.js';

const DEV = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];
const listeners = new Set();
let accountsPromise = null;

/** The accounts the app can sign with: `{ name, address, pair, dev: true }`. */
export function accounts () {
  accountsPromise ??= (async () => {
    const a = await api();
    const chain = (await a.rpc.system.chain()).toString();
    if (!/development|local/i.test(chain)) return [];
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519', ss58Format: a.registry.chainSS58 ?? 42 });
    return DEV.map((name) => {
      const pair = keyring.addFromUri(`//${name}`);
      return { name, address: pair.address, pair, dev: true };
    });
  })();
  return accountsPromise;
}

/** The selected account, or null. */
export async function current () {
  const all = await accounts();
  const chosen = localStorage.getItem('servicechain.account');
  return all.find((a) => a.address === chosen) ?? all[0] ?? null;
}

export function choose (address) {
  localStorage.setItem('servicechain.account', address);
  for (const l of listeners) l();
}

/** Calls `fn` when the selected account changes; returns the unsubscribe. */
export function onChange (fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
