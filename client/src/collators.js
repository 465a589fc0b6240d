// Collator onboarding: session keys with their proof of ownership, and candidacy through
// `collatorSelection`. See docs/operations.md.
import { u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { findEvent } from './events.js';
import { signAndWait } from './tx.js';

/**
 * The JSON-RPC method the node offers but polkadot.js does not define; `connect` adds it.
 * `owner` is the SCALE-encoded account that will submit `session.setKeys` (its 32 bytes).
 */
export const COLLATOR_RPC = {
  author: {
    rotateKeysWithOwner: {
      description: 'Generates new session keys in the node\'s keystore and a proof that `owner` owns them',
      params: [{ name: 'owner', type: 'Bytes' }],
      type: 'Json'
    }
  }
};

/**
 * Generates new session keys in the keystore of the node `api` is connected to (an unsafe RPC
 * method: connect to the collator's own, local RPC) and proves them for `owner`.
 * @param {import('@polkadot/api').ApiPromise} api
 * @param {string} owner SS58 address of the account that will call `session.setKeys`
 * @returns {Promise<{keys: string, proof: string}>} hex
 */
export async function rotateSessionKeys (api, owner) {
  const { keys, proof } = (await api.rpc.author.rotateKeysWithOwner(u8aToHex(decodeAddress(owner)))).toJSON();
  if (!proof) throw new Error('the node gave no ownership proof for the session keys');
  return { keys, proof };
}

/** Sets `keys` (with their `proof`) as `signer`'s session keys; they apply from the session after next. */
export function setSessionKeys (api, signer, keys, proof, opts) {
  return signAndWait(api, api.tx.session.setKeys(keys, proof), signer, opts);
}

/**
 * Registers `signer` as a collator candidate, holding the candidacy bond. Needs session keys.
 * @returns {Promise<{deposit: bigint, blockHash: string}>}
 */
export async function registerAsCandidate (api, signer, opts) {
  const { events, blockHash } = await signAndWait(api, api.tx.collatorSelection.registerAsCandidate(), signer, opts);
  return { deposit: findEvent(events, 'collatorSelection', 'CandidateAdded').data.deposit.toBigInt(), blockHash };
}

/**
 * An account's standing as a collator.
 * @returns {Promise<{address: string, invulnerable: boolean, candidateDeposit: bigint|null,
 *   nextKeys: string|null, keysInThisNode: boolean|null, candidacyBond: bigint, desiredCandidates: number}>}
 *   `keysInThisNode` says whether the connected node's keystore holds `nextKeys`.
 */
export async function collatorStatus (api, address) {
  const [invulnerables, candidates, next, bond, desired] = await Promise.all([
    api.query.collatorSelection.invulnerables(),
    api.query.collatorSelection.candidateList(),
    api.query.session.nextKeys(address),
    api.query.collatorSelection.candidacyBond(),
    api.query.collatorSelection.desiredCandidates()
  ]);
  const candidate = candidates.find((c) => c.who.toString() === address);
  const nextKeys = next.isSome ? next.unwrap().toHex() : null;
  return {
    address,
    invulnerable: invulnerables.some((a) => a.toString() === address),
    candidateDeposit: candidate ? candidate.deposit.toBigInt() : null,
    nextKeys,
    keysInThisNode: nextKeys === null ? null : (await api.rpc.author.hasSessionKeys(nextKeys)).isTrue,
    candidacyBond: bond.toBigInt(),
    desiredCandidates: desired.toNumber()
  };
}
