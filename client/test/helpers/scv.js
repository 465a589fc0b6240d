// Runs the `scv` CLI as a child process for the end-to-end tests.
import { spawn } from 'node:child_process';

/** Path of the CLI. */
export const SCV = new URL('../../bin/scv', import.meta.url).pathname;

/**
 * Runs `scv <args> --json` against the node at `wsUrl`, signing with `suri` if given (and with no
 * key otherwise); resolves with the exit code, the last line of stdout parsed as JSON, and the
 * raw output.
 * @param {string} wsUrl
 * @param {string[]} args
 * @param {string} [suri]
 * @returns {Promise<{code: number, json: any, out: string, err: string}>}
 */
export function runScv (wsUrl, args, suri) {
  return new Promise((resolve) => {
    const env = { ...process.env, SCV_URL: wsUrl };
    if (suri) env.SCV_SURI = suri; else delete env.SCV_SURI;
    const child = spawn(process.execPath, [SCV, ...args, '--json'], { env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('exit', (code) => {
      let json = null;
      try { json = JSON.parse(out.trim().split('\n').pop()); } catch { json = null; }
      resolve({ code, json, out, err });
    });
  });
}
