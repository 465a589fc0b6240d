// Helpers shared by the benchmark scripts (bench.js, gateway.js, discovery.js).
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { u8aToHex } from '@polkadot/util';

export const log = (m) => process.stderr.write(`[bench] ${m}\n`);
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const fmt = (n, d = 0) => Number(n).toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/** The p-th percentile (0..100) of `xs` (nearest rank). */
export const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1))];
};

/** The machine, for the report's first line. */
export function machine () {
  const cpu = os.cpus();
  let kernel = '';
  try { kernel = execSync('uname -sr').toString().trim(); } catch { kernel = os.release(); }
  return `${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB RAM, ${kernel}`;
}

/** Resident memory of process `pid`, MiB. */
export function rssMiB (pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

/** Disk use under `path`, MiB. */
export const duMiB = (path) => Number(execSync(`du -sk ${path}`).toString().split('\t')[0]) / 1024;

/**
 * Latency of `queries` sequential `state_call ServiceRegistryApi_find_services` (first page of
 * 50, services carrying every tag of `tags`) over raw JSON-RPC to `httpUrl`.
 * @returns {{median: number, p99: number, found: number}} milliseconds, and the page's size
 */
export async function discoveryLatency (api, httpUrl, tags, queries) {
  const method = api.call.serviceRegistryApi.findServices.meta;
  const filter = api.createType(method.params[0].type, { tags, protocol: null, maxPricePerUnit: null, minAverageRatingCenti: null, includeStale: false });
  const args = new Uint8Array([...filter.toU8a(), 0, ...api.createType('u32', 50).toU8a()]);
  const body = JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'state_call', params: ['ServiceRegistryApi_find_services', u8aToHex(args)] });
  const times = [];
  let found = 0;
  for (let i = 0; i < queries; i++) {
    const t0 = process.hrtime.bigint();
    const res = await fetch(httpUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const json = await res.json();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (json.error) throw new Error(JSON.stringify(json.error));
    if (i === 0) {
      const page = api.createType(method.type, json.result);
      found = page.services.length;
    }
  }
  return { median: pct(times, 50), p99: pct(times, 99), found };
}
