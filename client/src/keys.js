// Signing keys from secret URIs (`//Alice`, a mnemonic, a hex seed, with derivation paths).
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

/**
 * A keyring pair for a secret URI.
 * @param {string} suri e.g. `//Alice` or `<mnemonic>//derivation`
 * @param {'sr25519'|'ed25519'|'ecdsa'} [type]
 */
export async function pairFromUri (suri, type = 'sr25519') {
  await cryptoWaitReady();
  return new Keyring({ type }).addFromUri(suri);
}
