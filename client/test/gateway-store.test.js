// The gateway's voucher store (src/gateway/store.js): snapshot + journal, what survives a
// crash at each point, the older state files, and that a request's write does not grow with
// the number of channels. Unit tests: no node.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { openVoucherStore, readVoucherState } from '../src/gateway/store.js';

const dir = mkdtempSync(join(tmpdir(), 'servicechain-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const GENESIS = `0x${'ab'.repeat(32)}`;
const sig = (n) => ({ Sr25519: `0x${n.toString(16).padStart(128, '0')}` });
let files = 0;
const fresh = () => join(dir, `state-${files++}.json`);
const open = (stateFile, serviceId = 7) => openVoucherStore({ stateFile, genesisHash: GENESIS, serviceId, log: () => {} });

/** A new store on a new file, started (its first snapshot) and holding channel `id`'s voucher for `units`, persisted. */
function storeHolding (id, units) {
  const file = fresh();
  const store = open(file);
  store.persist();
  store.pending.set(id, { units, signature: sig(Number(units)) });
  assert.ok(store.persist());
  return { file, store };
}

test('every persisted change survives a restart: pending, credits, in flight', () => {
  const file = fresh();
  const a = open(file);
  a.persist(); // the first write is a snapshot
  a.pending.set('1', { units: 5n, signature: sig(5) });
  a.pending.set('2', { units: 9n, signature: sig(9) });
  a.inflight.set('1:6:0', { id: '1', units: 6n, signature: sig(6) });
  a.credits.add('3', 4n, sig(4));
  a.credits.add('3', 8n, sig(8));
  assert.ok(a.persist());
  a.pending.delete('2');
  assert.deepEqual(a.credits.take('3', 4n), sig(4));
  assert.ok(a.persist());
  // No close: as if the process were killed here.
  const b = open(file);
  assert.deepEqual([...b.pending], [['1', { units: 5n, signature: sig(5) }]]);
  assert.deepEqual([...b.inflight], [['1:6:0', { id: '1', units: 6n, signature: sig(6) }]]);
  assert.deepEqual(b.credits.unitsOf('3'), ['8']);
  assert.deepEqual(b.credits.get('3', 8n), sig(8));
  assert.equal(b.credits.has('3', 4n), false);
  assert.deepEqual(readVoucherState(file), {
    vouchers: { 1: { units: '5', signature: sig(5) } },
    credits: { 3: [{ units: '8', signature: sig(8) }] },
    inflight: [{ id: '1', units: '6', signature: sig(6) }]
  });
  b.close();
  a.close();
});

test('changes not yet persisted are not on disk; a last line cut short by a crash is ignored', () => {
  const { file, store: a } = storeHolding('1', 1n);
  a.pending.set('1', { units: 2n, signature: sig(2) }); // never persisted
  appendFileSync(`${file}.journal`, '[["p","1",{"units":"3","sig'); // a write cut short
  assert.deepEqual(readVoucherState(file).vouchers, { 1: { units: '1', signature: sig(1) } });
  a.close();
});

test('the journal is folded into a new snapshot once it outgrows it; an older journal is ignored', () => {
  const file = fresh();
  const a = open(file);
  a.persist();
  const generationOf = () => JSON.parse(readFileSync(file, 'utf8')).generation;
  const first = generationOf();
  // ~100 bytes per change: past 256 KiB the journal starts again after a new snapshot.
  for (let i = 1; i <= 4000; i++) {
    a.pending.set(String(i % 10), { units: BigInt(i), signature: sig(i) });
    assert.ok(a.persist());
  }
  assert.ok(generationOf() > first, 'a new snapshot was written');
  assert.ok(statSync(`${file}.journal`).size < 300 * 1024, 'the journal started again');
  const expected = readVoucherState(file);
  assert.equal(expected.vouchers['0'].units, '4000');
  // A crash after a new snapshot was written, before its journal was started: the journal left
  // is the older snapshot's, whose changes the new one holds (here: channel 0's voucher, then
  // claimed and dropped before the snapshot). Replaying it would bring the voucher back.
  const snapshot = JSON.parse(readFileSync(file, 'utf8'));
  const vouchers = Object.fromEntries(Object.entries(expected.vouchers).filter(([id]) => id !== '0'));
  writeFileSync(file, JSON.stringify({ ...snapshot, generation: snapshot.generation + 1, vouchers }));
  assert.equal(JSON.parse(readFileSync(`${file}.journal`, 'utf8').split('\n')[0]).generation, snapshot.generation);
  assert.deepEqual(readVoucherState(file).vouchers, vouchers);
  a.close();
});

test("another chain's journal is never replayed, even at the same generation", () => {
  const { file, store: a } = storeHolding('7', 70n);
  a.close();
  const journal = readFileSync(`${file}.journal`, 'utf8');
  const generation = JSON.parse(journal.split('\n')[0]).generation;
  // Service 8 takes the file over and dies after its first snapshot, before its journal: the
  // journal left is service 7's, of the same generation number.
  writeFileSync(file, JSON.stringify({ version: 5, generation, genesisHash: GENESIS, serviceId: 8, vouchers: {}, credits: {}, inflight: {} }));
  assert.equal(readFileSync(`${file}.journal`, 'utf8'), journal);
  const b = open(file, 8);
  assert.equal(b.pending.size, 0, "service 7's voucher is not service 8's");
  b.close();
});

test('a version 4 state file (one whole JSON file) is read as before', () => {
  const file = fresh();
  writeFileSync(file, JSON.stringify({
    version: 4,
    genesisHash: GENESIS,
    serviceId: 7,
    vouchers: { 1: { units: '10', signature: sig(10) } },
    credits: { 2: [{ units: '3', signature: sig(3) }] },
    inflight: [{ id: '4', units: '6', signature: sig(6) }]
  }));
  const s = open(file);
  assert.deepEqual(s.pending.get('1'), { units: 10n, signature: sig(10) });
  assert.deepEqual(s.credits.get('2', 3n), sig(3));
  assert.deepEqual([...s.inflight.values()], [{ id: '4', units: 6n, signature: sig(6) }]);
  assert.equal(existsSync(`${file}.journal`), false, 'nothing written before persist');
  assert.ok(s.persist());
  assert.equal(JSON.parse(readFileSync(file, 'utf8')).version, 5);
  s.close();
  // Another service's or chain's state is not loaded.
  const other = open(file, 8);
  assert.equal(other.pending.size, 0);
  other.close();
});

test("a request's write does not grow with the number of channels", () => {
  /** Journal bytes appended by 100 requests (in flight, then served) with `channels` pending. */
  const appendedFor = (channels) => {
    const file = fresh();
    const s = open(file);
    for (let i = 0; i < channels; i++) s.pending.set(String(i), { units: 1n, signature: sig(i) });
    s.persist(); // a snapshot of every channel
    const before = statSync(`${file}.journal`).size;
    for (let r = 0; r < 100; r++) {
      const id = String(r % channels);
      s.inflight.set(`${id}:${r + 2}:${r}`, { id, units: BigInt(r + 2), signature: sig(r) });
      s.persist();
      s.inflight.delete(`${id}:${r + 2}:${r}`);
      s.pending.set(id, { units: BigInt(r + 2), signature: sig(r) });
      s.persist();
    }
    const appended = statSync(`${file}.journal`).size - before;
    s.close();
    return appended;
  };
  const small = appendedFor(10);
  const large = appendedFor(10_000);
  assert.ok(large <= small * 1.1, `10,000 channels: ${large} bytes for 100 requests, 10 channels: ${small}`);
  assert.ok(small / 100 < 600, `${small / 100} bytes per request`);
});
