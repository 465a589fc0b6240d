// Crash test of the node (issue "Reliability", part 3). A `servicechain-node --dev` on a
// persistent database (an explicit --base-path, not --tmp) receives a steady stream of signed
// extrinsics: balance transfers from several dev accounts and metered-payments claims of
// increasing cumulative vouchers. At a random moment it is SIGKILLed (no shutdown at all), then
// started again on the same database and ports; nothing it reported finalized may be missing.
// Repeated CRASH_KILLS times. Everything runs on 127.0.0.1 and is stopped by this script.
//
// Run: node client/reliability/node-crash.js   (scripts/crash-test.sh runs it with gateway-crash.js)
// Environment:
//   CRASH_KILLS        kills (default 5)
//   CRASH_SEED         seed of the kill schedule (default random; printed, replays the kill times)
//   SERVICECHAIN_NODE  the node binary (default as the e2e tests: the shared cargo target's release build)
//   CRASH_MIN_MS, CRASH_MAX_MS   traffic time before each kill (default 4000..10000 ms)
//   CRASH_RESUME_MS    time allowed for finalization to pass the pre-kill head (default 60000)
//   CRASH_NODE_ARGS    extra node arguments, e.g. "--database rocksdb"
//   CRASH_WORK_DIR     where the database and logs go (default a temporary directory, removed
//                      when the test passes and kept, with the node logs, when it fails)
//
// After every restart, over everything recorded since the start (so a block finalized before
// the first kill is checked again after the last one):
//   (a) blocks: every finalized head seen (number -> hash, from a gap-filling subscription) is
//       still the block at that number: chain_getBlockHash(n) equals the recorded hash;
//   (b) extrinsics: every extrinsic reported `finalized` is in the block it was reported in
//       (fetched by hash), and that block is still the canonical one at its number;
//   (c) liveness: the finalized head passes the last one seen before the kill, within
//       CRASH_RESUME_MS;
//   (d) clean open: the node log has no "repair", "corrupt" or "Database version" line and the
//       process is still running after (c).
// Prints one JSON line on stdout:
//   {"kills":5,"blocksChecked":…,"extrinsicsChecked":…,"blocksLost":0,"extrinsicsLost":0,"seed":…,"ok":true,…}
// and exits 0 only when nothing was lost and every check passed.
import { join } from 'node:path';
import { UNIT, connect, getChannel, openChannel, pairFromUri, registerService, signAndWait, signVoucher } from '../src/index.js';
import { freePort, nodeBinary, startDevNodeAt } from '../test/helpers/node.js';
import { envInt, killChildrenOnExit, logger, printSummary, rng, seedFromEnv, sleep, withTimeout, workDir } from './lib.js';

