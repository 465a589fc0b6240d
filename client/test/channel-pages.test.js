// Where a channel is stored (`channelLocation`) and how the gateway reads it out of its page
// (`channelFromPage`), against the runtime's rule: id = (service + 1) << 32 | index, 16 to a
// page; channels opened before pages (ids below 2^32) alone in page [0, id].
import assert from 'node:assert/strict';
import test from 'node:test';
import { CHANNELS_PER_PAGE, channelFromPage, channelLocation } from '../src/index.js';

test('a channel id names its page and slot', () => {
  assert.equal(CHANNELS_PER_PAGE, 16);
  const id = (s, i) => ((BigInt(s) + 1n) << 32n) | BigInt(i);
  assert.deepEqual(channelLocation(id(0, 0)), { key: [1, 0], slot: 0 });
  assert.deepEqual(channelLocation(id(0, 17)), { key: [1, 1], slot: 1 });
  assert.deepEqual(channelLocation(id(41, 0xffffffff)), { key: [42, 0x0fffffff], slot: 15 });
  assert.deepEqual(channelLocation(id(41, 5).toString()), { key: [42, 0], slot: 5 }, 'decimal strings too');
  // Opened before pages: alone in its page, whatever the id.
  assert.deepEqual(channelLocation(0n), { key: [0, 0], slot: 0 });
  assert.deepEqual(channelLocation(37), { key: [0, 37], slot: 0 });
});

test('a channel is read out of its page by slot, or is null', () => {
  const codec = (v) => ({ toString: () => String(v), toNumber: () => Number(v), toBigInt: () => BigInt(v) });
  const none = { isSome: false };
  const entry = (slot, consumer) => ({
    slot: codec(slot), consumer: codec(consumer), pricePerUnit: codec(7), deposit: codec(100),
    claimedUnits: codec(3), paid: codec(21), openedAt: codec(9), settleUntil: none
  });
  const page = {
    isNone: false,
    // As polkadot.js decodes it from the metadata: a Struct (a Map), whose field `entries`
    // (a Map method's name) is renamed `entries_`.
    unwrap: () => ({
      serviceId: codec(0), provider: codec('P'), payee: codec('Q'),
      entries: () => { throw new Error('the Map method'); },
      get: (name) => (name === 'entries_' ? [entry(0, 'A'), entry(2, 'B')] : undefined)
    })
  };
  const id = (1n << 32n) | 2n;
  assert.deepEqual(channelFromPage(id, page), {
    id, consumer: 'B', serviceId: 0, provider: 'P', payee: 'Q', pricePerUnit: 7n, deposit: 100n,
    claimedUnits: 3n, paid: 21n, openedAt: 9, settleUntil: null
  });
  assert.equal(channelFromPage((1n << 32n) | 1n, page), null, 'an empty slot');
  assert.equal(channelFromPage(id, { isNone: true }), null, 'no page');
});
