// Starts `servicechain-node --dev --tmp` on free local ports for a test, and stops it.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Where the node binary is: $SERVICECHAIN_NODE, else the shared cargo target dir. */
export function nodeBinary () {
  if (process.env.SERVICECHAIN_NODE) return process.env.SERVICECHAIN_NODE;
  const target = process.env.CARGO_TARGET_DIR || join(homedir(), '.cache/servicechain/target');
  return join(target, 'release', 'servicechain-node');
}

/** A TCP port that is free on 127.0.0.1 right now. */
export function freePort () {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Waits until the node at `httpUrl` answers with a best block of at least `minBlocks`; throws
 * (after `giveUp()`) if it exited or did not get there within `timeoutMs`.
 */
async function untilBlock (httpUrl, minBlocks, timeoutMs, exited, logTail, giveUp) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited()) {
      throw new Error(`servicechain-node exited early (${JSON.stringify(exited())}); log tail:\n${logTail()}`);
    }
    const best = await rpcReady(httpUrl);
    if (best >= minBlocks) return;
    if (Date.now() > deadline) {
      await giveUp();
      throw new Error(`servicechain-node did not reach block ${minBlocks} within ${timeoutMs} ms ` +
        `(best: ${best}); log tail:\n${logTail()}`);
    }
    await sleep(250);
  }
}

/**
 * The node's dev chain spec in raw form (genesis storage, not the runtime's genesis preset),
 * exported once per node binary into the temp dir. The same chain (same genesis hash) as
 * `--dev` alone, but the node skips building genesis through the runtime, twice, at every
 * start: 8 s instead of 24 s here. `null` (plain `--dev`) when SERVICECHAIN_DEV_SPEC=off (set
 * by scripts/omni-node-test.sh, whose launcher picks its own spec) or when the node cannot
 * export one.
 */
const specs = new Map();

/**
 * Where raw dev specs are cached: a directory of this user's alone (mode 0700), so that no
 * other local user can plant a spec there; a fresh private one when that cannot be had.
 */
function specCacheDir () {
  const dir = join(tmpdir(), `servicechain-specs-${process.getuid?.() ?? 'user'}`);
  try {
    mkdirSync(dir, { mode: 0o700, recursive: true });
    const st = lstatSync(dir);
    if (st.isDirectory() && !st.isSymbolicLink() && st.uid === process.getuid?.() && (st.mode & 0o077) === 0) return dir;
  } catch { /* fall through */ }
  return mkdtempSync(join(tmpdir(), 'servicechain-specs-'));
}

export function devChainSpec () {
  if (process.env.SERVICECHAIN_DEV_SPEC === 'off') return null;
  const bin = nodeBinary();
  if (specs.has(bin)) return specs.get(bin);
  const { mtimeMs, size } = statSync(bin);
  const key = createHash('sha256').update(`${bin}\0${mtimeMs}\0${size}`).digest('hex').slice(0, 16);
  let path = join(specCacheDir(), `dev-raw-${key}.json`);
  if (!existsSync(path)) {
    try {
      const spec = execFileSync(bin, ['export-chain-spec', '--chain', 'dev', '--raw'], {
        stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 1024 * 1024
      });
      JSON.parse(spec); // a whole spec, or none
      // Test files may run in parallel: write aside, then rename (atomic), so no node reads half a file.
      const partial = `${path}.${process.pid}.partial`;
      writeFileSync(partial, spec, { flag: 'wx', mode: 0o600 });
      renameSync(partial, path);
    } catch (e) {
      console.warn(`no raw dev chain spec from ${bin} (${e.message.split('\n')[0]}): starting nodes with plain --dev`);
      path = null;
    }
  }
  specs.set(bin, path);
  return path;
}

/** The arguments of a dev node on 127.0.0.1 (a throw-away database unless `basePath`). */
function devNodeArgs ({ basePath, rpcPort, p2pPort, extraArgs }) {
  const spec = extraArgs.includes('--chain') ? null : devChainSpec();
  return [
    '--dev', ...(spec ? ['--chain', spec] : []), ...(basePath ? ['--base-path', basePath] : ['--tmp']),
    '--rpc-port', String(rpcPort),
    '--listen-addr', `/ip4/127.0.0.1/tcp/${p2pPort}`,
    '--no-prometheus', '--no-telemetry', '--no-mdns',
    ...extraArgs
  ];
}

async function rpcReady (url) {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'chain_getHeader', params: [] })
    });
    const body = await res.json();
    return body.result ? Number.parseInt(body.result.number, 16) : -1;
  } catch {
    return -1;
  }
}

