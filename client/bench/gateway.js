// The gateway's cost over a plain proxy (issue 18's second target), measured side by side in one
// run on 127.0.0.1: requests per second and p50/p99 latency of (a) unpaid requests through a
// plain Node.js reverse proxy and (b) paid requests through `startGateway` (each with a fresh,
// pre-signed voucher verified by the gateway, its state file written as in production) to the
// same upstream, with a keep-alive client; at 1 channel (sequential) and at N open channels
// (GW_CHANNELS, default 10,000; GW_CONCURRENCY concurrent, default 32). Also the SDK's voucher
// signing and verification rates, native (src/native.js, when built) and WASM. Starts its own
// `servicechain-node --dev`; prints JSON (bench.js calls `gatewayBench` for the report).
//
//   node client/bench/gateway.js            (GW_REQUESTS per case, default 4,000)
import http from 'node:http';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { sr25519Verify as wasmSr25519Verify } from '@polkadot/wasm-crypto';
import { UNIT, connect, openChannel, pairFromUri, registerService, signAndWait, signVoucher, verifyVoucherSignature, voucherHeader, voucherPayload } from '../src/index.js';
import { startGateway } from '../src/gateway/server.js';
import { native } from '../src/native.js';
import { startDevNode } from '../test/helpers/node.js';

const CHANNELS = Number(process.env.GW_CHANNELS ?? 10_000);
const CONCURRENCY = Number(process.env.GW_CONCURRENCY ?? 32);
const REQUESTS = Number(process.env.GW_REQUESTS ?? 4000);
const PRICE = UNIT / 1_000_000n;
const DEPOSIT = UNIT;

const log = (m) => process.stderr.write(`[gateway-bench] ${m}\n`);

/** p-th percentile (0..100) of sorted numbers. */
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p / 100))];

/** Sends `jobs` (each `() => [path, headers]`, in per-worker order) with `workers` keep-alive workers. */
async function load (port, queues) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: queues.length });
  const latencies = [];
  let failed = 0;
  const one = (path, headers) => new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.request({ host: '127.0.0.1', port, path, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => {
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        if (res.statusCode !== 200) failed += 1;
        resolve();
      });
    });
    req.on('error', () => { failed += 1; resolve(); });
    req.end();
  });
  const started = Date.now();
  await Promise.all(queues.map(async (jobs) => { for (const [path, headers] of jobs) await one(path, headers); }));
  const seconds = (Date.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const n = latencies.length;
  return { requests: n, failed, perSecond: Math.round(n / seconds), p50ms: +pct(latencies, 50).toFixed(3), p99ms: +pct(latencies, 99).toFixed(3) };
}

/** A plain reverse proxy to `upstreamPort` (keep-alive upstream connections). */
function plainProxy (upstreamPort) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  return http.createServer((req, res) => {
    const up = http.request({ host: '127.0.0.1', port: upstreamPort, path: req.url, method: req.method, headers: req.headers, agent }, (upRes) => {
      res.writeHead(upRes.statusCode, upRes.headers);
      upRes.pipe(res);
    });
    up.on('error', () => { res.writeHead(502); res.end(); });
    req.pipe(up);
  });
}

const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));

/** Calls per second of `fn(i)` over `n` calls. */
function rate (n, fn) {
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  return Math.round(n / (Number(process.hrtime.bigint() - t) / 1e9));
}

/** The two side by side: throughput ratio, and what the gateway adds to p50 and p99. */
const compare = (plain, gateway) => ({
  plain,
  gateway,
  ratio: +(gateway.perSecond / plain.perSecond).toFixed(2),
  addedP50ms: +(gateway.p50ms - plain.p50ms).toFixed(3),
  addedP99ms: +(gateway.p99ms - plain.p99ms).toFixed(3)
});

