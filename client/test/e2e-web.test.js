// The web app in Debian's Chromium (playwright-core drives /usr/bin/chromium; nothing is
// downloaded) against `servicechain-node --dev --tmp`, served by `scv web`'s server: discover
// services by tag and price a page at a time, watch the results update as a service registers,
// open a service's page; as a consumer (a dev account, marked as a test key) open a channel
// with its fee shown first, top it up, request its close, and see a failure named by the pallet's
// error; keyboard only, labelled inputs, readable at 360 px. The market: a provider registers a
// service (deposit shown first), pauses, resumes and edits it; a consumer finds it by tag and
// price, opens a channel, pays through the provider's gateway and watches usage; the provider
// claims from its page; the consumer rates. A token DAO created, proposed to, voted, executed
// and unlocked in the browser; a wallet extension (an injected polkadot.js-interface wallet)
// signing a transaction and vouchers. Screenshots go to client/test-output/web/.
import { createServer } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { hexToU8a, u8aToHex, u8aWrapBytes } from '@polkadot/util';
import { UNIT, connect, formatScv, getChannel, heartbeat, listChannels, propose, registerService, signAndWait } from '../src/index.js';
import { startGateway } from '../src/gateway/server.js';
import { startWebServer } from '../src/web-server.js';
import { OUT, buildAppAndLaunch } from './helpers/browser.js';
import { assertEventually } from './helpers/eventually.js';
import { freePort } from './helpers/node.js';
import { withDevChain } from './helpers/chain.js';

let node;
let api;
let web;
let browser;
let keys;
let upstream;
let gateway;
/** The service the provider registers in the browser, and its gateway's URL. */
let market = {};
const OPERATOR_TOKEN = 'e2e-operator-token-of-at-least-32-characters';

const service = (name, tags, price) => ({
  name, endpoints: [`https://${name}.example`], protocol: 'https', tags, pricePerUnit: price, unit: 'Request',
  metadata: null, beneficiary: null
});

/** The number the discover page says it shows. */
const countOn = async (page) => Number((await page.getByTestId('count').textContent()).split(' ')[0]);

withDevChain({
  ready: async (chain) => {
    ({ node, api } = chain);
    browser = await buildAppAndLaunch();
    const keyring = new Keyring({ type: 'sr25519' });
    keys = Object.fromEntries(['Alice', 'Bob', 'Charlie', 'Dave'].map((n) => [n, keyring.addFromUri(`//${n}`)]));
    await registerService(api, keys.Bob, service('llm-fast', ['llm', 'chat'], UNIT / 1000n));
    await registerService(api, keys.Bob, service('llm-big', ['llm'], UNIT / 100n));
    await registerService(api, keys.Charlie, service('maps', ['geo'], UNIT / 500n));
    web = await startWebServer({ node: node.wsUrl });
  },
  teardown: async () => {
    await gateway?.stop();
    await new Promise((resolve) => (upstream ? upstream.close(resolve) : resolve()));
    await browser?.close();
    await web?.stop();
  }
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
  await actAs(page, 'Charlie (test key)');
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
    await actAs(page, `${who} (test key)`);
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
  // The other pages: no horizontal scrolling, every input and select labelled.
  for (const [route, tag, ready] of [['#/provider', 'sc-provider', 'Register a service'], ['#/channels', 'sc-channels', 'My channels'], ['#/daos', 'sc-daos', 'DAOs']]) {
    await page.goto(`${web.url}/${route}`);
    await page.getByRole('heading', { name: ready }).first().waitFor();
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 360, `${route} is ${wide} px wide at 360`);
    const bare = await page.evaluate((t) => {
      const root = document.querySelector('sc-app').shadowRoot.querySelector(t).shadowRoot;
      return [...root.querySelectorAll('input, select, textarea')].filter((i) => i.labels.length === 0 && !i.getAttribute('aria-label')).map((i) => i.id);
    }, tag);
    assert.deepEqual(bare, [], `unlabelled fields on ${route}`);
  }
  await page.screenshot({ path: join(OUT, 'daos-360.png'), fullPage: true });
  await page.close();
});

