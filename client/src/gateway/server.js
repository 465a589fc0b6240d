// The provider side of the metered HTTP gateway: a reverse proxy that serves a request only
// when it carries a valid, strictly increasing voucher covered by the channel's deposit, and
// settles the latest voucher per channel on chain (on a timer, past a threshold, on shutdown),
// and keeps the service alive with heartbeats.
// The provider is paid for what it served, and the consumer pays only for that: a voucher is
// accepted (persisted as in flight) before its request is proxied and becomes claimable once the
// upstream's answer (below 500) was relayed, or the consumer hung up after sending its request.
// Requests arriving together share one write of that record; a consumer that hangs up before
// the write is done is not charged (nothing was proxied: its voucher is a credit).
// A request never answered (the gateway crashed, the upstream failed or answered 5xx, whose body
// is not passed on) leaves the channel a credit for that very voucher: one retry carrying it is
// served without a new unit, and the voucher becomes claimable once that retry was answered.
// Vouchers and credits are persisted to a file, so a crash loses neither.
// Two ways to pay: the `X-ServiceChain-Voucher` header (fetchWithPayment), and x402 (docs/x402.md):
// unpaid requests get a 402 with a v2 `PAYMENT-REQUIRED` header (and the JSON body above); a
// `PAYMENT-SIGNATURE` (v2) or `X-PAYMENT` (v1) commitment is checked by the binding's rules
// (src/x402.js: exact cumulative count, deposit, the per-payer risk cap) and answered with a
// `PAYMENT-RESPONSE` (`X-PAYMENT-RESPONSE`) naming the commitment.
// The gateway's files: this one (the HTTP handler: vouchers, x402, proxying, operator endpoints),
// store.js (voucher state and its persistence), settlement.js (channel states, the claim queue),
// service.js (the service's terms and heartbeats); consumer.js is the paying side.
import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { checkVoucher, claimableAmount, owedFor, remainingUnits, unitsFloor, voucherMultiSignature } from '../vouchers.js';
import {
  HEADERS, REASONS, correctiveState, decodeHeader, encodeHeader, paymentRequired, paymentRequirements, readPayment,
  requirementsV1, settleResponse, verifyPayment
} from '../x402.js';
import { OPERATOR_PATH, VOUCHER_HEADER } from './consumer.js';
import { createChannelCache, createClaimQueue } from './settlement.js';
import { followService } from './service.js';
import { openVoucherStore } from './store.js';

const HEADER_RE = /^(\d{1,20}):(\d{1,20}):(0x[0-9a-fA-F]{128,132})$/;
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer',
  VOUCHER_HEADER, HEADERS.signature, HEADERS.signatureV1]);

