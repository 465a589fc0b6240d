// Discovery at scale (issue 18's third target): a dev chain whose genesis registers
// DISCO_SERVICES services (default 1,000,000; built natively by servicechain-genesis, see
// client/test/helpers/many-services.js), each tagged `all`, `t{i mod 20}` and `r{i mod 7}` as in
// bench.js; the node started on it; p50/p99 of the first page (50) for one tag (`all`) and two
// tags (`t3` + `r2`) via `state_call`, the node's resident memory and its database size.
//
//   node client/bench/discovery.js          (prints JSON; bench.js calls `discoveryAtScale`)
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { connect } from '../src/index.js';
import { manyServicesChainSpec } from '../test/helpers/many-services.js';
import { startDevNode } from '../test/helpers/node.js';
import { discoveryLatency, duMiB, log, rssMiB } from './lib.js';

/**
 * Writes the spec of a dev chain whose genesis registers `count` services (tags `all`,
 * `t{i mod 20}`, `r{i mod 7}`; a staleness period long enough that no service goes stale
 * without heartbeats) to `<dir>/spec.json`, and its raw form to `<dir>/raw.json`.
 */
export function scaleSpec (dir, count) {
  return manyServicesChainSpec({
    count,
    path: join(dir, 'spec.json'),
    rawPath: join(dir, 'raw.json'),
    tagsOf: (i) => ['all', `t${i % 20}`, `r${i % 7}`],
    registry: { staleAfter: 1_000_000_000 }
  });
}

/**
 * @param {object} [o]
 * @param {number} [o.count] services (default DISCO_SERVICES or 1,000,000)
 * @param {number} [o.queries] samples per query (default 200)
 */
export async function discoveryAtScale ({ count = Number(process.env.DISCO_SERVICES ?? 1_000_000), queries = 200 } = {}) {
  await cryptoWaitReady();
  const dir = mkdtempSync(join(tmpdir(), 'servicechain-disco-'));
  const base = join(dir, 'db');
  let node;
  let api;
  try {
    log(`discovery: building a genesis of ${count.toLocaleString('en-US')} services`);
    // No heartbeats come during the run: a long staleness period keeps every service listed,
    // so that the walk measured is the index's, not one over stale entries.
    const spec = scaleSpec(dir, count);
    const rawBytes = statSync(join(dir, 'raw.json')).size;
    log(`discovery: spec ${spec.specMs} ms, raw genesis ${spec.rawMs} ms (${(rawBytes / 2 ** 20).toFixed(0)} MiB); starting the node`);
    const started = Date.now();
    node = await startDevNode({ minBlocks: 1, timeoutMs: 1_200_000, basePath: base, extraArgs: ['--chain', join(dir, 'raw.json')] });
    const nodeStartMs = Date.now() - started;
    api = await connect(node.wsUrl);
    const services = (await api.query.serviceRegistry.nextServiceId()).toNumber();
    // Warm-up, then the samples.
    await discoveryLatency(api, node.httpUrl, ['all'], 10);
    const one = await discoveryLatency(api, node.httpUrl, ['all'], queries);
    const two = await discoveryLatency(api, node.httpUrl, ['t3', 'r2'], queries);
    const result = {
      services,
      specMs: spec.specMs,
      genesisMs: spec.rawMs,
      rawSpecMiB: +(rawBytes / 2 ** 20).toFixed(0),
      nodeStartMs,
      one,
      two,
      rssMiB: +rssMiB(node.pid).toFixed(0),
      dbMiB: +duMiB(base).toFixed(0)
    };
    log(`discovery: ${JSON.stringify(result)}`);
    return result;
  } finally {
    await api?.disconnect();
    await node?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  discoveryAtScale().then((r) => {
    process.stdout.write(`${JSON.stringify(r, null, 1)}\n`);
    process.exit(0);
  }, (e) => { log(e.stack ?? e.message); process.exit(1); });
}
