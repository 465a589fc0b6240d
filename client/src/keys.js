// Signing keys from secret URIs (`//Alice`, a mnemonic, a hex seed, with derivation paths).
import { DEV_PHRASE, Keyring } from '@polkadot/keyring';
import { hexToU8a, isHex, stringToU8a } from '@polkadot/util';
import { cryptoWaitReady, keyExtractSuri, keyFromPath, mnemonicToMiniSecret, sr25519PairFromSeed } from '@polkadot/util-crypto';
import { rememberNativeKeys } from './vouchers.js';

/**
 * A keyring pair for a secret URI. An sr25519 pair also signs vouchers natively (src/native.js)
 * when the addon is built: its keys, derived here from the URI as the keyring derives them,
 * are kept beside the pair for that.
 * @param {string} suri e.g. `//Alice` or `<mnemonic>//derivation`
 * @param {'sr25519'|'ed25519'|'ecdsa'} [type]
 */
export async function pairFromUri (suri, type = 'sr25519') {
  await cryptoWaitReady();
  const pair = new Keyring({ type }).addFromUri(suri);
  if (type === 'sr25519') {
    try {
      rememberNativeKeys(pair, sr25519KeysFromUri(suri));
    } catch {
      // A URI the keyring reads and this does not: the pair signs itself.
    }
  }
  return pair;
}

/** The sr25519 key pair of a secret URI, derived as `Keyring#createFromUri` does. */
function sr25519KeysFromUri (uri) {
  const { password, path, phrase } = keyExtractSuri(uri.startsWith('//') ? `${DEV_PHRASE}${uri}` : uri);
  let seed;
  if (isHex(phrase, 256)) {
    seed = hexToU8a(phrase);
  } else if ([12, 15, 18, 21, 24].includes(phrase.split(' ').length)) {
    seed = mnemonicToMiniSecret(phrase, password);
  } else {
    if (phrase.length > 32) throw new Error('not a mnemonic, and too long for a raw seed');
    seed = stringToU8a(phrase.padEnd(32));
  }
  return keyFromPath(sr25519PairFromSeed(seed), path, 'sr25519');
}
