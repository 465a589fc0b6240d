// The web app at 100,000 registered services (SCALE_SERVICES to change): a dev chain whose
// genesis registers them (client/test/helpers/many-services.js; its raw form built natively by
// servicechain-genesis, first checked to build the node's own dev genesis), the app in Debian's
// Chromium.
// Discover shows a page of 20 from the registry's runtime API (cursor paging), pages on, and
// filters by tag and price, without loading the registry: the test counts the WebSocket bytes
// the page received. Figures go to client/test-output/web/scale.json.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from '../src/index.js';
import { startWebServer } from '../src/web-server.js';
import { manyServicesChainSpec, rawSpec } from './helpers/many-services.js';
import { OUT, buildAppAndLaunch } from './helpers/browser.js';
import { assertEventually } from './helpers/eventually.js';
import { devChainSpec, nodeBinary, startDevNode } from './helpers/node.js';

const COUNT = Number(process.env.SCALE_SERVICES ?? 100_000);

let dir;
let node;
let api;
let web;
let browser;
const figures = { services: COUNT };

before(async () => {
  browser = await buildAppAndLaunch();
  dir = mkdtempSync(join(tmpdir(), 'servicechain-scale-'));
  // The native genesis build must give the node's own: the dev spec, raw, both ways.
  writeFileSync(join(dir, 'dev.json'), execFileSync(nodeBinary(), ['export-chain-spec', '--chain', 'dev'], { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 1024 * 1024 }));
  rawSpec(join(dir, 'dev.json'), join(dir, 'dev-raw.json'));
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'dev-raw.json'))).genesis, JSON.parse(readFileSync(devChainSpec())).genesis,
    'servicechain-genesis builds the same genesis storage as the node');
  const spec = manyServicesChainSpec({ count: COUNT, path: join(dir, 'spec.json'), rawPath: join(dir, 'raw.json') });
  Object.assign(figures, { providers: spec.providers, specMs: spec.specMs, genesisMs: spec.rawMs });
  const started = Date.now();
  node = await startDevNode({ minBlocks: 1, timeoutMs: 300_000, extraArgs: ['--chain', join(dir, 'raw.json')] });
  figures.nodeStartMs = Date.now() - started;
  api = await connect(node.wsUrl);
  web = await startWebServer({ node: node.wsUrl });
});

after(async () => {
  await browser?.close();
  await web?.stop();
  await api?.disconnect();
  await node?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (figures.firstPageMs !== undefined) {
    writeFileSync(join(OUT, 'scale.json'), `${JSON.stringify(figures, null, 1)}\n`);
    console.log(`[scale] ${JSON.stringify(figures)}`);
  }
});

/** Names of the services the page shows. */
const shown = (page) => page.getByTestId('service').locator('a.name').allTextContents();

test(`discover pages through ${COUNT.toLocaleString('en')} services without loading them`, async () => {
  assert.equal((await api.query.serviceRegistry.serviceCount()).toNumber(), COUNT, 'the genesis registered them all');

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let received = 0;
  page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => { received += payload.length; }));

  // The first page: 20 services. The genesis services turn stale 20 blocks after genesis, so
  // the search includes stale ones (what is measured is the paging, not the liveness).
  await page.goto(`${web.url}/#/`);
  await page.getByTestId('best').waitFor();
  received = 0; // from here: what the search costs, not the app's start (metadata)
  const started = Date.now();
  await page.getByLabel('Include stale').check();
  await page.getByRole('button', { name: 'Search' }).click();
  await assertEventually(async () => assert.equal((await shown(page)).length, 20));
  figures.firstPageMs = Date.now() - started;
  figures.firstPageKiB = Math.round(received / 1024);
  assert.deepEqual((await shown(page)).slice(0, 3), ['s0', 's1', 's2']);
  await page.screenshot({ path: join(OUT, 'discover-100k.png'), fullPage: true });

  // The next page continues from the cursor.
  received = 0;
  let t = Date.now();
  await page.getByRole('button', { name: 'Next page' }).click();
  await assertEventually(async () => assert.equal((await shown(page))[0], 's20'));
  figures.nextPageMs = Date.now() - t;
  figures.nextPageKiB = Math.round(received / 1024);

  // A tag held by 1,000 services and a price bound: the tag's index is walked, not the registry.
  received = 0;
  t = Date.now();
  await page.getByLabel('Tags (comma separated)').fill('t7');
  await page.getByLabel('Max price per unit (SCV)').fill('0.1');
  await page.getByRole('button', { name: 'Search' }).click();
  await assertEventually(async () => {
    const names = await shown(page);
    assert.ok(names.length > 0 && names.every((n) => Number(n.slice(1)) % 100 === 7 && Number(n.slice(1)) % 1000 < 100), names.join());
  }, 60_000, 200);
  figures.tagSearchMs = Date.now() - t;
  figures.tagSearchKiB = Math.round(received / 1024);
  // A service record is over 100 bytes: loading the registry would be megabytes.
  for (const k of ['firstPageKiB', 'nextPageKiB', 'tagSearchKiB']) {
    assert.ok(figures[k] * 1024 < COUNT * 100 / 50, `${k}: ${figures[k]} KiB is a page, not the registry`);
  }
  assert.deepEqual(errors, [], 'no script errors');
  await page.close();
});
