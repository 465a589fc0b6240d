// Shared by the reliability scripts (node-crash.js, gateway-crash.js, snapshot.js, upgrade.js):
// seeded randomness, bounded waits, a work directory, killing child processes on every way out,
// try-runtime snapshots, and the summary line.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UNIT, openChannel, rateService, registerService, signAndWait, signVoucher } from '../src/index.js';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A logger to stderr with a `[tag]` prefix; stdout carries only the summary line. */
export const logger = (tag) => (message) => process.stderr.write(`[${tag}] ${message}\n`);

/** The seed: $CRASH_SEED, else a fresh random 32-bit one. Print it: it replays the kill times. */
export function seedFromEnv () {
  const fromEnv = process.env.CRASH_SEED;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!/^\d+$/.test(fromEnv)) throw new Error(`CRASH_SEED must be a whole number, not "${fromEnv}"`);
    return Number(BigInt(fromEnv) & 0xffffffffn);
  }
  return Math.floor(Math.random() * 2 ** 32);
}

/**
 * A seeded PRNG (mulberry32): numbers in [0, 1). The kill schedule has its own generator, so the
 * traffic (whose draws depend on timing) does not shift the kill times of a seed.
 * @param {number} seed 32-bit
 * @returns {{next: () => number, between: (lo: number, hi: number) => number, pick: <T>(xs: T[]) => T}}
 */
export function rng (seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** A whole number in [lo, hi]. */
    between: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)]
  };
}

/** Resolves or rejects with `promise`, or rejects after `ms` with "<what> timed out". */
export function withTimeout (promise, ms, what) {
  let timer;
  const timeout = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Whole number from the environment, with a default. */
export function envInt (name, fallback) {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  if (!/^\d+$/.test(v)) throw new Error(`${name} must be a whole number, not "${v}"`);
  return Number(v);
}

/**
 * The directory for databases, state files and logs: $CRASH_WORK_DIR/<name> when the caller
 * (scripts/crash-test.sh) owns one, else a new temporary directory. `cleanup(passed)` removes
 * a temporary one when the test passed and keeps it (for its logs) when it did not.
 */
export function workDir (name) {
  const owned = process.env.CRASH_WORK_DIR;
  const dir = owned ? join(owned, name) : mkdtempSync(join(tmpdir(), `servicechain-crash-${name}-`));
  mkdirSync(dir, { recursive: true });
  return {
    dir,
    /** Writes `lines` to `<dir>/<file>`. */
    saveLog: (file, lines) => writeFileSync(join(dir, file), lines.join('\n') + '\n'),
    cleanup (passed) {
      if (passed && !owned) rmSync(dir, { recursive: true, force: true });
      return passed && !owned ? null : dir;
    }
  };
}

/**
 * Makes sure child processes die with this one: `track(pid)` registers a child (and returns an
 * untrack function); on exit, SIGINT or SIGTERM every tracked pid gets SIGKILL. A signal also
 * calls `onSignal` (to print a summary) and exits 130 / 143.
 * @param {(signal: string) => void} [onSignal]
 */
export function killChildrenOnExit (onSignal = () => {}) {
  const pids = new Set();
  const killAll = () => {
    for (const pid of pids) {
      try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    pids.clear();
  };
  process.on('exit', killAll);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
    process.once(signal, () => {
      killAll();
      try { onSignal(signal); } finally { process.exit(code); }
    });
  }
  return {
    track (pid) {
      pids.add(pid);
      return () => pids.delete(pid);
    },
    killAll
  };
}

/** Prints the one-line JSON summary on stdout (BigInts as numbers where safe, else strings). */
export function printSummary (summary) {
  process.stdout.write(`${JSON.stringify(summary, (_k, v) => (typeof v === 'bigint'
    ? (v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString())
    : v))}\n`);
}

/**
 * Writes a try-runtime snapshot of the chain at `blockHash` for `servicechain-try-runtime`
 * (fuzz/src/bin/try-runtime.rs): the block itself (SCALE), every key and value of its parent's
 * state and of its own, and the parent's state root (which proves the snapshot complete).
 * @returns {Promise<{blockNumber: number, extrinsics: number, keys: number}>}
 */
export async function writeSnapshot (api, blockHash, out) {
  const { block } = await api.rpc.chain.getBlock(blockHash);
  const parentHash = block.header.parentHash.toHex();
  const pairsAt = async (at) => (await api.rpc.state.getPairs('0x', at)).map(([k, v]) => [k.toHex(), v.toHex()]);
  const parentState = await pairsAt(parentHash);
  const postState = await pairsAt(blockHash);
  const parentStateRoot = (await api.rpc.chain.getHeader(parentHash)).stateRoot.toHex();
  writeFileSync(out, JSON.stringify({
    blockNumber: block.header.number.toNumber(),
    blockHash,
    extrinsics: block.extrinsics.length,
    block: block.toHex(),
    parentStateRoot,
    parentState,
    postState
  }));
  return { blockNumber: block.header.number.toNumber(), extrinsics: block.extrinsics.length, keys: parentState.length };
}

/**
 * The market state both try-runtime scripts start from (snapshot.js, upgrade.js), made with calls
 * every runtime since spec 1 has: Bob's services `llm` (rated 4 by Charlie after 20 units claimed
 * on Charlie's open channel) and `maps` (paid directly by Eve), and Dave's closing channel.
 * @returns {Promise<{s0: number, s1: number, open: bigint, closing: bigint}>}
 */
export async function buildMarket (api, { bob, charlie, dave, eve }) {
  const genesisHash = api.genesisHash.toHex();
  const service = (name, tags) => ({
    name, endpoints: [`https://${name}.example`], protocol: 'https', tags,
    pricePerUnit: UNIT / 10n, unit: 'Request', metadata: null, beneficiary: null
  });
  const { serviceId: s0 } = await registerService(api, bob, service('llm', ['ai', 'llm']));
  const { serviceId: s1 } = await registerService(api, bob, service('maps', ['geo']));
  const { channelId: open } = await openChannel(api, charlie, s0, 50n * UNIT);
  await signAndWait(api, api.tx.meteredPayments.claim(open, 20, signVoucher(charlie, genesisHash, open, 20)), bob);
  await rateService(api, charlie, s0, 4);
  const { channelId: closing } = await openChannel(api, dave, s0, 10n * UNIT);
  await signAndWait(api, api.tx.meteredPayments.requestClose(closing), dave);
  await signAndWait(api, api.tx.meteredPayments.pay(s1, 3), eve);
  return { s0, s1, open, closing };
}