/**
 * Starts a dev node and waits until it has produced `minBlocks` blocks.
 * @param {{minBlocks?: number, timeoutMs?: number, extraArgs?: string[], basePath?: string}} [opts]
 *   `basePath` keeps the database there instead of a throw-away `--tmp` one.
 * @returns {Promise<{wsUrl: string, httpUrl: string, pid: number, logTail: () => string, stop: () => Promise<void>}>}
 */
export async function startDevNode ({ minBlocks = 1, timeoutMs = 120_000, extraArgs = [], basePath = null } = {}) {
  const bin = nodeBinary();
  if (!existsSync(bin)) {
    throw new Error(`servicechain-node not found at ${bin}: build it with ` +
      '`cargo build --release -p servicechain-node` or set SERVICECHAIN_NODE');
  }
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  const args = devNodeArgs({ basePath, rpcPort, p2pPort, extraArgs });
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  const keep = (chunk) => {
    for (const line of chunk.toString().split('\n')) {
      if (line) lines.push(line);
    }
    if (lines.length > 400) lines.splice(0, lines.length - 400);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });

  const logTail = (n = 60) => lines.slice(-n).join('\n');
  const stop = async () => {
    if (exited) return;
    child.kill('SIGINT');
    for (let i = 0; i < 100 && !exited; i++) await sleep(100);
    if (!exited) child.kill('SIGKILL');
  };

  const httpUrl = `http://127.0.0.1:${rpcPort}`;
  await untilBlock(httpUrl, minBlocks, timeoutMs, () => exited, logTail, stop);
  return { wsUrl: `ws://127.0.0.1:${rpcPort}`, httpUrl, pid: child.pid, logTail, stop };
}

/**
 * Starts `servicechain-node --dev` on a database kept at `basePath` and on ports the caller
 * picks, for tests that kill the node and start it again where it was (client/reliability): called
 * again with the same options it reopens the same chain at the same URLs. Resolves once the RPC
 * answers with a best block of at least `minBlocks` (0: as soon as it answers). Unlike
 * `startDevNode`, every output line is kept (`lines`) and the handle says whether and how the
 * process ended.
 * @param {{basePath: string, rpcPort: number, p2pPort: number, minBlocks?: number,
 *   timeoutMs?: number, extraArgs?: string[]}} opts
 * @returns {Promise<{wsUrl: string, httpUrl: string, pid: number, lines: string[],
 *   logTail: (n?: number) => string, exited: () => ({code: number|null, signal: string|null}|null),
 *   whenExited: Promise<{code: number|null, signal: string|null}>,
 *   kill: () => Promise<{code: number|null, signal: string|null}>, stop: () => Promise<void>}>}
 */
export async function startDevNodeAt ({ basePath, rpcPort, p2pPort, minBlocks = 0, timeoutMs = 120_000, extraArgs = [] }) {
  const bin = nodeBinary();
  if (!existsSync(bin)) {
    throw new Error(`servicechain-node not found at ${bin}: build it with ` +
      '`cargo build --release -p servicechain-node` or set SERVICECHAIN_NODE');
  }
  const args = devNodeArgs({ basePath, rpcPort, p2pPort, extraArgs });
  // The node execs itself once to add its default block time: same pid, so signals sent to
  // `pid` reach the node itself.
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  // Lines may be split across chunks: keep each stream's unfinished line until its end.
  const collect = (stream) => {
    let rest = '';
    stream.on('data', (chunk) => {
      const parts = (rest + chunk.toString()).split('\n');
      rest = parts.pop();
      for (const line of parts) if (line) lines.push(line);
    });
    stream.on('end', () => { if (rest) lines.push(rest); });
  };
  collect(child.stdout);
  collect(child.stderr);
  let exited = null;
  const whenExited = new Promise((resolve) => child.on('exit', (code, signal) => {
    exited = { code, signal };
    resolve(exited);
  }));

  const logTail = (n = 60) => lines.slice(-n).join('\n');
  /** SIGKILL: no shutdown at all, as in a crash. */
  const kill = () => {
    if (!exited) child.kill('SIGKILL');
    return whenExited;
  };
  const stop = async () => {
    if (exited) return;
    child.kill('SIGINT');
    for (let i = 0; i < 100 && !exited; i++) await sleep(100);
    if (!exited) await kill();
  };

  const httpUrl = `http://127.0.0.1:${rpcPort}`;
  await untilBlock(httpUrl, minBlocks, timeoutMs, () => exited, logTail, kill);
  return { wsUrl: `ws://127.0.0.1:${rpcPort}`, httpUrl, pid: child.pid, lines, logTail, exited: () => exited, whenExited, kill, stop };
}
