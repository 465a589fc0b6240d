// The provider side of the metered HTTP gateway: a reverse proxy that serves a request only
// when it carries a valid, strictly increasing voucher covered by the channel's deposit, and
// settles the latest voucher per channel on chain (on a timer, past a threshold, on shutdown),
// and keeps the service alive with heartbeats.
// The provider is paid for what it served, and the consumer pays only for that: a voucher is
// accepted (persisted as in flight) before its request is proxied and becomes claimable once the
// upstream's answer (below 500) was relayed, or the consumer hung up after sending its request.
// A request never answered (the gateway crashed, the upstream failed or answered 5xx, whose body
// is not passed on) leaves the channel a credit: the consumer's next request may carry an already accepted
// voucher (its retry) and is served without a new unit. Vouchers and credits are persisted to a
// file, so a crash loses neither.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { claimBatch, channelFromCodec, checkVoucher } from '../payments.js';
import { heartbeat } from '../registry.js';
import { voucherMultiSignature } from '../vouchers.js';
import { VOUCHER_HEADER } from './consumer.js';

const HEADER_RE = /^(\d{1,20}):(\d{1,20}):(0x[0-9a-fA-F]{128,132})$/;
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer', VOUCHER_HEADER]);

/** JSON-safe channel state for 402 bodies. */
function channelState (ch, accepted) {
  if (!ch) return null;
  const remainingUnits = ch.pricePerUnit > 0n ? ch.deposit / ch.pricePerUnit - (accepted - ch.claimedUnits) : null;
  return {
    channelId: ch.id.toString(),
    serviceId: ch.serviceId,
    consumer: ch.consumer,
    pricePerUnit: ch.pricePerUnit.toString(),
    deposit: ch.deposit.toString(),
    claimedUnits: ch.claimedUnits.toString(),
    acceptedUnits: accepted.toString(),
    remainingUnits: remainingUnits === null ? null : (remainingUnits < 0n ? 0n : remainingUnits).toString(),
    closing: ch.settleUntil !== null
  };
}

const MESSAGES = {
  MalformedVoucher: `missing or malformed ${VOUCHER_HEADER} header: expected <channelId>:<cumulativeUnits>:<signature hex>`,
  UnknownChannel: 'no open channel has this id',
  WrongService: 'the channel pays another service',
  UnitsNotIncreasing: 'the voucher does not add units beyond those already accepted (replayed or old voucher)',
  BadSignature: "the signature is not the channel consumer's over this chain's voucher bytes",
  InsufficientDeposit: "the channel's remaining deposit does not cover these units: top up or open a new channel",
  ChannelClosing: 'the channel is closing'
};

/**
 * Starts a gateway. Resolves once it listens.
 * @param {object} o
 * @param {import('@polkadot/api').ApiPromise} o.api
 * @param {any} o.signer the pair that submits claims (the provider)
 * @param {number} o.serviceId
 * @param {string} o.upstream e.g. `http://127.0.0.1:8080`
 * @param {string} [o.host] default 127.0.0.1
 * @param {number} [o.port] default 0 (any free port)
 * @param {string} [o.stateFile] where unclaimed vouchers are kept
 * @param {number} [o.claimIntervalMs] default 60 s; 0 disables the timer
 * @param {bigint} [o.claimThresholdUnits] claim once this many units are unclaimed (default 10,000)
 * @param {bigint} [o.unitsPerRequest] default 1
 * @param {boolean} [o.heartbeats] send the service's heartbeats (default true)
 * @param {(msg: string) => void} [o.log]
 */
