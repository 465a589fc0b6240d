// What the browser tests share: the web app built, Debian's Chromium driven by playwright-core
// (nothing is downloaded), and where screenshots go.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const WEB = fileURLToPath(new URL('../../web/', import.meta.url));

/** Screenshots and figures of the browser tests (client/test-output/web/). */
export const OUT = fileURLToPath(new URL('../../test-output/web/', import.meta.url));

/** Builds the web app (client/web/dist) and launches Chromium; resolves with the browser. */
export async function buildAppAndLaunch () {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: scripts/setup.sh installs Debian's chromium`);
  const build = spawnSync(process.execPath, [join(WEB, '../node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: WEB, encoding: 'utf8' });
  assert.equal(build.status, 0, `vite build failed: ${build.stderr}`);
  mkdirSync(OUT, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--disable-gpu', '--disable-dev-shm-usage', '--disable-component-update', '--disable-quic']
  });
}