const KILLS = envInt('CRASH_KILLS', 5);
const MIN_MS = envInt('CRASH_MIN_MS', 4_000);
const MAX_MS = Math.max(MIN_MS, envInt('CRASH_MAX_MS', 10_000));
const RESUME_MS = envInt('CRASH_RESUME_MS', 60_000);
const NODE_ARGS = (process.env.CRASH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
/** How long one extrinsic may take from submission to finalization before it counts as stuck. */
const TX_TIMEOUT_MS = 60_000;
/** Node log lines that mean the database did not open cleanly. */
const UNCLEAN_OPEN = /repair|corrupt|database version/i;

const PRICE = UNIT / 1000n; // 0.001 SCV per unit
const DEPOSIT = 100n * UNIT; // 100,000 units: far more than the claims of a run

const log = logger('node-crash');
const seed = seedFromEnv();
const killSchedule = rng(seed);
const traffic = rng(seed ^ 0x5eed);

// What the node reported, and what the checks found.
/** block number -> hash of every finalized head seen (the first hash seen for a number). */
const finalizedBlocks = new Map();
/** every extrinsic whose status reached `finalized`: { kind, txHash, blockHash } */
const finalizedTxs = [];
const checkedBlocks = new Set(); // numbers
const checkedTxs = new Set(); // tx hashes
const lostBlocks = new Map(); // number -> description
const lostTxs = new Map(); // tx hash -> description
const failures = [];
const counts = { kills: 0, submitted: 0, txErrors: 0, restarts: 0 };

function noteLostBlock (number, what) {
  if (lostBlocks.has(number)) return;
  lostBlocks.set(number, what);
  log(`LOST: ${what}`);
}

function noteLostTx (txHash, what) {
  if (lostTxs.has(txHash)) return;
  lostTxs.set(txHash, what);
  log(`LOST: ${what}`);
}

function fail (what) {
  failures.push(what);
  log(`FAILED: ${what}`);
}

const summary = (extra = {}) => ({
  kills: counts.kills,
  blocksChecked: checkedBlocks.size,
  extrinsicsChecked: checkedTxs.size,
  blocksLost: lostBlocks.size,
  extrinsicsLost: lostTxs.size,
  seed,
  ok: lostBlocks.size === 0 && lostTxs.size === 0 && failures.length === 0,
  extrinsicsFinalized: finalizedTxs.length,
  finalizedHead: finalizedBlocks.size ? Math.max(...finalizedBlocks.keys()) : null,
  submitted: counts.submitted,
  txErrors: counts.txErrors,
  failures,
  ...extra
});

const children = killChildrenOnExit(() => printSummary(summary({ ok: false, interrupted: true })));
// polkadot.js may reject internal promises of subscriptions cut by a kill: say so, do not die.
process.on('unhandledRejection', (e) => log(`(ignored) unhandled rejection: ${e?.message ?? e}`));

/**
 * A connection to the node with the finalized-heads subscription that records every finalized
 * block. polkadot.js's derive fills the gaps between notifications, so no number is skipped.
 */
async function openSession (node) {
  const api = await connect(node.wsUrl);
  const unsub = await api.derive.chain.subscribeFinalizedHeads((header) => {
    const number = header.number.toNumber();
    const hash = header.hash.toHex();
    const known = finalizedBlocks.get(number);
    if (known === undefined) finalizedBlocks.set(number, hash);
    else if (known !== hash) noteLostBlock(number, `block #${number} ${known} was finalized, then #${number} ${hash} was`);
  });
  let closed = false;
  return {
    api,
    async close () {
      if (closed) return;
      closed = true;
      try { unsub(); } catch { /* the connection is gone */ }
      await withTimeout(api.disconnect(), 5_000, 'disconnect').catch(() => {});
    }
  };
}

/**
 * Sends extrinsics until stopped: each transfer account in its own loop (one extrinsic at a
 * time, so the nonce is always the node's next one), and the provider claiming the channel's
 * vouchers. Every extrinsic that reaches `finalized` is recorded with its block.
 * `stopSubmitting()` (just before the kill) starts nothing new and stops counting errors, while
 * the extrinsics in flight are still followed; `abort()` (after the kill) gives up on them
 * (their outcome is unknown and not checked) and waits for the loops to end.
 */
function startTraffic (api, { senders, recipients, provider, consumer, channelId }) {
  let aborted = false; // no new extrinsic, errors are the kill's
  let abortNow;
  const abortion = new Promise((resolve, reject) => { abortNow = reject; });
  abortion.catch(() => {});
  const genesisHash = api.genesisHash.toHex();

  const submit = async (kind, tx, signer) => {
    counts.submitted += 1;
    const { blockHash, txHash } = await Promise.race([
      withTimeout(signAndWait(api, tx, signer, { finalized: true }), TX_TIMEOUT_MS, `${kind} finalization`),
      abortion
    ]);
    finalizedTxs.push({ kind, txHash, blockHash });
  };
  const failed = async (what, e) => {
    if (aborted) return;
    counts.txErrors += 1;
    log(`${what} failed: ${e.message}`);
    await sleep(500);
  };

  const transfers = senders.map(async (pair) => {
    while (!aborted) {
      const to = traffic.pick(recipients.filter((r) => r !== pair.address));
      const amount = BigInt(traffic.between(1, 1000)) * PRICE;
      try {
        await submit('transfer', api.tx.balances.transferKeepAlive(to, amount), pair);
      } catch (e) {
        await failed(`transfer from ${pair.address}`, e);
      }
    }
  });

  const claims = (async () => {
    // Cumulative units carry on from the chain: claims in flight at the last kill may or may
    // not have landed.
    let units = null;
    while (!aborted) {
      try {
        if (units === null) units = (await getChannel(api, channelId)).claimedUnits;
        const next = units + BigInt(traffic.between(1, 5));
        const signature = signVoucher(consumer, genesisHash, channelId, next);
        await submit('claim', api.tx.meteredPayments.claim(channelId, next, signature), provider);
        units = next;
      } catch (e) {
        units = null; // re-read what the chain has
        await failed('claim', e);
      }
    }
  })();

  return {
    stopSubmitting () { aborted = true; },
    async abort () {
      aborted = true;
      abortNow(new Error('aborted by the kill'));
      await Promise.allSettled([...transfers, claims]);
    }
  };
}

/** (a) Every finalized block seen is still the block at its number. */
async function checkBlocks (api) {
  await Promise.all([...finalizedBlocks].map(async ([number, hash]) => {
    const now = (await api.rpc.chain.getBlockHash(number)).toHex(); // 0x00… when there is none
    checkedBlocks.add(number);
    if (now !== hash) noteLostBlock(number, `block #${number} ${hash}, finalized before kill ${counts.kills}, is now ${now}`);
  }));
}

/** (b) Every extrinsic reported finalized is in its block, and that block is canonical. */
async function checkExtrinsics (api) {
  const byBlock = new Map();
  for (const tx of finalizedTxs) {
    if (!byBlock.has(tx.blockHash)) byBlock.set(tx.blockHash, []);
    byBlock.get(tx.blockHash).push(tx);
  }
  await Promise.all([...byBlock].map(async ([blockHash, txs]) => {
    let block;
    let canonical;
    try {
      // An unknown hash decodes as an empty block (number 0, no extrinsics): it fails both tests.
      ({ block } = await api.rpc.chain.getBlock(blockHash));
      canonical = (await api.rpc.chain.getBlockHash(block.header.number.toNumber())).toHex() === blockHash;
    } catch (e) {
      fail(`after kill ${counts.kills}: could not read block ${blockHash}: ${e.message}`);
      return;
    }
    const number = block.header.number.toNumber();
    const inBlock = new Set(block.extrinsics.map((ex) => ex.hash.toHex()));
    for (const tx of txs) {
      checkedTxs.add(tx.txHash);
      if (!inBlock.has(tx.txHash)) {
        noteLostTx(tx.txHash, `${tx.kind} ${tx.txHash}, finalized in ${blockHash}, is not in that block any more`);
      } else if (!canonical) {
        noteLostTx(tx.txHash, `${tx.kind} ${tx.txHash} is in ${blockHash}, which is no longer block #${number}`);
      }
    }
  }));
}

/** (c) The finalized head passes `preKillHead` within RESUME_MS. */
async function checkResumes (api, node, preKillHead) {
  const deadline = Date.now() + RESUME_MS;
  let head = -1;
  while (Date.now() < deadline && !node.exited()) {
    head = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
    if (head > preKillHead) return head;
    await sleep(500);
  }
  fail(`after kill ${counts.kills}: the finalized head is #${head}, not past #${preKillHead} ` +
    `(the last seen before the kill) within ${RESUME_MS} ms`);
  return head;
}

/** (d) The database opened without repair, and the node is still running. */
function checkCleanOpen (node) {
  for (const line of node.lines.filter((l) => UNCLEAN_OPEN.test(l))) {
    fail(`after kill ${counts.kills}: the node log says: ${line}`);
  }
  if (node.exited()) fail(`after kill ${counts.kills}: the node exited (${JSON.stringify(node.exited())}):\n${node.logTail(30)}`);
}

async function main () {
  log(`seed ${seed} (CRASH_SEED=${seed} replays the kill times); ${KILLS} kill(s); node ${nodeBinary()}`);
  const work = workDir('node');
  const basePath = join(work.dir, 'base');
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  let run = 0;
  let node = null;
  let session = null;

  /** Starts the node on the one database and the same ports; a port the killed node still held is retried. */
  const startNode = async (minBlocks) => {
    for (let attempt = 1; ; attempt++) {
      try {
        const started = await startDevNodeAt({ basePath, rpcPort, p2pPort, minBlocks, extraArgs: NODE_ARGS });
        // Killed on our exit while it runs; forgotten once it is gone, as its pid may be reused.
        const untrack = children.track(started.pid);
        started.whenExited.then(untrack);
        run += 1;
        return started;
      } catch (e) {
        if (attempt < 5 && /address already in use/i.test(e.message)) {
          log('a port is still taken: starting again in 1 s');
          await sleep(1_000);
          continue;
        }
        throw e;
      }
    }
  };

  let passed = false;
  try {
    node = await startNode(1);
    log(`node up (pid ${node.pid}) at ${node.wsUrl}, database in ${basePath}`);
    session = await openSession(node);
    const [alice, bob, charlie, dave, eve, ferdie] = await Promise.all(
      ['//Alice', '//Bob', '//Charlie', '//Dave', '//Eve', '//Ferdie'].map((s) => pairFromUri(s)));

    // Set-up, once: Bob provides a service, Ferdie opens a channel to it (both finalized, so
    // their blocks are among those checked).
    const { serviceId } = await registerService(session.api, bob, {
      name: 'crash-test', endpoints: ['http://127.0.0.1/crash'], protocol: 'http', tags: ['crash'], pricePerUnit: PRICE, unit: 'Request'
    }, { finalized: true });
    const { channelId } = await openChannel(session.api, ferdie, serviceId, DEPOSIT, { finalized: true });
    log(`service ${serviceId}, channel ${channelId}`);
    const roles = {
      senders: [alice, charlie, dave, eve],
      recipients: [alice, bob, charlie, dave, eve, ferdie].map((p) => p.address),
      provider: bob,
      consumer: ferdie,
      channelId
    };

    for (let k = 1; k <= KILLS; k++) {
      const load = startTraffic(session.api, roles);
      const wait = killSchedule.between(MIN_MS, MAX_MS);
      log(`kill ${k}/${KILLS} in ${wait} ms`);
      await sleep(wait);
      if (node.exited()) throw new Error(`the node exited before kill ${k}: ${JSON.stringify(node.exited())}\n${node.logTail(30)}`);

      const preKillHead = finalizedBlocks.size ? Math.max(...finalizedBlocks.keys()) : 0;
      load.stopSubmitting();
      const how = await node.kill();
      counts.kills += 1;
      log(`kill ${k}: SIGKILL pid ${node.pid} (${JSON.stringify(how)}); last finalized head seen #${preKillHead}, ` +
        `${finalizedTxs.length} extrinsic(s) finalized so far`);
      await load.abort();
      await session.close();
      work.saveLog(`node-${run}.log`, node.lines);

      node = await startNode(0);
      counts.restarts += 1;
      session = await openSession(node);
      log(`restarted (pid ${node.pid}); checking ${finalizedBlocks.size} block(s), ${finalizedTxs.length} extrinsic(s)`);
      await checkBlocks(session.api);
      await checkExtrinsics(session.api);
      const head = await checkResumes(session.api, node, preKillHead);
      checkCleanOpen(node);
      log(`after kill ${k}: finalized head #${head}; lost so far: ${lostBlocks.size} block(s), ${lostTxs.size} extrinsic(s)`);
      if (node.exited()) break; // nothing left to test against
    }
    passed = summary().ok;
  } catch (e) {
    fail(`test error: ${e.stack ?? e.message}`);
  } finally {
    await session?.close();
    if (node) {
      await node.stop();
      work.saveLog(`node-${run}.log`, node.lines);
    }
    const kept = work.cleanup(passed);
    if (kept) log(`database and node logs kept in ${kept}`);
  }
  printSummary(summary());
  return passed;
}

main().then((passed) => process.exit(passed ? 0 : 1), (e) => {
  log(`error: ${e.stack ?? e.message}`);
  process.exit(1);
});