export async function startGateway ({
  api, signer, serviceId, upstream, host = '127.0.0.1', port = 0, stateFile,
  claimIntervalMs = 60_000, claimThresholdUnits = 10_000n, unitsPerRequest = 1n, heartbeats = true, log = () => {}
}) {
  const genesisHash = api.genesisHash.toHex();
  const upstreamUrl = new URL(upstream);
  /** channel id (string) -> channel (plain) or null */
  const channels = new Map();
  const unsubs = new Map();
  /** channel id (string) -> { units: bigint, signature: object } served, not yet claimed */
  const pending = new Map();
  /** `${id}:${units}` -> voucher accepted, its request being served */
  const inflight = new Map();
  /** channel id (string) -> { count, units, signature }: requests accepted but never answered
   * (each may be retried once without a new unit) and the highest voucher among them */
  const credits = new Map();
  const addCredit = (id, voucher) => {
    const c = credits.get(id);
    credits.set(id, {
      count: (c?.count ?? 0) + 1,
      ...(c && c.units >= voucher.units ? { units: c.units, signature: c.signature } : voucher)
    });
  };
  /** channel id (string) -> highest units accepted (served, in flight, credited or claimed) */
  const accepted = new Map();
  const stats = { accepted: 0, retried: 0, rejected: 0, proxied: 0, claims: 0, heartbeats: 0 };

  if (stateFile && existsSync(stateFile)) {
    const saved = JSON.parse(readFileSync(stateFile, 'utf8'));
    if (saved.genesisHash === genesisHash && saved.serviceId === serviceId) {
      for (const [id, v] of Object.entries(saved.vouchers ?? {})) {
        pending.set(id, { units: BigInt(v.units), signature: v.signature });
        accepted.set(id, BigInt(v.units));
      }
      // Credits, and requests in flight when the gateway stopped (never answered).
      for (const [id, v] of Object.entries(saved.credits ?? {})) {
        credits.set(id, { count: Number(v.count), units: BigInt(v.units), signature: v.signature });
      }
      // (version 2 kept one unanswered voucher per channel)
      for (const [id, v] of Object.entries(saved.unanswered ?? {})) addCredit(id, { units: BigInt(v.units), signature: v.signature });
      for (const v of saved.inflight ?? []) addCredit(v.id, { units: BigInt(v.units), signature: v.signature });
      for (const [id, c] of credits) if (c.units > (accepted.get(id) ?? 0n)) accepted.set(id, c.units);
      log(`loaded ${pending.size} unclaimed voucher(s) and ${credits.size} channel(s) with credit from ${stateFile}`);
    }
  }

  /** Writes the state file; false (logged) when that failed. */
  const persist = () => {
    if (!stateFile) return true;
    const plain = (v) => ({ units: v.units.toString(), signature: v.signature });
    const vouchers = {};
    for (const [id, v] of pending) vouchers[id] = plain(v);
    const credit = {};
    for (const [id, c] of credits) credit[id] = { count: c.count, ...plain(c) };
    const flying = [...inflight.values()].map((v) => ({ id: v.id, ...plain(v) }));
    try {
      const tmp = `${stateFile}.tmp`;
      writeFileSync(tmp, JSON.stringify({ version: 3, genesisHash, serviceId, vouchers, credits: credit, inflight: flying }, null, 1));
      renameSync(tmp, stateFile);
      return true;
    } catch (e) {
      log(`cannot write ${stateFile}: ${e.message}`);
      return false;
    }
  };

  /** The channel's state, kept in sync by a storage subscription from first use. */
  const channelOf = async (id) => {
    if (unsubs.has(id)) return channels.get(id);
    let first;
    const ready = new Promise((resolve) => { first = resolve; });
    const unsub = await api.query.meteredPayments.channels(id, (c) => {
      channels.set(id, c.isSome ? channelFromCodec(BigInt(id), c.unwrap()) : null);
      first();
    });
    unsubs.set(id, unsub);
    await ready;
    const ch = channels.get(id);
    // Unknown ids are not followed: anyone can make them up.
    if (!ch && !pending.has(id) && !credits.has(id)) {
      unsub();
      unsubs.delete(id);
      channels.delete(id);
    }
    return ch;
  };

  // Every transaction of the gateway (claims, heartbeats) goes through one queue: one nonce
  // sequence, no races.
  let queue = Promise.resolve();
  const enqueue = (fn) => {
    const run = queue.then(fn);
    queue = run.catch((e) => { log(`transaction failed: ${e.message}`); });
    return run;
  };

  /** Claims every pending voucher above what the chain has; resolves with the batches sent. */
  const claimNow = () => enqueue(async () => {
    const due = [];
    for (const [id, v] of pending) {
      const ch = await channelOf(id);
      if (!ch || v.units <= ch.claimedUnits) { pending.delete(id); continue; }
      due.push({ channelId: BigInt(id), cumulativeUnits: v.units, signature: v.signature });
    }
    // A closed channel's credits go with it.
    for (const id of credits.keys()) if (!(await channelOf(id))) credits.delete(id);
    if (!due.length) { persist(); return []; }
    const max = (await api.call.meteredPaymentsApi.parameters()).maxClaimsPerBatch.toNumber();
    const results = [];
    for (let i = 0; i < due.length; i += max) {
      const batch = due.slice(i, i + max);
      const result = await claimBatch(api, signer, batch);
      stats.claims += 1;
      for (const c of batch) {
        const id = c.channelId.toString();
        if (pending.get(id)?.units === c.cumulativeUnits) pending.delete(id);
      }
      results.push(result);
      log(`claimed ${result.claimed.length} channel(s), ${result.failed.length} failed, in ${result.blockHash}`);
    }
    persist();
    return results;
  });

  // Keep the service listed: a (free) heartbeat whenever the interval has passed.
  const subscriptions = [];
  if (heartbeats) {
    const interval = (await api.call.serviceRegistryApi.parameters()).heartbeatInterval.toNumber();
    let last = null;
    let beating = false;
    subscriptions.push(await api.query.serviceRegistry.services(serviceId, (s) => {
      last = s.isSome ? s.unwrap().lastHeartbeat.toNumber() : null;
    }));
    subscriptions.push(await api.rpc.chain.subscribeNewHeads((header) => {
      if (last === null || beating || header.number.toNumber() + 1 < last + interval) return;
      beating = true;
      enqueue(() => heartbeat(api, signer, serviceId)).then(() => { stats.heartbeats += 1; }, () => {}).finally(() => { beating = false; });
    }));
  }

  const unclaimedUnits = () => {
    let n = 0n;
    for (const [id, v] of pending) n += v.units - (channels.get(id)?.claimedUnits ?? 0n);
    return n;
  };

  const reject = (res, status, reason, ch, acc) => {
    stats.rejected += 1;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: reason, message: MESSAGES[reason], channel: channelState(ch, acc ?? 0n) }));
  };

  /**
   * Proxies the request; calls `done(answered)` once: answered when the upstream's response
   * (below 500) was completely relayed, or when the consumer hung up after sending its whole
   * request (its choice: the upstream may be working on it, and is cancelled); not answered
   * when the upstream failed or answered 5xx (a bare 502 is sent: a failure's body is not a
   * free answer), or the consumer left before its request was complete. A gateway that dies
   * before `done` leaves the request in flight in the state file: a credit after the restart.
   */
  const proxy = (req, res, done) => {
    let settled = false;
    const settle = (answered) => {
      if (!settled) { settled = true; done(answered); }
    };
    const headers = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k)) headers[k] = v;
    headers.host = upstreamUrl.host;
    const up = http.request({
      protocol: upstreamUrl.protocol,
      hostname: upstreamUrl.hostname,
      port: upstreamUrl.port,
      method: req.method,
      path: upstreamUrl.pathname.replace(/\/$/, '') + req.url,
      headers
    }, (upRes) => {
      stats.proxied += 1;
      const status = upRes.statusCode ?? 502;
      if (status >= 500) {
        upRes.resume();
        settle(false);
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'UpstreamFailed', message: `the upstream answered ${status}; retry with the same voucher` }));
        return;
      }
      res.on('finish', () => settle(true));
      res.writeHead(status, upRes.headers);
      upRes.pipe(res);
    });
    up.on('error', (e) => {
      settle(false);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'UpstreamUnavailable', message: e.message }));
    });
    res.on('close', () => {
      if (settled) return;
      settle(req.complete);
      up.destroy();
    });
    req.pipe(up);
  };

  const handle = async (req, res) => {
    const m = HEADER_RE.exec(String(req.headers[VOUCHER_HEADER] ?? '').trim());
    if (!m) return reject(res, 400, 'MalformedVoucher', null);
    const [, id, unitsText, signatureHex] = m;
    const units = BigInt(unitsText);
    const ch = await channelOf(id);
    const acc = accepted.get(id) ?? 0n;
    if (!ch) return reject(res, 402, 'UnknownChannel', null);
    if (ch.serviceId !== serviceId) return reject(res, 402, 'WrongService', ch, acc);
    const credit = credits.get(id);
    if (credit && units <= acc) {
      // The consumer retries a request that was accepted but never answered, with a voucher
      // already accepted: it must still be the consumer's; served without a new unit.
      let signature = null;
      try { signature = voucherMultiSignature(ch.consumer, genesisHash, ch.id, units, signatureHex); } catch { signature = null; }
      if (signature && ch.settleUntil === null) {
        if (credit.count > 1) credits.set(id, { ...credit, count: credit.count - 1 });
        else credits.delete(id);
        stats.retried += 1;
        return serve(req, res, id, { units, signature });
      }
    }
    const floor = acc > ch.claimedUnits ? acc : ch.claimedUnits;
    if (units < floor + unitsPerRequest) return reject(res, 402, 'UnitsNotIncreasing', ch, floor);
    const check = checkVoucher(ch, genesisHash, units, signatureHex, floor);
    if (!check.ok) return reject(res, 402, check.reason, ch, floor);
    accepted.set(id, units);
    stats.accepted += 1;
    serve(req, res, id, { units, signature: check.signature });
  };

  /** Serves an accepted voucher's request; the voucher becomes claimable once it was answered. */
  let nextRequest = 0;
  const serve = (req, res, id, voucher) => {
    const key = `${id}:${voucher.units}:${nextRequest++}`;
    inflight.set(key, { id, ...voucher });
    if (!persist()) {
      // Without a record there is no guarantee: leave the unit as a credit, serve nothing.
      inflight.delete(key);
      addCredit(id, voucher);
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'GatewayError', message: 'the gateway cannot record vouchers; retry with the same voucher' }));
      return;
    }
    proxy(req, res, (answered) => {
      inflight.delete(key);
      if (!answered) addCredit(id, voucher);
      else if ((pending.get(id)?.units ?? -1n) < voucher.units) pending.set(id, voucher);
      persist();
      if (answered && unclaimedUnits() >= claimThresholdUnits) claimNow();
    });
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'GatewayError', message: e.message }));
    });
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  const timer = claimIntervalMs > 0 ? setInterval(() => { claimNow(); }, claimIntervalMs) : null;
  log(`gateway for service ${serviceId} on http://${address.address}:${address.port} -> ${upstream}`);

  let stopped = null;
  /** Stops accepting requests, claims every pending voucher, unsubscribes. */
  const stop = () => {
    stopped ??= (async () => {
      if (timer) clearInterval(timer);
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeIdleConnections();
      await closed;
      const results = await claimNow();
      for (const unsub of [...unsubs.values(), ...subscriptions]) unsub();
      return results;
    })();
    return stopped;
  };

  return { url: `http://${address.address}:${address.port}`, port: address.port, stats, pending, claimNow, stop };
}
