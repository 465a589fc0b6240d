// Crash test of the metered HTTP gateway (issue "Reliability", part 3). A dev node, a service
// registered by Bob in front of a tiny local upstream, and `scv gateway` as a child process (as
// e2e-gateway.test.js runs it, with a state file and a low claim threshold so claims are in
// flight too). Charlie sends paid requests through it, one after the other, each with the next
// cumulative voucher of his channel (`fetchWithPayment`). At random moments the gateway is
// SIGKILLed mid-stream and started again on the same state file and port; after each restart
// the last served voucher is replayed and must be refused. At the end the gateway is stopped
// with SIGTERM, on which it claims what it holds, and the chain is checked.
//
// Run: node client/reliability/gateway-crash.js   (scripts/crash-test.sh runs it after node-crash.js)
// Environment:
//   CRASH_KILLS            kills (default 3)
//   CRASH_SEED             seed of the kill schedule (default random; printed)
//   SERVICECHAIN_NODE      the node binary (default as the e2e tests)
//   CRASH_MIN_MS, CRASH_MAX_MS   traffic time before each kill (default 1500..5000 ms)
//   CRASH_CLAIM_THRESHOLD  the gateway's --claim-threshold in units (default 25)
//   CRASH_WORK_DIR         where the database, state file and logs go (default a temporary
//                          directory, removed when the test passes, kept when it fails)
//
// A request is served when the consumer got HTTP 200 with the upstream's answer to it. Checks:
//   (a) every served request is paid: the channel's claimed units on chain cover the highest
//       voucher any served request carried (vouchers are cumulative): no accepted voucher lost;
//   (b) no unit serves two requests: the upstream saw each served request exactly once, no
//       voucher units value reached the upstream (or got a 200) twice, and the replayed vouchers
//       were refused;
//   (c) the consumer is never charged for a request not served: claimed units <= served.
//   With one unit per request, (a) and (c) together mean claimed units == served requests.
//   Also: the gateway exits 0 on SIGTERM and leaves no unclaimed voucher in its state file.
// Prints one JSON line on stdout:
//   {"kills":3,"servedRequests":…,"upstreamRequests":…,"claimedUnits":…,"unitsLost":0,
//    "unitsServedTwice":0,"unitsChargedNotServed":0,"seed":…,"ok":true,…}
// and exits 0 only when every check passed.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';
import {
  UNIT, VOUCHER_HEADER, connect, fetchWithPayment, getChannel, openChannel, pairFromUri, registerService, signVoucher,
  voucherHeader
} from '../src/index.js';
import { freePort, nodeBinary, startDevNodeAt } from '../test/helpers/node.js';
import { SCV } from '../test/helpers/scv.js';
import { envInt, killChildrenOnExit, logger, printSummary, rng, seedFromEnv, sleep, withTimeout, workDir } from './lib.js';
import { readVoucherState } from '../src/gateway/store.js';

const KILLS = envInt('CRASH_KILLS', 3);
const MIN_MS = envInt('CRASH_MIN_MS', 1_500);
const MAX_MS = Math.max(MIN_MS, envInt('CRASH_MAX_MS', 5_000));
const THRESHOLD = envInt('CRASH_CLAIM_THRESHOLD', 25);
const REQUEST_TIMEOUT_MS = 15_000;
/** The final claim on SIGTERM waits for inclusion (a block every 2 s), after any queued claims. */
const SHUTDOWN_TIMEOUT_MS = 60_000;

const PRICE = UNIT / 1000n; // 0.001 SCV per request
const DEPOSIT = 100n * UNIT; // 100,000 requests: never the limit here

const log = logger('gateway-crash');
const seed = seedFromEnv();
const killSchedule = rng(seed);