/** Picks `label` in the account selector (the wallet's accounts come first, then the dev keys). */
const actAs = (page, label) => page.getByLabel('Account').selectOption({ label });

/** Starts the transaction behind `button` and signs it (the fee is shown first). */
async function sendTx (scope, button) {
  await scope.getByRole('button', { name: button, exact: true }).click();
  await scope.getByTestId('fee').waitFor();
  await scope.getByRole('button', { name: 'Sign and send' }).click();
}

test('the market in the browser: a provider registers a service, a consumer finds it by tag and price, opens a channel, pays through the gateway and watches usage; the provider claims; the consumer rates', async () => {
  // The provider's upstream API, and the port its gateway will listen on (the service's endpoint).
  upstream = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ forecast: 'sunny', path: req.url }));
  });
  await new Promise((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const gatewayPort = await freePort();
  market.gatewayUrl = `http://127.0.0.1:${gatewayPort}`;

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // 1. Bob registers the service on the Provider page; its deposit is shown before signing.
  await page.goto(`${web.url}/#/provider`);
  await actAs(page, 'Bob (test key)');
  const form = page.getByRole('form', { name: 'Register a service' });
  await form.getByLabel('Name').fill('weather-now');
  await form.getByLabel('Endpoints (space or comma separated)').fill(`${market.gatewayUrl}/v1`);
  await form.getByLabel('Protocol').fill('http');
  await form.getByLabel('Tags').fill('weather, forecast');
  await form.getByLabel('Price per unit (SCV)').fill('0.6');
  await assertEventually(async () => assert.match(await page.getByTestId('register-deposit').textContent(), /^deposit held while listed: \d[\d.]* SCV$/));
  const shownDeposit = (await page.getByTestId('register-deposit').textContent()).replace('deposit held while listed: ', '');
  await sendTx(form, 'Register');
  const mine = page.getByTestId('my-service').filter({ hasText: 'weather-now' });
  await mine.waitFor({ timeout: 30_000 });
  market.serviceId = Number((await mine.locator('.meta').first().textContent()).replace('id ', ''));
  const onChain = (await api.query.serviceRegistry.services(market.serviceId)).unwrap();
  assert.equal(formatScv(onChain.deposit.toBigInt()), shownDeposit, 'the deposit shown is the one held');
  assert.equal(await mine.getByTestId('my-status').textContent(), 'live');
  assert.match(await mine.getByTestId('heartbeat').textContent(), /^last heartbeat #\d+, stale in \d+ block\(s\)$/);

  // Pause and resume it, then edit its price.
  await sendTx(mine, 'Pause');
  await assertEventually(async () => assert.equal(await mine.getByTestId('my-status').textContent(), 'paused'), 30_000);
  await sendTx(mine, 'Resume');
  await assertEventually(async () => assert.equal(await mine.getByTestId('my-status').textContent(), 'live'), 30_000);
  await mine.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('form', { name: 'Edit weather-now' });
  assert.equal(await edit.getByLabel('Price per unit (SCV)').inputValue(), '0.6');
  await edit.getByLabel('Price per unit (SCV)').fill('0.5');
  await sendTx(edit, 'Save changes');
  await assertEventually(async () => assert.match(await mine.textContent(), /0\.5 SCV per Request/), 30_000);

  // The provider's gateway in front of the upstream: it keeps the service live with heartbeats,
  // and has an operator token for the Provider page.
  gateway = await startGateway({
    api, signer: keys.Bob, serviceId: market.serviceId, upstream: `http://127.0.0.1:${upstream.address().port}`,
    port: gatewayPort, claimIntervalMs: 0, cors: '*', operatorToken: OPERATOR_TOKEN
  });
  await page.screenshot({ path: join(OUT, 'provider.png'), fullPage: true });

  // 2. Charlie finds it by tag and price, and opens a channel from its page.
  await page.goto(`${web.url}/#/`);
  await actAs(page, 'Charlie (test key)');
  await page.getByLabel('Tags (comma separated)').fill('weather');
  await page.getByLabel('Max price per unit (SCV)').fill('0.5');
  await page.getByRole('button', { name: 'Search' }).click();
  await assertEventually(async () => assert.deepEqual(await page.getByTestId('service').locator('a.name').allTextContents(), ['weather-now']));
  await page.getByRole('link', { name: 'weather-now' }).click();
  await page.getByTestId('service-name').waitFor();
  assert.equal(await page.getByTestId('my-rating').textContent().then((t) => t.replace(/\s+/g, ' ').trim()), 'not rated by you; you paid it 0 SCV');
  assert.equal(await page.getByTestId('rate-rule').textContent(), 'rate it once you have paid it at least 1 SCV');
  await page.getByLabel('Deposit (SCV)').fill('2');
  await sendTx(page, 'Open a channel');
  await page.waitForURL(/#\/channels$/, { timeout: 30_000 });
  const channel = page.getByTestId('channel').filter({ hasText: `service ${market.serviceId}` });
  await channel.waitFor({ timeout: 30_000 });

  // 3. Three paid requests through the gateway, each with the next voucher; usage follows.
  assert.equal(await channel.getByRole('textbox', { name: /URL of the paid request/ }).inputValue(), `${market.gatewayUrl}/v1`);
  // A URL that is not the service's: no voucher is signed or sent.
  const urlBox = channel.getByRole('textbox', { name: /URL of the paid request/ });
  await urlBox.fill('http://127.0.0.1:9/not-the-service');
  await channel.getByRole('button', { name: 'Send paid request' }).click();
  await assertEventually(async () => assert.match(await channel.getByRole('alert').textContent(), /is not under one of the service's endpoints/));
  await urlBox.fill(`${market.gatewayUrl}/v1`);
  for (let i = 1; i <= 3; i++) {
    await channel.getByRole('button', { name: 'Send paid request' }).click();
    await assertEventually(async () => assert.match(await channel.getByTestId('call-result').textContent(), new RegExp(`HTTP 200 · voucher for ${i} unit\\(s\\)`)));
  }
  assert.match(await channel.getByTestId('call-result').locator('pre').textContent(), /"forecast":"sunny","path":"\/v1"/);
  assert.equal(await channel.getByTestId('signed-units').textContent(), '3');
  assert.equal(await channel.getByTestId('claimed-units').textContent(), '0');
  assert.equal(await channel.getByTestId('owed').textContent(), '3 unit(s), 1.5 SCV');
  assert.equal(gateway.stats.accepted, 3);
  await page.screenshot({ path: join(OUT, 'channels-usage.png'), fullPage: true });

  // 4. Bob reads what the gateway holds and claims it from the Provider page.
  const provider = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  provider.on('pageerror', (e) => errors.push(e.message));
  await provider.goto(`${web.url}/#/provider`);
  await actAs(provider, 'Bob (test key)');
  const gw = provider.getByRole('form', { name: 'Gateway' });
  await gw.getByLabel('Gateway URL').fill(market.gatewayUrl);
  await gw.getByLabel('Operator token (SCV_OPERATOR_TOKEN)').fill('wrong-token');
  await gw.getByRole('button', { name: 'Read claimable units' }).click();
  await assertEventually(async () => assert.match(await gw.getByRole('alert').textContent(), /gateway 401/));
  await gw.getByLabel('Operator token (SCV_OPERATOR_TOKEN)').fill(OPERATOR_TOKEN);
  await gw.getByRole('button', { name: 'Read claimable units' }).click();
  const row = provider.getByTestId('provider-channel').filter({ has: provider.getByRole('link', { name: String(market.serviceId), exact: true }) });
  await assertEventually(async () => assert.equal(await row.getByTestId('claimable').textContent(), '3 unit(s), 1.5 SCV'));
  await gw.getByRole('button', { name: 'Claim now' }).click();
  await assertEventually(async () => assert.equal(await provider.getByTestId('claim-note').textContent(), 'claimed 1 channel(s) in 1 transaction(s)'), 30_000);
  await assertEventually(async () => assert.equal(await provider.getByTestId('claim').count(), 1), 30_000);
  assert.match(await provider.getByTestId('claim').first().textContent(), /3\s*1\.5 SCV/);
  assert.match(await provider.getByTestId('earnings').textContent(), /^1\.\d+ SCV earned \(after the protocol fee\) in 1 claim/);
  await assertEventually(async () => assert.equal(await row.getByTestId('claimable').textContent(), '0 unit(s), 0 SCV'));
  await provider.screenshot({ path: join(OUT, 'provider-claims.png'), fullPage: true });
  await provider.close();

  // The consumer's page follows the claim.
  await assertEventually(async () => assert.equal(await channel.getByTestId('claimed-units').textContent(), '3'), 30_000);
  assert.equal(await channel.getByTestId('owed').textContent(), '0 unit(s), 0 SCV');
  const [onChainChannel] = (await listChannels(api, keys.Charlie.address)).filter((c) => c.serviceId === market.serviceId);
  assert.equal(onChainChannel.claimedUnits, 3n);

  // 5. Charlie rates the service now that he has paid for it.
  await page.goto(`${web.url}/#/service/${market.serviceId}`);
  await page.getByTestId('rate').waitFor();
  await assertEventually(async () => assert.match(await page.getByTestId('my-rating').textContent(), /you paid it 1\.5 SCV/));
  await page.getByLabel('Score from 1 to 5').selectOption('4');
  await sendTx(page.getByTestId('rate'), 'Rate');
  await assertEventually(async () => assert.match(await page.getByTestId('my-rating').textContent(), /^you rated it 4 ★/), 30_000);
  assert.equal((await api.query.serviceRegistry.ratings(market.serviceId, keys.Charlie.address)).unwrap().score.toNumber(), 4);
  // The rating history follows (ServiceRated events).
  await assertEventually(async () => assert.match(await page.getByTestId('rating-event').first().textContent(), /^#\d+ · 5FLSig…S59Y · 4 ★$/), 30_000);
  await page.screenshot({ path: join(OUT, 'service-rated.png'), fullPage: true });
  assert.deepEqual(errors, [], 'no script errors');
  await page.close();
});

test('a token-weighted DAO made in the browser: create, propose a call from the metadata, vote with frozen SCV, close, execute, unlock', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${web.url}/#/daos`);
  await actAs(page, 'Dave (test key)');
  await page.getByText('Create a DAO').click();
  const create = page.getByRole('form', { name: 'Create a DAO' });
  await create.getByLabel('Name').fill('weather-guild');
  await create.getByLabel('Voting mode').selectOption('tokens');
  await create.getByLabel('Voting period (blocks)').fill('6');
  await create.getByLabel('Quorum (%)').fill('0.00001');
  await sendTx(create, 'Create DAO');
  const dao = page.getByTestId('dao').filter({ hasText: 'weather-guild' });
  await dao.waitFor({ timeout: 30_000 });
  assert.match(await dao.textContent(), /token-weighted/);
  await dao.getByRole('link').click();
  await page.getByTestId('dao-name').waitFor();

  const propose = page.getByRole('form', { name: 'Propose' });
  await propose.getByLabel('Call (from the chain\'s metadata)').fill('system.remarkWithEvent');
  await propose.getByLabel('Arguments (JSON array, in the call\'s order)').fill('["0x7765617468657221"]');
  await assertEventually(async () => assert.equal(await page.getByTestId('propose-preview').textContent(), 'system.remarkWithEvent {"remark":"weather!"}'));
  await sendTx(propose, 'Propose');
  const proposal = page.getByTestId('proposal').first();
  await assertEventually(async () => assert.equal(await proposal.getByTestId('call').textContent(), 'system.remarkWithEvent'), 30_000);
  assert.match(await proposal.getByTestId('status').textContent(), /^voting: \d+ block\(s\) left$/);

  await proposal.getByLabel('Amount (SCV)').fill('2');
  await sendTx(proposal, 'Vote aye');
  await assertEventually(async () => assert.match(await proposal.getByTestId('tally').textContent(), /^ayes 2 SCV, nays 0 SCV, 1 voter/), 30_000);
  assert.match(await page.getByTestId('frozen').textContent(), /^2 SCV of Dave frozen/);
  assert.match(await page.getByTestId('lock').textContent(), /unlock once voting ends/);
  await page.screenshot({ path: join(OUT, 'dao-token-vote.png'), fullPage: true });

  await assertEventually(async () => assert.equal(await proposal.getByTestId('status').textContent(), 'voting ended: close it'), 40_000);
  await sendTx(proposal, 'Close');
  await assertEventually(async () => assert.match(await proposal.getByTestId('status').textContent(), /^approved: executable from block #\d+$/), 30_000);
  const at = Number((await proposal.getByTestId('status').textContent()).split('#')[1]);
  await assertEventually(async () => assert.ok(Number((await page.getByTestId('best').textContent()).slice(1)) >= at), 30_000);
  await sendTx(proposal, 'Execute');
  await assertEventually(async () => assert.equal(await page.getByTestId('proposal').count(), 0), 30_000);

  // The vote's SCV stays frozen until unlocked.
  const lock = page.getByTestId('lock');
  await sendTx(lock, 'Unlock');
  await assertEventually(async () => assert.match(await page.getByTestId('frozen').textContent(), /^0 SCV of Dave frozen/), 30_000);
  assert.equal((await api.query.dao.voteLocks(keys.Dave.address)).length, 0);
  await page.close();
});

test('a wallet extension (the polkadot.js injected interface): connect, open a channel signed by the wallet, pay with vouchers it signs', async () => {
  assert.ok(market.serviceId !== undefined, 'the market test registered the service');
  // The wallet's account: a fresh key, funded by Alice. The wallet signs in this process, as an
  // extension would in its own: extrinsic payloads (signPayload) and raw bytes (signRaw, which
  // wraps them in <Bytes>…</Bytes>).
  const wallet = new Keyring({ type: 'sr25519' }).addFromUri('//WebWalletE2E');
  await signAndWait(api, api.tx.balances.transferKeepAlive(wallet.address, 10n * UNIT), keys.Alice);
  const prompts = [];
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (m) => { if (m.type() === 'error') console.log(`[browser] ${m.text()}`); });
  await page.exposeFunction('e2eWalletSignPayload', (payload) => {
    prompts.push(`payload:${payload.method.slice(0, 10)}`);
    const ext = api.registry.createType('ExtrinsicPayload', payload, { version: payload.version });
    return ext.sign(wallet).signature;
  });
  await page.exposeFunction('e2eWalletSignRaw', (raw) => {
    prompts.push('raw');
    return u8aToHex(wallet.sign(u8aWrapBytes(hexToU8a(raw.data))));
  });
  await page.addInitScript(({ address }) => {
    const account = { address, name: 'E2E wallet', type: 'sr25519' };
    window.injectedWeb3 = {
      'e2e-wallet': {
        version: '1.0.0',
        enable: async () => ({
          accounts: { get: async () => [account], subscribe: (cb) => { cb([account]); return () => {}; } },
          signer: {
            signPayload: async (payload) => ({ id: 1, signature: await window.e2eWalletSignPayload(payload) }),
            signRaw: async (raw) => ({ id: 2, signature: await window.e2eWalletSignRaw(raw) })
          }
        })
      }
    };
  }, { address: wallet.address });

  await page.goto(`${web.url}/#/service/${market.serviceId}`);
  await page.getByTestId('service-name').waitFor();
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  await assertEventually(async () => assert.equal(await page.getByTestId('wallet-note').textContent(), 'wallet connected: 1 account(s)'));
  await actAs(page, 'E2E wallet (e2e-wallet)');
  assert.equal(await page.locator('sc-app').evaluate((el) => el.shadowRoot.querySelectorAll('.dev').length), 0, 'no test-key badge on a wallet account');
  await page.screenshot({ path: join(OUT, 'wallet.png') });

  await page.getByLabel('Deposit (SCV)').fill('1');
  await sendTx(page, 'Open a channel');
  await Promise.race([
    page.waitForURL(/#\/channels$/, { timeout: 30_000 }),
    page.getByTestId('tx-error').waitFor({ timeout: 30_000 }).then(async () => assert.fail(await page.getByTestId('tx-error').textContent()))
  ]);
  const channel = page.getByTestId('channel');
  await channel.waitFor({ timeout: 30_000 });
  await channel.getByRole('button', { name: 'Send paid request' }).click();
  await assertEventually(async () => assert.match(await channel.getByTestId('call-result').textContent(), /HTTP 200 · voucher for 1 unit\(s\)/));
  assert.equal(prompts.length, 2, 'the wallet signed the channel opening and the voucher');
  assert.match(prompts[0], /^payload:0x/);
  assert.equal(prompts[1], 'raw');
  const [ch] = await listChannels(api, wallet.address);
  assert.equal(ch.consumer, wallet.address);
  assert.equal(ch.serviceId, market.serviceId);
  assert.equal((await getChannel(api, ch.id)).deposit, UNIT);
  // The gateway holds the wallet's (<Bytes>-wrapped) voucher, and the chain takes it.
  assert.equal(gateway.pending.get(ch.id.toString()).units, 1n);
  await gateway.claimNow();
  assert.equal((await getChannel(api, ch.id)).claimedUnits, 1n);
  await page.close();
});

test('a provider retires a service and withdraws its deposit once the retirement period has passed', async () => {
  const { serviceId, deposit } = await registerService(api, keys.Charlie, service('retiring', ['old'], UNIT / 1000n));
  const heldBefore = (await api.query.balances.holds(keys.Charlie.address)).reduce((sum, h) => sum + h.amount.toBigInt(), 0n);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${web.url}/#/provider`);
  await actAs(page, 'Charlie (test key)');
  const item = page.getByTestId('my-service').filter({ hasText: 'retiring' });
  await item.waitFor({ timeout: 30_000 });
  await sendTx(item, 'Retire');
  await assertEventually(async () => assert.equal(await item.getByTestId('my-status').textContent(), 'retired'), 30_000);
  assert.match(await item.getByTestId('unlock').textContent(), /^deposit withdrawable from block #\d+$/);
  await assertEventually(async () => assert.equal(await item.getByTestId('unlock').textContent(), 'deposit withdrawable now'), 60_000);
  await sendTx(item, 'Withdraw deposit');
  await assertEventually(async () => assert.equal(await item.count(), 0), 30_000);
  const heldAfter = (await api.query.balances.holds(keys.Charlie.address)).reduce((sum, h) => sum + h.amount.toBigInt(), 0n);
  assert.equal(heldBefore - heldAfter, deposit, 'the whole deposit was released');
  assert.ok((await api.query.serviceRegistry.services(serviceId)).isNone);
  await page.close();
});

test('a provider-supplied endpoint is a link only when it is http(s): a javascript: endpoint is text', async () => {
  const { serviceId } = await registerService(api, keys.Charlie, {
    ...service('odd-endpoints', ['odd'], UNIT / 1000n), endpoints: ['javascript:alert(document.domain)', 'https://ok.example/api']
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${web.url}/#/service/${serviceId}`);
  await page.getByTestId('service-name').waitFor();
  const hrefs = await page.locator('sc-service dd a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(hrefs, ['https://ok.example/api']);
  assert.ok((await page.locator('sc-service dd').allTextContents()).some((t) => t.includes('javascript:alert(document.domain)')), 'shown as text');
  await page.close();
});
