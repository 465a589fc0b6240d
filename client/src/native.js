// The native voucher cryptography (client/native: an N-API addon in Rust, built by
// scripts/build-native.sh), when it was built: sr25519 signing and sr25519/ed25519 verification
// several times faster than the WASM of `@polkadot/wasm-crypto` (docs/performance.md). Without
// it the SDK uses the WASM, with the same results.
//   SERVICECHAIN_NATIVE=off      never load it
//   SERVICECHAIN_NATIVE=<path>   load it from there (an error if it cannot be loaded)
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Where scripts/build-native.sh puts the addon for this platform. */
export const NATIVE_ADDON = fileURLToPath(new URL(`../native/servicechain-crypto.${process.platform}-${process.arch}.node`, import.meta.url));

/** Why the addon built at NATIVE_ADDON could not be loaded (e.g. built for another libc), or null. */
export let nativeLoadError = null;

function load () {
  const setting = process.env.SERVICECHAIN_NATIVE;
  if (setting === 'off') return null;
  // Asked for by path: it must load.
  if (setting) return createRequire(import.meta.url)(setting);
  if (!existsSync(NATIVE_ADDON)) return null;
  try {
    return createRequire(import.meta.url)(NATIVE_ADDON);
  } catch (e) {
    nativeLoadError = e.message;
    return null;
  }
}

/**
 * The addon's functions (`sr25519Sign`, `sr25519Verify`, `sr25519VerifyEither`,
 * `ed25519VerifyEither`, all on byte arrays), or null when it is not built, cannot be loaded
 * (`nativeLoadError` says why) or is switched off.
 */
export const native = load();