const failures = [];
const counts = { kills: 0, requests: 0, otherStatus: 0, voucherLeaked: 0, replays: 0, replaysRefused: 0, upstreamRetries: 0 };
/** Requests the consumer got a 200 for: { req, units } (units: the voucher's cumulative units). */
const served = [];
/** Requests that got no answer (the gateway died under them, or was down): { req, units, error } */
const unanswered = [];
/** What the upstream received: { req, units } (both as sent in the query string). */
const upstreamHits = [];
/** Units the consumer learned the gateway had accepted without answering (from 402 bodies). */
let resyncedUnits = 0n;
let result = null; // the on-chain outcome, once checked

function fail (what) {
  failures.push(what);
  log(`FAILED: ${what}`);
}

const summary = (extra = {}) => ({
  kills: counts.kills,
  servedRequests: served.length,
  upstreamRequests: upstreamHits.length,
  claimedUnits: result?.claimedUnits ?? null,
  unitsLost: result?.unitsLost ?? null,
  unitsServedTwice: result?.unitsServedTwice ?? null,
  unitsChargedNotServed: result?.unitsChargedNotServed ?? null,
  seed,
  ok: result !== null && failures.length === 0,
  requests: counts.requests,
  unanswered: unanswered.length,
  resyncedUnits,
  replaysRefused: `${counts.replaysRefused}/${counts.replays}`,
  failures,
  ...extra
});

const children = killChildrenOnExit(() => printSummary(summary({ ok: false, interrupted: true })));
process.on('unhandledRejection', (e) => log(`(ignored) unhandled rejection: ${e?.message ?? e}`));

/** Splits a stream into lines, calling `onLine` for each complete one. */
function eachLine (stream, onLine) {
  let rest = '';
  stream.on('data', (chunk) => {
    const parts = (rest + chunk.toString()).split('\n');
    rest = parts.pop();
    for (const line of parts) if (line) onLine(line);
  });
  stream.on('end', () => { if (rest) onLine(rest); });
}

/**
 * Starts `scv gateway` (as e2e-gateway.test.js does) on a fixed port and state file; resolves
 * once it listens. `kill()` is SIGKILL (a crash), `terminate()` SIGTERM (claims, then exits).
 */
