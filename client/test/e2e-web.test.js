// The web app in Debian's Chromium (playwright-core drives /usr/bin/chromium; nothing is
// downloaded) against `servicechain-node --dev --tmp`, served by `scv web`'s server: discover
// services by tag and price a page at a time, watch the results update as a service registers,
// open a service's page; as a consumer (a dev account, marked as a test key) open a channel
// with its fee shown first, top it up, request its close, and see a failure named by the pallet's
// error; keyboard only, labelled inputs, readable at 360 px. Screenshots go to
// client/test-output/web/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { UNIT, connect, heartbeat, propose, registerService } from '../src/index.js';
import { startWebServer } from '../src/web-server.js';
import { startDevNode } from './helpers/node.js';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const OUT = fileURLToPath(new URL('../test-output/web/', import.meta.url));
const WEB = fileURLToPath(new URL('../web/', import.meta.url));

let node;
let api;
let web;
let browser;
let keys;

const service = (name, tags, price) => ({
  name, endpoints: [`https://${name}.example`], protocol: 'https', tags, pricePerUnit: price, unit: 'Request',
  metadata: null, beneficiary: null
});

/** The number the discover page says it shows. */
const countOn = async (page) => Number((await page.getByTestId('count').textContent()).split(' ')[0]);

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: scripts/setup.sh installs Debian's chromium`);
  const build = spawnSync(process.execPath, [join(WEB, '../node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: WEB, encoding: 'utf8' });
  assert.equal(build.status, 0, `vite build failed: ${build.stderr}`);
  mkdirSync(OUT, { recursive: true });
  await cryptoWaitReady();
  node = await startDevNode({ minBlocks: 1 });
  api = await connect(node.wsUrl);
  const keyring = new Keyring({ type: 'sr25519' });
  keys = Object.fromEntries(['Alice', 'Bob', 'Charlie'].map((n) => [n, keyring.addFromUri(`//${n}`)]));
  await registerService(api, keys.Bob, service('llm-fast', ['llm', 'chat'], UNIT / 1000n));
  await registerService(api, keys.Bob, service('llm-big', ['llm'], UNIT / 100n));
  await registerService(api, keys.Charlie, service('maps', ['geo'], UNIT / 500n));
  web = await startWebServer({ node: node.wsUrl });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--disable-gpu', '--disable-dev-shm-usage', '--disable-component-update', '--disable-quic']
  });
});

after(async () => {
  await browser?.close();
  await web?.stop();
  await api?.disconnect();
  await node?.stop();
});

test('discover by tag and price, live updates, a service page; keyboard only', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(web.url);
  await page.getByTestId('best').waitFor();
  await page.waitForFunction(() => true);
  await assertEventually(async () => assert.equal(await countOn(page), 3));

  // Keyboard only: tab to the tags field, type, Enter.
  const tags = page.getByLabel('Tags (comma separated)');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  for (let i = 0; i < 5 && !(await tags.evaluate((el) => el.matches(':focus'))); i++) await page.keyboard.press('Tab');
  assert.ok(await tags.evaluate((el) => el.matches(':focus')), 'the tags field is reachable with Tab');
  await page.keyboard.type('llm');
  await page.keyboard.press('Enter');
  await assertEventually(async () => assert.equal(await countOn(page), 2));
  await page.getByLabel('Max price per unit (SCV)').fill('0.005');
  await page.getByRole('button', { name: 'Search' }).click();
  await assertEventually(async () => assert.equal(await countOn(page), 1));
  assert.deepEqual(await page.getByTestId('service').locator('a.name').allTextContents(), ['llm-fast']);
  assert.match(await page.getByTestId('service').textContent(), /0\.001 SCV \/ Request/);

  // A new matching service appears without a reload (the page follows the chain's events).
  await registerService(api, keys.Bob, service('llm-new', ['llm'], UNIT / 1000n));
  await assertEventually(async () => assert.equal(await countOn(page), 2));
  await page.screenshot({ path: join(OUT, 'discover.png'), fullPage: true });

  // The service page.
  await page.getByRole('link', { name: 'llm-fast' }).click();
  await page.getByTestId('service-name').waitFor();
  assert.equal(await page.getByTestId('service-name').textContent(), 'llm-fast');
  assert.equal(await page.getByTestId('price').textContent(), '0.001 SCV per Request');
  assert.equal(await page.getByTestId('liveness').textContent(), 'live');
  const others = await page.locator('sc-service li a').allTextContents();
  assert.deepEqual(others.sort(), ['llm-big', 'llm-new']);
  await page.screenshot({ path: join(OUT, 'service.png'), fullPage: true });
  assert.deepEqual(errors, [], 'no script errors');
  await page.close();
});

