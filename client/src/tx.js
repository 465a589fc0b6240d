// Submitting transactions: wait for inclusion or finalization, and turn dispatch errors into
// their pallet error names and docs from the chain's metadata.

/** A dispatch error with the pallet error's name (e.g. `Balances.InsufficientBalance`). */
export class DispatchError extends Error {
  /**
   * @param {string} name `Pallet.Error`, or the variant of a non-module error
   * @param {string} docs the error's doc comment from metadata
   */
  constructor (name, docs) {
    super(docs ? `${name}: ${docs}` : name);
    this.name = 'DispatchError';
    this.errorName = name;
    this.docs = docs;
  }
}

/**
 * Decodes a `DispatchError` codec value through the registry's metadata.
 * @param {import('@polkadot/api').ApiPromise} api
 * @param {any} dispatchError
 * @returns {DispatchError}
 */
export function decodeDispatchError (api, dispatchError) {
  if (dispatchError.isModule) {
    const meta = api.registry.findMetaError(dispatchError.asModule);
    return new DispatchError(`${meta.section}.${meta.name}`, meta.docs.join(' ').trim());
  }
  // Token, Arithmetic and Transactional errors carry an inner enum: name it too.
  const inner = dispatchError.value;
  const detail = inner && typeof inner.type === 'string' ? `.${inner.type}` : '';
  return new DispatchError(`${dispatchError.type}${detail}`, '');
}

/**
 * The name of a `DispatchError` codec value (`pallet.Error`, or the variant of a non-module error
 * with its inner variant, e.g. `Token.FundsUnavailable`): the one way the SDK names errors, for
 * failed extrinsics, failed claims of a batch and failed DAO proposals alike.
 * @param {import('@polkadot/api').ApiPromise} api
 * @param {any} dispatchError
 * @returns {string}
 */
export function errorName (api, dispatchError) {
  return decodeDispatchError(api, dispatchError).errorName;
}

/**
 * Signs and sends `tx`; resolves once it is in a block (or finalized with `finalized: true`).
 * Rejects with a {@link DispatchError} when the extrinsic failed.
 * @param {import('@polkadot/api').ApiPromise} api
 * @param {any} tx a `SubmittableExtrinsic` from `api.tx`
 * @param {any} signer a keyring pair, or a wallet account `{ address, signer }` (the `signer` of
 *   a polkadot.js extension, `web3FromAddress(address).signer`)
 * @param {{finalized?: boolean, nonce?: number, onStatus?: (status: string) => void}} [opts]
 *   `onStatus` sees every status the transaction reaches (`Ready`, `InBlock`, `Finalized`…)
 * @returns {Promise<{blockHash: string, events: any[], txHash: string}>}
 */
export function signAndWait (api, tx, signer, { finalized = false, nonce = -1, onStatus = () => {} } = {}) {
  const wallet = signer && typeof signer.sign !== 'function' && signer.signer && signer.address;
  const [account, options] = wallet ? [signer.address, { nonce, signer: signer.signer }] : [signer, { nonce }];
  return new Promise((resolve, reject) => {
    let unsub = () => {};
    tx.signAndSend(account, options, (result) => {
      onStatus(result.status.type);
      const { status, events = [], dispatchError } = result;
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        unsub();
        reject(new Error(`transaction ${status.type}`));
        return;
      }
      const done = finalized ? status.isFinalized : (status.isInBlock || status.isFinalized);
      if (!done) return;
      unsub();
      if (dispatchError) {
        reject(decodeDispatchError(api, dispatchError));
        return;
      }
      const blockHash = (status.isFinalized ? status.asFinalized : status.asInBlock).toHex();
      resolve({ blockHash, events, txHash: tx.hash.toHex() });
    }).then((u) => { unsub = u; }, reject);
  });
}