/** JSON-safe channel state for 402 bodies. */
function channelState (ch, accepted) {
  if (!ch) return null;
  const left = remainingUnits(ch, accepted);
  return {
    channelId: ch.id.toString(),
    serviceId: ch.serviceId,
    consumer: ch.consumer,
    pricePerUnit: ch.pricePerUnit.toString(),
    deposit: ch.deposit.toString(),
    claimedUnits: ch.claimedUnits.toString(),
    acceptedUnits: accepted.toString(),
    remainingUnits: left === null ? null : left.toString(),
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
  ChannelClosing: 'the channel is closing',
  PaymentRequired: `pay with x402 (${HEADERS.signature}) or a ${VOUCHER_HEADER} header: see the accepts list`
};

// x402 reasons as the JSON body's (older) names, for clients of either.
const BODY_ERROR = {
  [REASONS.unknownChannel]: 'UnknownChannel',
  [REASONS.wrongService]: 'WrongService',
  [REASONS.mismatch]: 'UnitsNotIncreasing',
  [REASONS.signature]: 'BadSignature',
  [REASONS.deposit]: 'InsufficientDeposit',
  [REASONS.closing]: 'ChannelClosing'
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
 * @param {bigint|null} [o.riskCap] planck an x402 payer may owe unclaimed over its channels
 *   (default: twice the claim threshold's worth); a request beyond it is refused and a claim
 *   started
 * @param {number} [o.maxTimeoutSeconds] the x402 `maxTimeoutSeconds` announced (default 60)
 * @param {string|null} [o.cors] an origin (or `*`) browsers may call the gateway from: CORS
 *   headers on every answer, payment headers exposed, preflights answered (never proxied)
 * @param {string|null} [o.operatorToken] (at least 32 characters) enables the operator's endpoints under
 *   `OPERATOR_PATH` for requests with `Authorization: Bearer <token>`: `status` (each channel's
 *   accepted, claimed and claimable units) and `claim` (claim now). Without a token they
 *   answer 404.
 * @param {(msg: string) => void} [o.log]
 */
export async function startGateway ({
  api, signer, serviceId, upstream, host = '127.0.0.1', port = 0, stateFile,
  claimIntervalMs = 60_000, claimThresholdUnits = 10_000n, unitsPerRequest = 1n, heartbeats = true, log = () => {},
  riskCap = null, maxTimeoutSeconds = 60, cors = null, operatorToken = null
}) {
  if (operatorToken !== null && operatorToken.length < 32) {
    throw new Error('the operator token must be at least 32 characters (e.g. `openssl rand -hex 32`)');
  }
  const genesisHash = api.genesisHash.toHex();
  const upstreamUrl = new URL(upstream);
  // Vouchers served and unclaimed, in flight and credited, kept in the state file and its
  // journal (./store.js).
  const { pending, inflight, credits, persist, close: closeStore } = openVoucherStore({ stateFile, genesisHash, serviceId, log });
  const addCredit = (id, voucher) => credits.add(id, voucher.units, voucher.signature);
  /** Takes the credit of exactly this voucher, if there is one. */
  const takeCredit = (id, units) => {
    const signature = credits.take(id, units);
    return signature === undefined ? null : { units, signature };
  };
  // Requests in flight when the gateway stopped were never answered: credits.
  for (const [key, v] of [...inflight]) {
    inflight.delete(key);
    addCredit(v.id, v);
  }
  /** channel id (string) -> highest units accepted (served, in flight, credited or claimed) */
  const accepted = new Map();
  for (const [id, v] of pending) accepted.set(id, v.units);
  for (const id of credits.channels()) {
    for (const units of credits.unitsOf(id)) if (BigInt(units) > (accepted.get(id) ?? 0n)) accepted.set(id, BigInt(units));
  }
  if (pending.size || credits.size) log(`loaded ${pending.size} unclaimed voucher(s) and ${credits.size} channel(s) with credit from ${stateFile}`);
  persist();
  /** payer -> ids of its channels with accepted units (for the x402 risk cap) */
  const channelsOfPayer = new Map();
  const stats = { accepted: 0, retried: 0, rejected: 0, proxied: 0, claims: 0, heartbeats: 0, x402: 0 };

  /**
   * `persist` for the request path, shared: every change made in the same turn of the event
   * loop goes into one write, after which each caller's change is on disk (true) or the write
   * failed (false). A request is proxied only once its in-flight record is written, as before;
   * under concurrency many requests share a write instead of each rewriting the whole file.
   */
  let sharedWrite = null;
  const persistShared = () => {
    sharedWrite ??= new Promise((resolve) => setImmediate(() => {
      sharedWrite = null; // changes from here on go into the next write
      try {
        resolve(persist());
      } catch (e) {
        log(`cannot write the state: ${e.message}`);
        resolve(false);
      }
    }));
    return sharedWrite;
  };

  // Channels followed while the gateway holds something of theirs.
  const { channels, channelOf, forget, close: closeChannels } = createChannelCache(api, (id) => pending.has(id) || credits.hasChannel(id) || accepted.has(id));
  const { enqueue, claimNow: claimQueued } = createClaimQueue({
    api,
    signer,
    pending,
    channelOf,
    persist,
    // A closed channel's credits go with it.
    prune: async () => {
      for (const id of [...credits.channels(), ...accepted.keys()]) {
        if (!(await channelOf(id))) { credits.deleteChannel(id); accepted.delete(id); forget(id); }
      }
    },
    stats,
    log
  });

  // The service's terms (x402 requirements) and last heartbeat, kept current; its heartbeats.
  const followed = await followService({ api, signer, serviceId, heartbeats, enqueue, stats });
  const minDeposit = (await api.call.meteredPaymentsApi.parameters()).minDeposit.toBigInt();

  /**
   * Units served and not yet claimed, kept as a running total (O(1) per request, whatever the
   * number of channels): counted whole once (after a start and after each claim), then each
   * answered voucher adds what it raised its channel's pending units by.
   */
  let unclaimed = null;
  const unclaimedUnits = () => {
    if (unclaimed === null) {
      unclaimed = 0n;
      for (const [id, v] of pending) {
        const claimed = channels.get(id)?.claimedUnits ?? 0n;
        if (v.units > claimed) unclaimed += v.units - claimed;
      }
    }
    return unclaimed;
  };
  /** Claims every pending voucher (./settlement.js); the running total is recounted after. */
  const claimNow = () => {
    const claimed = claimQueued();
    claimed.then(() => { unclaimed = null; }, () => { unclaimed = null; });
    return claimed;
  };

  const reject = (res, status, reason, ch, acc, voucher = null) => {
    stats.rejected += 1;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({
      error: reason,
      message: MESSAGES[reason],
      channel: channelState(ch, acc ?? 0n),
      // The consumer's own voucher for the units accepted, so that it can check the count before
      // it carries on from there (a count without it is not to be believed).
      ...(voucher ? { voucher: { cumulativeUnits: voucher.units.toString(), signature: voucher.signature } } : {})
    }));
  };

  /** The voucher the gateway holds for exactly `units` on channel `id` (served or credited), or null. */
  const heldVoucher = (id, units) => {
    const served = pending.get(id);
    if (served && served.units === units) return served;
    const credited = credits.get(id, units);
    return credited ? { units, signature: credited } : null;
  };

  /**
   * Proxies the request; calls `done(answered)` once: answered when the upstream's response
   * (below 500) was completely relayed, or when the consumer hung up after sending its whole
   * request (its choice: the upstream may be working on it, and is cancelled); not answered
   * when the upstream failed or answered 5xx (a bare 502 is sent: a failure's body is not a
   * free answer), or the consumer left before its request was complete. A gateway that dies
   * before `done` leaves the request in flight in the state file: a credit after the restart.
   */
  const proxy = (req, res, done, extraHeaders = {}) => {
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
      res.writeHead(status, { ...upRes.headers, ...extraHeaders });
      upRes.pipe(res);
    });
    up.on('error', (e) => {
      settle(false);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'UpstreamUnavailable', message: e.message }));
    });
    res.on('close', () => {
      if (settled) return;
      // The consumer hung up: answered if it had sent its whole request, or if the upstream's
      // answer had begun to reach it (a consumer cannot take part of an answer for free).
      settle(req.complete || res.headersSent);
      up.destroy();
    });
    req.pipe(up);
  };

  const handle = async (req, res) => {
    if (req.headers[HEADERS.signature] !== undefined || req.headers[HEADERS.signatureV1] !== undefined) {
      return handleX402(req, res);
    }
    if (req.headers[VOUCHER_HEADER] === undefined) return refuseX402(req, res, 2, REASONS.paymentRequired, null);
    const m = HEADER_RE.exec(String(req.headers[VOUCHER_HEADER] ?? '').trim());
    if (!m) return reject(res, 400, 'MalformedVoucher', null);
    const [, idText, unitsText, signatureHex] = m;
    // One spelling per channel: `7`, `07` and `007` are the same channel.
    const id = BigInt(idText).toString();
    const units = BigInt(unitsText);
    if (BigInt(idText) >= 2n ** 64n || units >= 2n ** 64n) return reject(res, 400, 'MalformedVoucher', null);
    const ch = await channelOf(id);
    const acc = accepted.get(id) ?? 0n;
    if (!ch) return reject(res, 402, 'UnknownChannel', null);
    if (ch.serviceId !== serviceId) { forget(id); return reject(res, 402, 'WrongService', ch, acc); }
    if (units <= acc && credits.has(id, units)) {
      // The consumer retries a request that was accepted but never answered, with its voucher:
      // it must still be the consumer's; served once without a new unit.
      let signature = null;
      try { signature = voucherMultiSignature(ch.consumer, genesisHash, ch.id, units, signatureHex); } catch { signature = null; }
      if (signature && ch.settleUntil === null) {
        stats.retried += 1;
        return serve(req, res, id, takeCredit(id, units));
      }
    }
    const floor = unitsFloor(ch, acc);
    if (units < floor + unitsPerRequest) {
      // The latest voucher goes only to its consumer: the refused voucher must be signed by it.
      let fromConsumer = false;
      try { fromConsumer = !!voucherMultiSignature(ch.consumer, genesisHash, ch.id, units, signatureHex); } catch { fromConsumer = false; }
      return reject(res, 402, 'UnitsNotIncreasing', ch, floor, fromConsumer ? heldVoucher(id, floor) : null);
    }
    const check = checkVoucher(ch, genesisHash, units, signatureHex, floor);
    if (!check.ok) return reject(res, 402, check.reason, ch, floor);
    accepted.set(id, units);
    stats.accepted += 1;
    return serve(req, res, id, { units, signature: check.signature });
  };

  /** Serves an accepted voucher's request; the voucher becomes claimable once it was answered. */
  let nextRequest = 0;
  const serve = async (req, res, id, voucher, headers = {}) => {
    const key = `${id}:${voucher.units}:${nextRequest++}`;
    inflight.set(key, { id, ...voucher });
    if (!(await persistShared())) {
      // Without a record there is no guarantee: leave the unit as a credit, serve nothing.
      inflight.delete(key);
      addCredit(id, voucher);
      persistShared();
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'GatewayError', message: 'the gateway cannot record vouchers; retry with the same voucher' }));
      return;
    }
    if (req.socket?.destroyed || res.destroyed || res.writableEnded) {
      // The consumer left while the record was being written: nothing was proxied, so the
      // voucher stays a credit (its retry is served without a new unit).
      inflight.delete(key);
      addCredit(id, voucher);
      persistShared();
      return;
    }
    proxy(req, res, (answered) => {
      inflight.delete(key);
      if (answered) notePayer(id);
      if (!answered) addCredit(id, voucher);
      else {
        const before = pending.get(id)?.units ?? channels.get(id)?.claimedUnits ?? 0n;
        if (before < voucher.units) {
          if (unclaimed !== null) unclaimed += voucher.units - before;
          pending.set(id, voucher);
        }
      }
      persistShared();
      if (answered && unclaimedUnits() >= claimThresholdUnits) claimNow();
    }, headers);
  };

  // ---- x402 (docs/x402.md) ----

  /** The x402 requirements of one request now (the service's current price and payee). */
  const requirementsNow = () => paymentRequirements({
    genesisHash, serviceId, payTo: followed.terms()?.payee ?? '', pricePerUnit: followed.terms()?.pricePerUnit ?? 0n, unitsPerRequest, maxTimeoutSeconds, minDeposit
  });
  const resourceOf = (req) => ({ url: `http://${req.headers.host ?? 'localhost'}${req.url}`, description: `ServiceChain service ${serviceId}`, mimeType: '' });

  const notePayer = (id) => {
    const ch = channels.get(id);
    if (!ch) return;
    if (!channelsOfPayer.has(ch.consumer)) channelsOfPayer.set(ch.consumer, new Set());
    channelsOfPayer.get(ch.consumer).add(id);
  };
  /** Planck `payer` owes unclaimed over its channels: accepted (served or in flight) minus claimed. */
  const outstandingOf = (payer) => {
    let owed = 0n;
    for (const id of channelsOfPayer.get(payer) ?? []) {
      const ch = channels.get(id);
      const acc = accepted.get(id) ?? 0n;
      if (ch) owed += owedFor(ch, acc);
    }
    return owed;
  };
  const capNow = () => riskCap ?? 2n * claimThresholdUnits * unitsPerRequest * (followed.terms()?.pricePerUnit ?? 0n);

  /**
   * Refuses an x402 payment: 402 with the requirements (v2: the `PAYMENT-REQUIRED` header; v1:
   * in the body) and the JSON body of the voucher header, plus, when the count was off, the
   * channel's state and the consumer's own latest voucher (a corrective 402).
   */
  const refuseX402 = (req, res, version, reason, ch, acc = 0n, payment = null) => {
    stats.rejected += 1;
    const requirements = requirementsNow();
    if (ch && reason === REASONS.mismatch) {
      // The consumer's own latest voucher goes only to the consumer: the refused payment must
      // carry its signature.
      let fromConsumer = false;
      try { fromConsumer = !!payment && !!voucherMultiSignature(ch.consumer, genesisHash, ch.id, payment.cumulativeUnits, payment.signature.raw); } catch { fromConsumer = false; }
      const id = ch.id.toString();
      const latest = pending.get(id);
      Object.assign(requirements.extra, correctiveState(ch, acc, fromConsumer && latest && latest.units === acc ? latest : null));
    }
    const resource = resourceOf(req);
    const error = BODY_ERROR[reason] ?? (reason === REASONS.paymentRequired ? 'PaymentRequired' : reason);
    const body = {
      error,
      x402Error: reason,
      message: MESSAGES[error] ?? `x402 payment refused: ${reason}`,
      channel: channelState(ch, acc),
      x402Version: 1,
      accepts: [requirementsV1(requirements, { resource: resource.url, description: resource.description })]
    };
    const headers = { 'content-type': 'application/json', 'cache-control': 'no-store' };
    if (version === 2) headers[HEADERS.required] = encodeHeader(paymentRequired({ error: reason, resource, accepts: [requirements] }));
    res.writeHead(402, headers);
    res.end(JSON.stringify(body));
  };

  const handleX402 = async (req, res) => {
    const version = req.headers[HEADERS.signature] !== undefined ? 2 : 1;
    let decoded;
    try {
      decoded = decodeHeader(req.headers[version === 2 ? HEADERS.signature : HEADERS.signatureV1]);
    } catch {
      return refuseX402(req, res, version, REASONS.malformed, null);
    }
    const payment = readPayment(decoded);
    if (!payment.ok) return refuseX402(req, res, version, payment.reason, null);
    if (payment.version !== version) return refuseX402(req, res, version, REASONS.version, null);
    const id = payment.channelId.toString();
    const requirements = requirementsNow();
    const ch = payment.accepted.network === requirements.network ? await channelOf(id) : null;
    const acc = accepted.get(id) ?? 0n;
    const respond = (units, charged) => ({
      [version === 2 ? HEADERS.response : HEADERS.responseV1]: encodeHeader(settleResponse({
        requirements, channelId: id, cumulativeUnits: units, payer: ch.consumer, chargedUnits: charged
      }))
    });
    // A retry of a request accepted but never answered, with its voucher: served once without a unit.
    if (ch && payment.cumulativeUnits <= acc && ch.settleUntil === null && credits.has(id, payment.cumulativeUnits)) {
      let signature = null;
      try { signature = voucherMultiSignature(ch.consumer, genesisHash, ch.id, payment.cumulativeUnits, payment.signature.raw); } catch { signature = null; }
      if (signature && Object.keys(signature)[0] === payment.signature.variant) {
        stats.retried += 1;
        return serve(req, res, id, takeCredit(id, payment.cumulativeUnits), respond(payment.cumulativeUnits, 0n));
      }
    }
    const verdict = verifyPayment({
      payment, requirements, channel: ch, acceptedUnits: acc, outstanding: ch ? outstandingOf(ch.consumer) : 0n, riskCap: capNow()
    });
    if (!verdict.ok) {
      if (verdict.reason === REASONS.riskCap) claimNow();
      if (ch && ch.serviceId !== serviceId) forget(id);
      return refuseX402(req, res, version, verdict.reason, ch, ch ? unitsFloor(ch, acc) : acc, payment);
    }
    accepted.set(id, verdict.units);
    notePayer(id);
    stats.accepted += 1;
    stats.x402 += 1;
    return serve(req, res, id, { units: verdict.units, signature: verdict.signature }, respond(verdict.units, unitsPerRequest));
  };

  /**
   * The operator's view of what the gateway holds: per channel it accepted vouchers on, the
   * units accepted, claimed on chain and still to claim, and what those are worth (capped by
   * the channel's deposit: the most a claim can take).
   */
  const operatorStatus = async () => {
    const list = [];
    for (const id of new Set([...accepted.keys(), ...pending.keys()])) {
      const ch = await channelOf(id);
      if (!ch) continue;
      const pendingUnits = pending.get(id)?.units ?? 0n;
      const claimableUnits = pendingUnits > ch.claimedUnits ? pendingUnits - ch.claimedUnits : 0n;
      list.push({
        ...channelState(ch, accepted.get(id) ?? 0n),
        paid: ch.paid.toString(),
        claimableUnits: claimableUnits.toString(),
        claimable: claimableAmount(ch, pendingUnits).toString()
      });
    }
    return { serviceId, genesisHash, stats, channels: list };
  };
  const tokenDigest = operatorToken ? createHash('sha256').update(operatorToken).digest() : null;
  /** Answers the operator's endpoints; a wrong or missing token is refused (401). */
  const operator = async (req, res) => {
    const send = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (!tokenDigest) return send(404, { error: 'NotFound', message: 'the gateway runs without an operator token' });
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    // Compared as digests: equal lengths, constant time.
    if (!timingSafeEqual(createHash('sha256').update(given).digest(), tokenDigest)) {
      return send(401, { error: 'Unauthorized', message: 'Authorization: Bearer <operator token> required' });
    }
    const action = req.url.slice(OPERATOR_PATH.length).split('?')[0];
    if (action === 'status' && req.method === 'GET') return send(200, await operatorStatus());
    if (action === 'claim' && req.method === 'POST') {
      const results = await claimNow();
      return send(200, {
        claims: results.map((r) => ({ blockHash: r.blockHash, claimed: r.claimed.length, failed: r.failed.length })),
        status: await operatorStatus()
      });
    }
    return send(404, { error: 'NotFound', message: `${OPERATOR_PATH}status (GET) or ${OPERATOR_PATH}claim (POST)` });
  };

  const server = http.createServer((req, res) => {
    if (cors !== null) {
      res.setHeader('access-control-allow-origin', cors);
      res.setHeader('access-control-expose-headers', 'PAYMENT-REQUIRED, PAYMENT-RESPONSE, X-PAYMENT-RESPONSE');
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
        // A browser's preflight: answered here, free, never proxied.
        res.writeHead(204, {
          'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
          'access-control-allow-headers': req.headers['access-control-request-headers'] ??
            `authorization, content-type, ${HEADERS.signature}, ${HEADERS.signatureV1}, ${VOUCHER_HEADER}`,
          'access-control-max-age': '600'
        });
        res.end();
        return;
      }
    }
    (req.url.startsWith(OPERATOR_PATH) ? operator(req, res) : handle(req, res)).catch((e) => {
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
      closeChannels();
      closeStore();
      followed.close();
      return results;
    })();
    return stopped;
  };

  return { url: `http://${address.address}:${address.port}`, port: address.port, stats, pending, claimNow, stop };
}
