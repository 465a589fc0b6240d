// A dev chain spec whose genesis registers many services (the service registry's genesis
// `services`, each registered as `register_service` does, deposit held), for tests of the
// registry at scale. Providers are made-up accounts (32 bytes from a hash: they never sign),
// endowed in the same genesis, 100 services each (the runtime's MaxServicesPerProvider).
// Its raw form is built by `servicechain-genesis` (fuzz/src/bin/genesis.rs: the runtime's
// native code) because the node's WASM genesis build holds the whole config in its 128 MiB
// heap, which 100,000 services outgrow ("Allocator ran out of space" from about 80,000).
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { encodeAddress, blake2AsU8a } from '@polkadot/util-crypto';
import { nodeBinary } from './node.js';

/** `servicechain-genesis`: $SERVICECHAIN_GENESIS, else the shared cargo target dir's release build. */
export function genesisBinary () {
  const bin = process.env.SERVICECHAIN_GENESIS ??
    join(process.env.CARGO_TARGET_DIR || join(homedir(), '.cache/servicechain/target'), 'release', 'servicechain-genesis');
  if (!existsSync(bin)) {
    throw new Error(`${bin} is missing: build it with \`SKIP_WASM_BUILD=1 cargo build --release ` +
      '-p servicechain-fuzz --features try-runtime --bin servicechain-genesis` (scripts/test.sh does)');
  }
  return bin;
}

/** Writes the raw form of the spec at `path` to `rawPath` with `servicechain-genesis`. */
export function rawSpec (path, rawPath) {
  execFileSync(genesisBinary(), [path, rawPath], { stdio: ['ignore', 'ignore', 'pipe'] });
}

const UNIT = 10n ** 18n;
/** Big integers (balances in planck) travel through JSON.parse as marked strings. */
const BIG = '#big#';

/**
 * Writes the spec to `path` and its raw form (genesis storage, built once) to `rawPath`.
 * Service `i` is `s<i>` at `https://s<i>.example`, tags `tagsOf(i)` (default `t<i mod 100>`),
 * price `(i mod 1000 + 1) × 0.001` SCV per request. `registry` overrides the registry's
 * genesis parameters (e.g. `{ staleAfter }`, so that services without heartbeats stay listed).
 * @returns {{providers: number, specMs: number, rawMs: number}}
 */
export function manyServicesChainSpec ({ count, path, rawPath, perProvider = 100, tagsOf = (i) => [`t${i % 100}`], registry = {} }) {
  const started = Date.now();
  const bin = nodeBinary();
  const text = execFileSync(bin, ['export-chain-spec', '--chain', 'dev'], { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 1024 * 1024 })
    .toString()
    .replace(/([:[,]\s*)(\d{16,})(?=\s*[,\]}])/g, `$1"${BIG}$2"`);
  const spec = JSON.parse(text);
  const genesis = spec.genesis.runtimeGenesis.patch ?? spec.genesis.runtimeGenesis.config;
  const providers = Math.ceil(count / perProvider);
  const addresses = Array.from({ length: providers }, (_, p) => encodeAddress(blake2AsU8a(`servicechain-scale-provider-${p}`), 42));
  for (const address of addresses) genesis.balances.balances.push([address, `${BIG}${1000n * UNIT}`]);
  Object.assign(genesis.serviceRegistry.params, registry);
  genesis.serviceRegistry.services = addresses.map((address, p) => [address, Array.from(
    { length: Math.min(perProvider, count - p * perProvider) },
    (_, k) => {
      const i = p * perProvider + k;
      return {
        name: `s${i}`,
        endpoints: [`https://s${i}.example`],
        protocol: 'https',
        tags: tagsOf(i),
        pricePerUnit: `${BIG}${BigInt(i % 1000 + 1) * UNIT / 1000n}`,
        unit: 'Request'
      };
    })]);
  writeFileSync(path, JSON.stringify(spec).replace(new RegExp(`"${BIG}(\\d+)"`, 'g'), '$1'));
  const specMs = Date.now() - started;
  const rawStarted = Date.now();
  rawSpec(path, rawPath);
  return { providers, specMs, rawMs: Date.now() - rawStarted };
}
