// Who signs: the accounts of a wallet extension speaking the polkadot.js extension interface
// (polkadot.js extension, Talisman, SubWallet…: `@polkadot/extension-dapp`), connected when
// the user asks; and on a development chain also the well-known dev accounts (//Alice …),
// clearly marked as test keys. The choice is kept in localStorage.
import { web3Accounts, web3Enable, web3FromSource } from '@polkadot/extension-dapp';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { api } from './chain.js';

const DEV = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];
const APP_NAME = 'ServiceChain';
const listeners = new Set();
let devPromise = null;
let wallet = [];

/** The dev accounts on a development or local chain, none elsewhere. */
function devAccounts () {
  devPromise ??= (async () => {
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
  return devPromise;
}

const notify = () => { for (const l of listeners) l(); };

/**
 * Asks the installed wallet extensions for access (each shows its own prompt) and adds their
 * accounts. Resolves with how many accounts were added; throws when no extension answered.
 */
export async function connectWallet () {
  const extensions = await web3Enable(APP_NAME);
  if (!extensions.length) {
    throw new Error('no wallet extension answered: install polkadot.js extension, Talisman or SubWallet and allow this site');
  }
  const a = await api();
  const found = await web3Accounts({ ss58Format: a.registry.chainSS58 ?? 42 });
  wallet = found.map((w) => ({ name: `${w.meta.name ?? 'account'} (${w.meta.source})`, address: w.address, source: w.meta.source, dev: false }));
  localStorage.setItem('servicechain.wallet', '1');
  notify();
  return wallet.length;
}

/** Reconnects a wallet the user connected before (no prompt once the site is allowed). */
export async function restoreWallet () {
  if (localStorage.getItem('servicechain.wallet') !== '1') return;
  try { await connectWallet(); } catch { /* the extension is gone or not allowed any more */ }
}

/** The accounts the app can sign with: the wallet's first, then the dev accounts. */
export async function accounts () {
  return [...wallet, ...await devAccounts()];
}

/** The selected account, or null. */
export async function current () {
  const all = await accounts();
  const chosen = localStorage.getItem('servicechain.account');
  return all.find((a) => a.address === chosen) ?? all[0] ?? null;
}

export function choose (address) {
  localStorage.setItem('servicechain.account', address);
  notify();
}

/** Calls `fn` when the accounts or the selected one change; returns the unsubscribe. */
export function onChange (fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** What `signAndWait` signs with: a dev account's pair, or the wallet's signer for its address. */
export async function txSigner (account) {
  if (account.pair) return account.pair;
  const injector = await web3FromSource(account.source);
  return { address: account.address, signer: injector.signer };
}

/**
 * Signs a voucher payload; resolves with the signature's hex. A wallet signs with `signRaw`,
 * which wraps the bytes in `<Bytes>…</Bytes>` (the runtime and gateways accept both forms).
 */
export async function voucherSigner (account) {
  if (account.pair) return async (payload) => u8aToHex(account.pair.sign(payload));
  const injector = await web3FromSource(account.source);
  if (!injector.signer.signRaw) throw new Error(`${account.source} cannot sign raw bytes (vouchers)`);
  return async (payload) => (await injector.signer.signRaw({ address: account.address, data: u8aToHex(payload), type: 'bytes' })).signature;
}
