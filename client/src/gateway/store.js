// The gateway's voucher state and its persistence: vouchers served and not yet claimed
// (`pending`), vouchers whose requests are being served (`inflight`) and vouchers accepted but
// never answered (`credits`), kept in a snapshot file and an append-only journal beside it.
//
// Every change to these maps is recorded; `persist()` appends the changes since its last call
// as one line to `<stateFile>.journal` (one write, whatever the number of channels), so that a
// request costs the same at 1 and at 10,000 open channels. When the journal has grown past
// twice the snapshot (at least 256 KiB), the state is written whole to `<stateFile>` (write
// to a temporary file, rename) and the journal starts again: the rewrite's cost is spread over
// at least as many appended bytes as it writes.
//
// Crash safety (the process killed at any point): a change is on disk once `persist()` returned
// true (the journal is appended with one `write`, as the whole-file rename was before: what the
// kernel has survives the process; a write cut short is a failure). Snapshot and journal carry
// a generation, and the journal its chain and service: the journal's first line names the
// snapshot it extends, so a crash between writing a new snapshot and starting its journal
// leaves an older (or another chain's) journal that is ignored (the new snapshot already holds
// what is ours); a last line cut short is ignored (its changes were never reported as persisted).
import { closeSync, existsSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';

/** The journal is folded into a new snapshot past this size, or past twice the snapshot's. */
const COMPACT_MIN_BYTES = 256 * 1024;

const plain = (v) => ({ units: v.units.toString(), signature: v.signature });

/** A Map that records every change (`[name, key, value]` or `[name, key]` for a deletion). */
class JournaledMap extends Map {
  constructor (name, changes) {
    super();
    this.name = name;
    this.changes = changes;
  }

  set (key, value) {
    super.set(key, value);
    this.changes.push([this.name, key, this.name === 'c' ? value : this.name === 'f' ? { id: value.id, ...plain(value) } : plain(value)]);
    return this;
  }

  delete (key) {
    const had = super.delete(key);
    if (had) this.changes.push([this.name, key]);
    return had;
  }

  clear () {
    for (const key of [...this.keys()]) this.delete(key);
  }

  /** Applies a journaled change without recording it. */
  replay (key, value) {
    if (value === undefined) super.delete(key);
    else super.set(key, this.name === 'c' ? value : { ...value, units: BigInt(value.units) });
  }
}

/**
 * Vouchers accepted but never answered: per channel, per voucher (units) its signature; each
 * may be retried once.
 */
class Credits {
  constructor (changes) {
    /** `${id}:${units}` -> signature (what is journaled) */
    this.flat = new JournaledMap('c', changes);
    /** channel id -> Map(units string -> signature) */
    this.byChannel = new Map();
  }

  add (id, units, signature) {
    this.flat.set(`${id}:${units}`, signature);
    this.index(id, units.toString(), signature);
  }

  index (id, units, signature) {
    if (!this.byChannel.has(id)) this.byChannel.set(id, new Map());
    this.byChannel.get(id).set(units, signature);
  }

  /** Takes the credit of exactly this voucher: its signature, or undefined. */
  take (id, units) {
    const of = this.byChannel.get(id);
    const signature = of?.get(units.toString());
    if (signature === undefined) return undefined;
    of.delete(units.toString());
    if (!of.size) this.byChannel.delete(id);
    this.flat.delete(`${id}:${units}`);
    return signature;
  }

  has (id, units) { return this.byChannel.get(id)?.has(units.toString()) ?? false; }
  get (id, units) { return this.byChannel.get(id)?.get(units.toString()); }
  hasChannel (id) { return this.byChannel.has(id); }
  /** Units (strings) credited on channel `id`. */
  unitsOf (id) { return [...(this.byChannel.get(id)?.keys() ?? [])]; }
  channels () { return [...this.byChannel.keys()]; }
  get size () { return this.byChannel.size; }

  /** Drops every credit of channel `id` (it closed). */
  deleteChannel (id) {
    for (const units of this.unitsOf(id)) this.take(id, units);
  }

  /** Applies a journaled change without recording it. */
  replay (key, signature) {
    this.flat.replay(key, signature);
    const cut = key.lastIndexOf(':');
    const [id, units] = [key.slice(0, cut), key.slice(cut + 1)];
    if (signature !== undefined) {
      this.index(id, units, signature);
    } else {
      this.byChannel.get(id)?.delete(units);
      if (this.byChannel.get(id)?.size === 0) this.byChannel.delete(id);
    }
  }
}

/**
 * Opens (or starts) the state of the gateway of service `serviceId` on the chain of
 * `genesisHash`. A state file of another chain or service is left alone and replaced.
 * @param {object} o
 * @param {string|undefined} o.stateFile without one nothing is persisted
 * @param {string} o.genesisHash
 * @param {number} o.serviceId
 * @param {(msg: string) => void} o.log
 */
export function openVoucherStore ({ stateFile, genesisHash, serviceId, log }) {
  /** Changes not yet on disk (the maps record into it; replaying a file does not). */
  const changes = [];
  /** channel id (string) -> { units: bigint, signature: object } served, not yet claimed */
  const pending = new JournaledMap('p', changes);
  /** request key -> { id, units, signature }: accepted, its request being served */
  const inflight = new JournaledMap('f', changes);
  const credits = new Credits(changes);
  const maps = { p: pending, f: inflight, c: credits };
  const journalFile = stateFile ? `${stateFile}.journal` : null;
  let generation = 0;
  let snapshotBytes = 0;
  let journalBytes = 0;
  let journalFd = null;
  /** Set when a write failed: the next `persist` writes the whole state. */
  let mustCompact = false;

  if (stateFile && existsSync(stateFile)) {
    const saved = JSON.parse(readFileSync(stateFile, 'utf8'));
    if (saved.genesisHash === genesisHash && saved.serviceId === serviceId) {
      generation = saved.generation ?? 0;
      for (const [id, v] of Object.entries(saved.vouchers ?? {})) pending.replay(id, v);
      for (const [id, list] of Object.entries(saved.credits ?? {})) {
        // (version 3 kept a count and the highest voucher: that voucher, retried once)
        for (const v of Array.isArray(list) ? list : [list]) credits.replay(`${id}:${BigInt(v.units)}`, v.signature);
      }
      // (version 2 kept one unanswered voucher per channel)
      for (const [id, v] of Object.entries(saved.unanswered ?? {})) credits.replay(`${id}:${BigInt(v.units)}`, v.signature);
      // Requests in flight when the snapshot was written (versions 4 and up: an array).
      for (const [key, v] of Array.isArray(saved.inflight) ? saved.inflight.map((v, i) => [`loaded:${i}`, v]) : Object.entries(saved.inflight ?? {})) {
        inflight.replay(key, v);
      }
      if (journalFile && existsSync(journalFile)) replayJournal();
    } else {
      log(`${stateFile} belongs to another chain or service: starting afresh`);
    }
  }

  function replayJournal () {
    const lines = readFileSync(journalFile, 'utf8').split('\n');
    let header;
    try { header = JSON.parse(lines[0]); } catch { return; }
    // An older journal (the snapshot holds it), or another chain's or service's: not ours.
    if (header?.generation !== generation || header.genesisHash !== genesisHash || header.serviceId !== serviceId) return;
    for (const line of lines.slice(1)) {
      if (!line) continue;
      let batch;
      try { batch = JSON.parse(line); } catch { break; } // cut short by a crash: never reported persisted
      for (const [name, key, value] of batch) maps[name]?.replay(key, value);
    }
  }

  /** Writes the whole state as a new snapshot and starts its journal. */
  const compact = () => {
    const next = generation + 1;
    const vouchers = {};
    for (const [id, v] of pending) vouchers[id] = plain(v);
    const credit = {};
    for (const id of credits.channels()) credit[id] = credits.unitsOf(id).map((units) => ({ units, signature: credits.get(id, units) }));
    const flying = {};
    for (const [key, v] of inflight) flying[key] = { id: v.id, ...plain(v) };
    const text = JSON.stringify({ version: 5, generation: next, genesisHash, serviceId, vouchers, credits: credit, inflight: flying });
    writeFileSync(`${stateFile}.tmp`, text);
    renameSync(`${stateFile}.tmp`, stateFile);
    generation = next;
    snapshotBytes = text.length;
    if (journalFd !== null) closeSync(journalFd);
    journalFd = null;
    const header = `${JSON.stringify({ generation, genesisHash, serviceId })}\n`;
    writeFileSync(`${journalFile}.tmp`, header);
    renameSync(`${journalFile}.tmp`, journalFile);
    journalFd = openSync(journalFile, 'a');
    journalBytes = header.length;
    changes.length = 0;
    mustCompact = false;
  };

  /**
   * Puts every change since the last call on disk: true once it is there, false (logged) when
   * the write failed (the changes stay in memory; the next call writes the whole state).
   */
  const persist = () => {
    if (!stateFile) { changes.length = 0; return true; }
    try {
      if (mustCompact || journalFd === null || journalBytes > Math.max(COMPACT_MIN_BYTES, 2 * snapshotBytes)) {
        compact();
        return true;
      }
      if (!changes.length) return true;
      const line = Buffer.from(`${JSON.stringify(changes)}\n`);
      // A write cut short (a full disk) is a failure: the next call writes the whole state.
      const written = writeSync(journalFd, line);
      journalBytes += written;
      if (written !== line.length) throw new Error(`wrote ${written} of ${line.length} bytes`);
      changes.length = 0;
      return true;
    } catch (e) {
      mustCompact = true;
      log(`cannot write ${stateFile}: ${e.message}`);
      return false;
    }
  };

  /** Closes the journal (the state stays on disk). */
  const close = () => {
    if (journalFd !== null) closeSync(journalFd);
    journalFd = null;
  };

  return { pending, inflight, credits, persist, close, stateBytes: () => ({ snapshotBytes, journalBytes }) };
}

/**
 * What a gateway's state file and journal hold now, in plain JSON form (units as strings):
 * `{ vouchers: {id: {units, signature}}, credits: {id: [{units, signature}]}, inflight: [...] }`,
 * or null when there is no state file. Reads only.
 * @param {string} stateFile
 */
export function readVoucherState (stateFile) {
  if (!existsSync(stateFile)) return null;
  const { genesisHash, serviceId } = JSON.parse(readFileSync(stateFile, 'utf8'));
  const store = openVoucherStore({ stateFile, genesisHash, serviceId, log: () => {} });
  const vouchers = {};
  for (const [id, v] of store.pending) vouchers[id] = plain(v);
  const credits = {};
  for (const id of store.credits.channels()) credits[id] = store.credits.unitsOf(id).map((units) => ({ units, signature: store.credits.get(id, units) }));
  const inflight = [...store.inflight.values()].map((v) => ({ id: v.id, ...plain(v) }));
  store.close();
  return { vouchers, credits, inflight };
}