export async function gatewayBench () {
  await cryptoWaitReady();
  const dir = mkdtempSync(join(tmpdir(), 'servicechain-gwbench-'));
  // The consumers' keys, made as the CLI makes its keys (`pairFromUri`: they sign natively when
  // the addon is built), before any connection: deriving 10,000 keys holds the event loop for
  // seconds, longer than a WebSocket may stay unanswered.
  const consumers = [];
  for (let i = 0; i < CHANNELS; i++) consumers.push(await pairFromUri(`//GatewayBench/${i}`));
  const node = await startDevNode({ minBlocks: 1 });
  const api = await connect(node.wsUrl);
  const keyring = new Keyring({ type: 'sr25519' });
  const alice = keyring.addFromUri('//Alice');
  const bob = keyring.addFromUri('//Bob');
  const genesisHash = api.genesisHash.toHex();
  const out = { channels: CHANNELS, concurrency: CONCURRENCY, requestsPerCase: REQUESTS };
  try {
    // Setting up 10,000 channels outlasts the dev chain's staleness period (20 blocks), and the
    // gateway runs without heartbeats: governance (sudo on the dev chain) lengthens it.
    const registry = (await api.call.serviceRegistryApi.parameters()).toJSON();
    await signAndWait(api, api.tx.sudo.sudo(api.tx.serviceRegistry.setParameters({ ...registry, staleAfter: 1_000_000 })), alice);
    const { serviceId } = await registerService(api, bob, {
      name: 'gw-bench', endpoints: ['http://127.0.0.1/bench'], protocol: 'http', tags: ['bench'], pricePerUnit: PRICE, unit: 'Request'
    });

    // Consumers: distinct accounts, funded in batches, each opening one channel.
    for (let i = 0; i < consumers.length; i += 500) {
      const calls = consumers.slice(i, i + 500).map((c) => api.tx.balances.transferKeepAlive(c.address, 2n * DEPOSIT));
      await signAndWait(api, api.tx.utility.batchAll(calls), alice);
    }
    log(`${CHANNELS} consumers funded; opening their channels`);
    // 1,000 at a time: the pool and the WebSocket take that many subscriptions at once.
    const opened = [];
    for (let i = 0; i < consumers.length; i += 1000) {
      opened.push(...await Promise.all(consumers.slice(i, i + 1000).map(async (c) => {
        const { channelId } = await openChannel(api, c, serviceId, DEPOSIT);
        return { pair: c, channelId: BigInt(channelId), units: 0n };
      })));
    }
    log(`${opened.length} channels open`);

    // The SDK's voucher signing and verification rates (one core), natively when the addon is
    // built, and with the WASM the SDK falls back to.
    const signer = opened[0];
    const sigs = [];
    out.native = !!native;
    out.signPerSecond = rate(4000, (k) => sigs.push(signVoucher(signer.pair, genesisHash, signer.channelId, BigInt(k + 1)).Sr25519));
    out.verifyPerSecond = rate(4000, (k) => { if (!verifyVoucherSignature(signer.pair.address, genesisHash, signer.channelId, BigInt(k + 1), sigs[k])) throw new Error('bad signature'); });
    const wasmSigs = [];
    out.wasmSignPerSecond = rate(1000, (k) => wasmSigs.push(signer.pair.sign(voucherPayload(genesisHash, signer.channelId, BigInt(k + 1)))));
    out.wasmVerifyPerSecond = rate(1000, (k) => { if (!wasmSr25519Verify(wasmSigs[k], voucherPayload(genesisHash, signer.channelId, BigInt(k + 1)), signer.pair.publicKey)) throw new Error('bad signature'); });
    log(`sign ${out.signPerSecond}/s, verify ${out.verifyPerSecond}/s (native: ${out.native}); WASM sign ${out.wasmSignPerSecond}/s, verify ${out.wasmVerifyPerSecond}/s`);

    /** `count` pre-signed paid requests per channel, in order. */
    const paidJobs = (channel, count) => Array.from({ length: count }, () => {
      channel.units += 1n;
      const sig = signVoucher(channel.pair, genesisHash, channel.channelId, channel.units).Sr25519;
      return ['/work', { 'x-servicechain-voucher': voucherHeader(channel.channelId, channel.units, sig) }];
    });

    const upstream = http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"ok":true}'); });
    const upstreamPort = await listen(upstream);
    const proxy = plainProxy(upstreamPort);
    const proxyPort = await listen(proxy);
    const stateFile = join(dir, 'gateway-state.json');
    const gw = await startGateway({
      api, signer: bob, serviceId, upstream: `http://127.0.0.1:${upstreamPort}`, stateFile,
      claimIntervalMs: 0, claimThresholdUnits: 10n ** 12n, heartbeats: false
    });
    const gwPort = Number(new URL(gw.url).port);

    // 1 channel, sequential.
    const plain1 = await load(proxyPort, [Array.from({ length: REQUESTS }, () => ['/work', {}])]);
    const jobs1 = paidJobs(opened[0], REQUESTS);
    const gw1 = await load(gwPort, [jobs1]);
    out.oneChannel = compare(plain1, gw1);
    log(`1 channel: ${JSON.stringify(out.oneChannel)}`);

    // N channels, CONCURRENCY workers, each with its own channels (their vouchers in order). Warm
    // every channel first (one request each), so the gateway holds state for all of them.
    const queues = Array.from({ length: CONCURRENCY }, () => []);
    opened.forEach((c, i) => queues[i % CONCURRENCY].push(...paidJobs(c, 1)));
    await load(gwPort, queues);
    const plainN = await load(proxyPort, Array.from({ length: CONCURRENCY }, () => Array.from({ length: Math.ceil(REQUESTS / CONCURRENCY) }, () => ['/work', {}])));
    const perWorker = Math.ceil(REQUESTS / CONCURRENCY);
    const queuesN = Array.from({ length: CONCURRENCY }, (_, w) => {
      const mine = opened.filter((_, i) => i % CONCURRENCY === w);
      const jobs = [];
      for (let k = 0; k < perWorker; k++) jobs.push(...paidJobs(mine[k % mine.length], 1));
      return jobs;
    });
    const gwN = await load(gwPort, queuesN);
    out.manyChannels = { ...compare(plainN, gwN), stateFileBytes: statSync(stateFile).size, journalBytes: statSync(`${stateFile}.journal`).size };
    log(`${CHANNELS} channels: ${JSON.stringify(out.manyChannels)}`);
    await gw.stop();
    upstream.close();
    proxy.close();
  } finally {
    await api.disconnect();
    await node.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  gatewayBench().then((out) => {
    process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
    process.exit(0);
  }, (e) => { log(e.stack ?? e.message); process.exit(1); });
}