async function spawnGateway ({ wsUrl, serviceId, upstreamUrl, port, stateFile }) {
  const child = spawn(process.execPath, [SCV, 'gateway', '--service', String(serviceId), '--upstream', upstreamUrl,
    '--listen', `127.0.0.1:${port}`, '--state', stateFile, '--claim-interval', '3600',
    '--claim-threshold', String(THRESHOLD), '--json'],
  { env: { ...process.env, SCV_URL: wsUrl, SCV_SURI: '//Bob' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const untrack = children.track(child.pid);
  const out = []; // stdout: JSON lines ({listening}, then {stopped, stats, claimedChannels})
  const err = []; // stderr: the gateway's log
  let onListening = () => {};
  eachLine(child.stdout, (line) => {
    out.push(line);
    if (line.includes('"listening"')) onListening();
  });
  eachLine(child.stderr, (line) => err.push(line));
  const whenExited = new Promise((resolve) => child.on('exit', (code, signal) => {
    untrack();
    resolve({ code, signal });
  }));
  const listening = new Promise((resolve, reject) => {
    onListening = resolve;
    whenExited.then((how) => reject(new Error(`gateway exited ${JSON.stringify(how)} before listening:\n${err.join('\n')}`)));
  });
  try {
    await withTimeout(listening, 60_000, 'gateway start');
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return {
    pid: child.pid,
    url: `http://127.0.0.1:${port}`,
    out,
    err,
    whenExited,
    kill: () => { child.kill('SIGKILL'); return whenExited; },
    terminate: () => { child.kill('SIGTERM'); return whenExited; }
  };
}

/** While closed (the gateway is being killed and restarted) the consumer waits at it. */
function gate () {
  let release = () => {};
  let waiting = Promise.resolve();
  return {
    wait: () => waiting,
    close () { waiting = new Promise((resolve) => { release = resolve; }); },
    open () { release(); waiting = Promise.resolve(); }
  };
}

/** The parsed JSON of `text`, or null. */
function parseJson (text) {
  try { return JSON.parse(text); } catch { return null; }
}

/**
 * The consumer: one paid request after the other until `isDone()`. The path names the request
 * and its voucher units, and the upstream echoes both back.
 */
async function consume ({ gwUrl, channel, consumer, genesisHash, up, isDone }) {
  while (!isDone()) {
    await up.wait();
    if (isDone()) break;
    counts.requests += 1;
    const req = String(counts.requests);
    const units = channel.units + 1n; // what fetchWithPayment signs
    try {
      const res = await fetchWithPayment(`${gwUrl}/work?req=${req}&units=${units}`, {
        channel, pair: consumer, genesisHash, init: { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }
      });
      const text = await res.text();
      const body = parseJson(text);
      if (res.status === 200) {
        if (body?.req !== req || body?.units !== String(units)) fail(`request ${req} (units ${units}) got the answer ${text.slice(0, 300)}`);
        else served.push({ req, units });
      } else if (res.status === 402 && body?.error === 'UnitsNotIncreasing') {
        // The gateway holds a later voucher than the consumer knows of: one it accepted (and
        // saved) when it was killed, before its answer arrived. Carry on from there, as a
        // client must; those units are paid for without an answer.
        const accepted = BigInt(body.channel.acceptedUnits);
        if (accepted > channel.units) {
          resyncedUnits += accepted - channel.units;
          log(`request ${req}: the gateway had accepted up to ${accepted} units (consumer at ${channel.units}): resynced`);
          channel.units = accepted;
        }
      } else {
        counts.otherStatus += 1;
        fail(`request ${req} (units ${units}): HTTP ${res.status} ${text.slice(0, 300)}`);
        if (res.status === 402 || res.status === 400) return; // refused for good: stop
      }
    } catch (e) {
      unanswered.push({ req, units, error: e.cause?.code ?? e.name ?? e.message });
      await sleep(50);
    }
  }
}

/**
 * After a restart: the last served voucher again (same channel and units, signed afresh) must
 * be refused, else one unit serves two requests.
 */
async function replayLastServed ({ gwUrl, channelId, consumer, genesisHash }) {
  const last = served[served.length - 1];
  if (!last) return;
  counts.replays += 1;
  const [signature] = Object.values(signVoucher(consumer, genesisHash, channelId, last.units));
  const res = await fetch(`${gwUrl}/work?req=replay-${counts.kills}&units=${last.units}`, {
    headers: { [VOUCHER_HEADER]: voucherHeader(channelId, last.units, signature) },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
  });
  const body = await res.text();
  if (res.status === 402 && parseJson(body)?.error === 'UnitsNotIncreasing') {
    counts.replaysRefused += 1;
  } else if (res.status === 200) {
    served.push({ req: `replay-${counts.kills}`, units: last.units }); // counted as served twice below
    fail(`after kill ${counts.kills}: the replayed voucher of request ${last.req} (units ${last.units}) was served again`);
  } else {
    fail(`after kill ${counts.kills}: the replayed voucher got HTTP ${res.status} ${body.slice(0, 300)}`);
  }
}

/** Values that occur more than once. */
function repeated (values) {
  const seen = new Set();
  const twice = new Set();
  for (const v of values) (seen.has(v) ? twice : seen).add(v);
  return twice;
}

/** The checks (a), (b), (c) against the channel on chain, after the final claim. */
async function check (api, channelId) {
  const channel = await getChannel(api, channelId);
  if (!channel) throw new Error(`channel ${channelId} is gone`);
  const claimedUnits = channel.claimedUnits;
  const servedCount = BigInt(served.length);
  const highestServed = served.reduce((max, s) => (s.units > max ? s.units : max), 0n);

  // (a) Vouchers are cumulative: claiming the highest a served request carried pays them all.
  const unitsLost = highestServed > claimedUnits ? highestServed - claimedUnits : 0n;
  if (unitsLost > 0n) fail(`(a) ${unitsLost} served unit(s) never claimed: claimed ${claimedUnits}, highest served voucher ${highestServed}`);

  // (b) One unit, one answer: per units value at most one 200 to the consumer; every served
  // request reached the upstream exactly once. (A request the gateway accepted but never
  // answered before a kill may have reached the upstream; its retry with the same voucher is
  // served once: the upstream then saw that unit twice, the consumer was answered once.)
  const twice = repeated(served.map((s) => s.units.toString()));
  counts.upstreamRetries = repeated(upstreamHits.map((h) => h.units)).size;
  if (twice.size) fail(`(b) voucher units served twice: ${[...twice].slice(0, 20).join(', ')}`);
  const hitsByReq = new Map();
  for (const h of upstreamHits) hitsByReq.set(h.req, (hitsByReq.get(h.req) ?? 0) + 1);
  const notOnce = served.filter((s) => hitsByReq.get(s.req) !== 1);
  if (notOnce.length) {
    fail(`(b) ${notOnce.length} served request(s) not seen exactly once upstream: ` +
      notOnce.slice(0, 10).map((s) => `${s.req} (${hitsByReq.get(s.req) ?? 0}x)`).join(', '));
  }
  if (counts.voucherLeaked) fail(`the voucher header reached the upstream ${counts.voucherLeaked} time(s)`);

  // (c) Never charged for a request not served.
  const unitsChargedNotServed = claimedUnits > servedCount ? claimedUnits - servedCount : 0n;
  if (unitsChargedNotServed > 0n) {
    const servedReqs = new Set(served.map((s) => s.req));
    const upstreamUnanswered = upstreamHits.filter((h) => !servedReqs.has(h.req)).length;
    fail(`(c) the consumer paid ${unitsChargedNotServed} unit(s) more than the ${servedCount} request(s) served ` +
      `(claimed ${claimedUnits}). Requests without an answer: ${unanswered.length}, of which the upstream ` +
      `received ${upstreamUnanswered}; units the gateway had accepted (and saved) before it was killed, ` +
      `learned from 402 UnitsNotIncreasing: ${resyncedUnits}`);
  }
  return { claimedUnits, unitsLost, unitsServedTwice: twice.size, unitsChargedNotServed };
}

async function main () {
  log(`seed ${seed} (CRASH_SEED=${seed} replays the kill times); ${KILLS} kill(s); node ${nodeBinary()}`);
  const work = workDir('gateway');
  const stateFile = join(work.dir, 'gateway-state.json');
  let node = null;
  let api = null;
  let gw = null;
  let runs = 0;
  let upstream = null;
  let passed = false;
  try {
    node = await startDevNodeAt({ basePath: join(work.dir, 'base'), rpcPort: await freePort(), p2pPort: await freePort(), minBlocks: 1 });
    const untrackNode = children.track(node.pid);
    node.whenExited.then(untrackNode);
    api = await connect(node.wsUrl);
    const genesisHash = api.genesisHash.toHex();
    const [provider, consumer] = await Promise.all(['//Bob', '//Charlie'].map((s) => pairFromUri(s)));

    // The upstream counts what it receives and echoes the request's name and units.
    upstream = http.createServer((req, res) => {
      const url = new URL(req.url, 'http://upstream');
      const hit = { req: url.searchParams.get('req'), units: url.searchParams.get('units') };
      upstreamHits.push(hit);
      if (req.headers[VOUCHER_HEADER]) counts.voucherLeaked += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(hit));
    });
    await new Promise((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const upstreamUrl = `http://127.0.0.1:${upstream.address().port}`;

    const { serviceId } = await registerService(api, provider, {
      name: 'crash-gw', endpoints: [upstreamUrl], protocol: 'http', tags: ['crash'], pricePerUnit: PRICE, unit: 'Request'
    });
    const { channelId } = await openChannel(api, consumer, serviceId, DEPOSIT);
    log(`service ${serviceId}, channel ${channelId}; upstream ${upstreamUrl}`);

    const gwOpts = { wsUrl: node.wsUrl, serviceId, upstreamUrl, port: await freePort(), stateFile };
    const start = async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          runs += 1;
          return await spawnGateway(gwOpts);
        } catch (e) {
          if (attempt < 5 && /EADDRINUSE/.test(e.message)) { await sleep(1_000); continue; }
          throw e;
        }
      }
    };
    gw = await start();
    log(`gateway up (pid ${gw.pid}) at ${gw.url}, state in ${stateFile}`);

    const channel = { channelId, units: 0n };
    const up = gate();
    let done = false;
    const consuming = consume({ gwUrl: gw.url, channel, consumer, genesisHash, up, isDone: () => done });

    for (let k = 1; k <= KILLS; k++) {
      const wait = killSchedule.between(MIN_MS, MAX_MS);
      log(`kill ${k}/${KILLS} in ${wait} ms`);
      await sleep(wait);
      up.close();
      const how = await gw.kill();
      counts.kills += 1;
      log(`kill ${k}: SIGKILL pid ${gw.pid} (${JSON.stringify(how)}) after ${served.length} served request(s)`);
      work.saveLog(`gateway-${runs}.log`, gw.err);
      gw = await start();
      up.open();
      log(`restarted (pid ${gw.pid})`);
      // Once the consumer is served again (its first request retries the one the kill cut off,
      // on the credit that left), the last served voucher replayed must be refused.
      const before = served.length;
      await withTimeout((async () => { while (served.length === before) await sleep(20); })(), 30_000, 'a request served after the restart')
        .catch((e) => fail(`after kill ${k}: ${e.message}`));
      await replayLastServed({ gwUrl: gw.url, channelId, consumer, genesisHash })
        .catch((e) => fail(`after kill ${k}: the replayed voucher got no answer: ${e.message}`));
    }
    await sleep(killSchedule.between(MIN_MS, MAX_MS));
    done = true;
    up.open();
    await consuming;

    // SIGTERM: the gateway claims what it holds, then exits.
    log(`stopping the gateway after ${counts.requests} request(s), ${served.length} served`);
    const how = await withTimeout(gw.terminate(), SHUTDOWN_TIMEOUT_MS, 'the gateway\'s claim on SIGTERM')
      .catch(async (e) => { fail(e.message); await gw.kill(); return null; });
    work.saveLog(`gateway-${runs}.log`, gw.err);
    if (how && how.code !== 0) fail(`the gateway exited ${JSON.stringify(how)} on SIGTERM:\n${gw.err.slice(-20).join('\n')}`);
    const stopped = gw.out.map(parseJson).find((j) => j?.stopped);
    if (stopped) log(`gateway stopped: ${JSON.stringify(stopped)}`);
    const left = Object.keys(readVoucherState(stateFile).vouchers ?? {});
    if (left.length) fail(`the state file still holds unclaimed vouchers of channel(s) ${left.join(', ')}`);

    result = await check(api, channelId);
    passed = failures.length === 0;
  } catch (e) {
    fail(`test error: ${e.stack ?? e.message}`);
  } finally {
    if (gw) await gw.kill();
    if (upstream) {
      upstream.closeAllConnections();
      await new Promise((resolve) => upstream.close(resolve));
    }
    if (api) await withTimeout(api.disconnect(), 5_000, 'disconnect').catch(() => {});
    if (node) {
      await node.stop();
      work.saveLog('node.log', node.lines);
    }
    const kept = work.cleanup(passed);
    if (kept) log(`state file and logs kept in ${kept}`);
  }
  printSummary(summary());
  return passed;
}

main().then((passed) => process.exit(passed ? 0 : 1), (e) => {
  log(`error: ${e.stack ?? e.message}`);
  process.exit(1);
});
