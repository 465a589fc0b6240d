// End to end against `servicechain-node --dev --tmp`: register a service, find it by tag through
// the runtime API, heartbeat, deregister; bad input is rejected with its named error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { UNIT, deregisterService, findServices, registerService, signAndWait, watchServices } from '../src/index.js';
import { withDevChain } from './helpers/chain.js';

let node;
let api;
let alice;
let bob;

withDevChain({
  ready: async (chain) => {
    ({ node, api } = chain);
    const keyring = new Keyring({ type: 'sr25519' });
    alice = keyring.addFromUri('//Alice');
    bob = keyring.addFromUri('//Bob');
  }
});

const service = (name, tags) => ({
  name,
  endpoints: [`https://${name}.example.com/v1`],
  protocol: 'https',
  tags,
  pricePerUnit: UNIT / 1000n,
  unit: 'Request',
  metadata: null,
  beneficiary: null
});

const filter = (tags, extra = {}) => ({
  tags,
  protocol: null,
  maxPricePerUnit: null,
  minAverageRatingCenti: null,
  includeStale: false,
  ...extra
});

function eventOf (events, method) {
  const found = events.find(({ event }) => event.section === 'serviceRegistry' && event.method === method);
  assert.ok(found, `event serviceRegistry.${method}`);
  return found.event;
}

test('register, discover by tag, heartbeat and deregister through polkadot.js', async () => {
  const freeBefore = (await api.query.system.account(alice.address)).data.free.toBigInt();
  const { events } = await signAndWait(api,
    api.tx.serviceRegistry.registerService(service('llm', ['ai', 'inference'])), alice);
  const registered = eventOf(events, 'ServiceRegistered');
  const id = registered.data.serviceId.toNumber();
  const deposit = registered.data.deposit.toBigInt();
  assert.ok(deposit > UNIT, `deposit ${deposit}`);
  const held = (await api.query.system.account(alice.address)).data.reserved.toBigInt();
  assert.ok(held >= deposit, 'the deposit is held');
  assert.ok(freeBefore - (await api.query.system.account(alice.address)).data.free.toBigInt() >= deposit);

  await signAndWait(api, api.tx.serviceRegistry.registerService(service('vault', ['storage'])), bob);

  // Discovery through the runtime API, by one and by two tags.
  const page = await api.call.serviceRegistryApi.findServices(filter(['ai']), null, 50);
  assert.deepEqual(page.services.map((s) => s.id.toNumber()), [id]);
  const found = page.services[0];
  assert.equal(found.service.details.name.toUtf8(), 'llm');
  assert.equal(found.service.details.endpoints[0].toUtf8(), 'https://llm.example.com/v1');
  assert.equal(found.service.provider.toString(), alice.address);
  assert.equal(found.stale.isTrue, false);
  assert.ok(page.nextCursor.isNone);
  const both = await api.call.serviceRegistryApi.findServices(filter(['ai', 'inference']), null, 50);
  assert.equal(both.services.length, 1);
  const none = await api.call.serviceRegistryApi.findServices(filter(['ai', 'storage']), null, 50);
  assert.equal(none.services.length, 0);
  const cheap = await api.call.serviceRegistryApi.findServices(
    filter(['ai'], { maxPricePerUnit: UNIT / 10_000n }), null, 50);
  assert.equal(cheap.services.length, 0, 'price filter');
  const mine = await api.call.serviceRegistryApi.servicesByProvider(alice.address, null, 10);
  assert.deepEqual(mine.services.map((s) => s.id.toNumber()), [id]);

  // Heartbeat: after the dev chain's 5-block interval it is free.
  const params = await api.call.serviceRegistryApi.parameters();
  const interval = params.heartbeatInterval.toNumber();
  const registeredAt = (await api.query.serviceRegistry.services(id)).unwrap().registeredAt.toNumber();
  await new Promise((resolve) => {
    let unsub = () => {};
    api.rpc.chain.subscribeNewHeads((h) => {
      if (h.number.toNumber() >= registeredAt + interval) { unsub(); resolve(); }
    }).then((u) => { unsub = u; });
  });
  const beat = await signAndWait(api, api.tx.serviceRegistry.heartbeat(id), alice);
  assert.equal(eventOf(beat.events, 'HeartbeatReceived').data.free.isTrue, true);

  // Deregister: gone from discovery, deposit held until the retirement period ends.
  const dereg = await signAndWait(api, api.tx.serviceRegistry.deregisterService(id), alice);
  const unlockAt = eventOf(dereg.events, 'ServiceDeregistered').data.unlockAt.toNumber();
  const after = await api.call.serviceRegistryApi.findServices(filter(['ai'], { includeStale: true }), null, 50);
  assert.equal(after.services.length, 0);
  const status = (await api.query.serviceRegistry.services(id)).unwrap().status;
  assert.ok(status.isRetired);
  assert.equal(status.asRetired.unlockAt.toNumber(), unlockAt);
});

test('bad input is rejected with the named pallet error', async () => {
  await assert.rejects(
    signAndWait(api, api.tx.serviceRegistry.registerService(service('dup', ['ai', 'ai'])), alice),
    (err) => err.errorName === 'serviceRegistry.DuplicateTag'
  );
  await assert.rejects(
    signAndWait(api, api.tx.serviceRegistry.registerService({ ...service('x', []), endpoints: [] }), alice),
    (err) => err.errorName === 'serviceRegistry.NoEndpoints'
  );
  await assert.rejects(
    signAndWait(api, api.tx.serviceRegistry.heartbeat(9_999), alice),
    (err) => err.errorName === 'serviceRegistry.UnknownService'
  );
  await assert.rejects(
    signAndWait(api, api.tx.serviceRegistry.setParameters(
      (await api.call.serviceRegistryApi.parameters()).toJSON()), alice),
    (err) => err.errorName === 'BadOrigin'
  );
});

test('the SDK watches services by filter and sees registrations and retirements', async () => {
  const seen = [];
  let notify = () => {};
  const unsub = await watchServices(api, { tags: ['watched'] }, (services) => {
    seen.push(services.map((s) => s.name));
    notify();
  });
  const next = () => new Promise((resolve) => { notify = resolve; });
  assert.deepEqual(seen[0], []);
  const changed = next();
  const { serviceId } = await registerService(api, bob, service('watched-api', ['watched']));
  await changed;
  assert.deepEqual(seen.at(-1), ['watched-api']);
  const found = await findServices(api, { tags: ['watched'] });
  assert.equal(found[0].id, serviceId);
  assert.equal(found[0].pricePerUnit, UNIT / 1000n);
  const gone = next();
  await deregisterService(api, bob, serviceId);
  await gone;
  assert.deepEqual(seen.at(-1), []);
  unsub();
});