test('a consumer opens a channel (fee first), tops it up and requests its close; errors are named', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${web.url}/#/service/0`);
  await page.getByTestId('service-name').waitFor();
  await page.getByLabel('Account').selectOption({ label: 'Charlie' });
  // Below the chain's minimum deposit: the fee is shown, the failure named.
  await page.getByLabel('Deposit (SCV)').fill('0.000001');
  await page.getByRole('button', { name: 'Open a channel' }).click();
  assert.match(await page.getByTestId('fee').textContent(), /^fee about 0\.\d+ SCV$/);
  await page.getByRole('button', { name: 'Sign and send' }).click();
  await page.getByTestId('tx-error').waitFor({ timeout: 30_000 });
  assert.match(await page.getByTestId('tx-error').textContent(), /meteredPayments\.DepositTooLow/);
  await page.getByRole('button', { name: 'OK' }).click();

  await page.getByLabel('Deposit (SCV)').fill('0.5');
  await page.getByRole('button', { name: 'Open a channel' }).click();
  await page.getByRole('button', { name: 'Sign and send' }).click();
  await page.waitForURL(/#\/channels$/, { timeout: 30_000 });
  const channel = page.getByTestId('channel');
  await assertEventually(async () => assert.equal(await channel.getByTestId('deposit').textContent(), '0.5 SCV left'), 30_000);

  await page.getByLabel('Top up (SCV)').fill('0.25');
  await page.getByRole('button', { name: 'Top up' }).click();
  await page.getByRole('button', { name: 'Sign and send' }).click();
  await assertEventually(async () => assert.equal(await channel.getByTestId('deposit').textContent(), '0.75 SCV left'), 30_000);

  await page.getByRole('button', { name: 'Request close' }).click();
  await page.getByRole('button', { name: 'Sign and send' }).click();
  await assertEventually(async () => assert.match(await channel.getByTestId('state').textContent(), /^closing: the provider may claim until block #\d+$/), 30_000);
  await page.screenshot({ path: join(OUT, 'channels.png'), fullPage: true });
  await page.close();
});

test('the protocol DAO: a proposal with its decoded call, votes, close and execute', async () => {
  const { proposalId } = await propose(api, keys.Alice, 0, api.tx.system.remark('0x7765622d766f7465'));
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${web.url}/#/daos`);
  await page.getByTestId('dao').first().waitFor();
  await page.getByTestId('dao').first().getByRole('link').click();
  await page.getByTestId('dao-name').waitFor();
  const proposal = page.getByTestId('proposal').filter({ hasText: `#${proposalId}` });
  await assertEventually(async () => assert.equal(await proposal.getByTestId('call').textContent(), 'system.remark'));
  assert.match(await proposal.locator('pre').textContent(), /0x7765622d766f7465|web-vote/);
  for (const [who, ayes] of [['Bob', 1], ['Alice', 2]]) {
    await page.getByLabel('Account').selectOption({ label: who });
    await proposal.getByRole('button', { name: 'Vote aye' }).click();
    await proposal.getByRole('button', { name: 'Sign and send' }).click();
    await assertEventually(async () => assert.match(await proposal.getByTestId('tally').textContent(), new RegExp(`^ayes ${ayes} share`)), 30_000);
  }
  await proposal.getByRole('button', { name: 'Close' }).click();
  await proposal.getByRole('button', { name: 'Sign and send' }).click();
  await assertEventually(async () => assert.match(await proposal.getByTestId('status').textContent(), /^approved: executable from block #\d+$/), 30_000);
  await page.screenshot({ path: join(OUT, 'dao.png'), fullPage: true });
  const at = Number((await proposal.getByTestId('status').textContent()).split('#')[1]);
  await assertEventually(async () => assert.ok(Number((await page.getByTestId('best').textContent()).slice(1)) >= at), 30_000);
  await proposal.getByRole('button', { name: 'Execute' }).click();
  await proposal.getByRole('button', { name: 'Sign and send' }).click();
  await assertEventually(async () => assert.equal(await page.getByTestId('proposal').filter({ hasText: `#${proposalId}` }).count(), 0), 30_000);
  await page.close();
});

test('readable at 360 px: no horizontal scrolling, every input labelled', async () => {
  // The services registered at the start would be stale by now (20 blocks without a heartbeat).
  for (const [who, id] of [['Bob', 0], ['Bob', 1], ['Charlie', 2], ['Bob', 3]]) await heartbeat(api, keys[who], id);
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await page.goto(web.url);
  await assertEventually(async () => assert.ok(await countOn(page) >= 3));
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the page is ${width} px wide at 360`);
  const unlabelled = await page.evaluate(() => {
    const root = document.querySelector('sc-app').shadowRoot.querySelector('sc-discover').shadowRoot;
    return [...root.querySelectorAll('input')].filter((i) => i.labels.length === 0).map((i) => i.name);
  });
  assert.deepEqual(unlabelled, []);
  await page.screenshot({ path: join(OUT, 'discover-360.png'), fullPage: true });
  await page.goto(`${web.url}/#/service/0`);
  await page.getByTestId('service-name').waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 360);
  await page.screenshot({ path: join(OUT, 'service-360.png'), fullPage: true });
  await page.close();
});

/** Retries `check` for up to `ms` (the page follows the chain asynchronously). */
async function assertEventually (check, ms = 20_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
