// The facilitator side of ServiceChain's x402 `batch-settlement` binding (docs/x402.md):
// `ServiceChainBatchFacilitator`, an `@x402/core` `SchemeNetworkFacilitator` backed by the chain,
// and `startFacilitator`, the standard HTTP endpoints around the stock `x402Facilitator`:
//   POST /verify               is this commitment valid now (chain state + what was stored)?
//   POST /settle               store it (the count moves on); redeemed later in claim_batch
//   GET  /supported            the scheme and network it serves, and its claim signer
//   GET  /discovery/resources  the services registered on chain, as x402 resources
// "Settling" a batch-settlement commitment stores it; value moves when the facilitator claims
// the latest voucher of every channel (past a threshold, on a timer, on stop), paying the
// transaction fees from its own account.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { x402Facilitator } from '@x402/core/facilitator';
import { findServices, owedFor } from '@servicechain/client';
import { createChannelCache, createClaimQueue } from '@servicechain/client/settlement';
import {
  REASONS, X402_SCHEME, X402_VERSION, correctiveState, paymentRequirements, readPayment,
  settleResponse, verifyPayment, x402Network
} from '@servicechain/client/x402';

export class ServiceChainBatchFacilitator {
  /**
   * @param {object} o
   * @param {import('@polkadot/api').ApiPromise} o.api
   * @param {any} o.signer the account that submits claims (pays their fees)
   * @param {string} [o.stateFile] where stored commitments are kept (survives restarts)
   * @param {bigint|null} [o.riskCap] planck a payer may owe unclaimed over its channels; null: none
   * @param {bigint} [o.claimThresholdUnits] claim once this many units are unclaimed
   * @param {(msg: string) => void} [o.log]
   */
  constructor ({ api, signer, stateFile = null, riskCap = null, claimThresholdUnits = 10_000n, log = () => {} }) {
    /** channel id -> { units, until }: a commitment verified and not yet settled (its request is
     * being served): the same count is not verified twice at once */
    this.reserved = new Map();
    this.scheme = X402_SCHEME;
    this.caipFamily = 'polkadot:*';
    this.api = api;
    this.signer = signer;
    this.stateFile = stateFile;
    this.riskCap = riskCap;
    this.claimThresholdUnits = claimThresholdUnits;
    this.log = log;
    this.genesisHash = api.genesisHash.toHex();
    this.network = x402Network(this.genesisHash);
    /** channel id -> highest units stored */
    this.accepted = new Map();
    /** channel id -> { units, signature } stored, not yet claimed */
    this.pending = new Map();
    /** payer -> channel ids with stored units */
    this.payers = new Map();
    this.stats = { verified: 0, refused: 0, settled: 0, claims: 0 };
    this.lock = Promise.resolve();
    this.load();
    const cache = createChannelCache(api, (id) => this.pending.has(id));
    this.channels = cache.channels;
    this.channelOf = cache.channelOf;
    this.closeChannels = cache.close;
    const queue = createClaimQueue({
      api,
      signer,
      pending: this.pending,
      channelOf: this.channelOf,
      persist: () => this.persist(),
      // A closed channel's counts go with it (nothing more can be committed on it), and it is
      // no longer followed.
      prune: async () => {
        for (const id of [...this.accepted.keys()]) {
          if (this.pending.has(id) || (await this.channelOf(id))) continue;
          this.accepted.delete(id);
          for (const [payer, ids] of this.payers) {
            ids.delete(id);
            if (!ids.size) this.payers.delete(payer);
          }
          cache.forget(id);
        }
      },
      stats: this.stats,
      log
    });
    this.claimNow = queue.claimNow;
  }

  getExtra () {
    return { genesisHash: this.genesisHash };
  }

  getSigners () {
    return [this.signer.address];
  }

  load () {
    if (!this.stateFile || !existsSync(this.stateFile)) return;
    const saved = JSON.parse(readFileSync(this.stateFile, 'utf8'));
    if (saved.genesisHash !== this.genesisHash) return;
    for (const [id, v] of Object.entries(saved.vouchers ?? {})) this.pending.set(id, { units: BigInt(v.units), signature: v.signature });
    for (const [id, units] of Object.entries(saved.accepted ?? {})) this.accepted.set(id, BigInt(units));
    for (const [payer, ids] of Object.entries(saved.payers ?? {})) this.payers.set(payer, new Set(ids));
    this.log(`loaded ${this.pending.size} unclaimed commitment(s) from ${this.stateFile}`);
  }

  /** Writes the state file atomically; false (logged) when that failed. */
  persist () {
    if (!this.stateFile) return true;
    const plain = (m, f) => Object.fromEntries([...m].map(([k, v]) => [k, f(v)]));
    try {
      const tmp = `${this.stateFile}.tmp`;
      writeFileSync(tmp, JSON.stringify({
        version: 1,
        genesisHash: this.genesisHash,
        vouchers: plain(this.pending, (v) => ({ units: v.units.toString(), signature: v.signature })),
        accepted: plain(this.accepted, (u) => u.toString()),
        payers: plain(this.payers, (s) => [...s])
      }));
      renameSync(tmp, this.stateFile);
      return true;
    } catch (e) {
      this.log(`cannot write ${this.stateFile}: ${e.message}`);
      return false;
    }
  }

  /** Planck `payer` owes unclaimed over its channels. */
  outstanding (payer) {
    let owed = 0n;
    for (const id of this.payers.get(payer) ?? []) {
      const ch = this.channels.get(id);
      const acc = this.accepted.get(id) ?? 0n;
      if (ch) owed += owedFor(ch, acc);
    }
    return owed;
  }

  /** Applies the binding's verification rules; `{ ok, … }` as `verifyPayment`, plus `ch`. */
  async check (paymentPayload, requirements) {
    if (requirements?.network !== this.network || requirements.extra?.genesisHash !== this.genesisHash) {
      return { ok: false, reason: REASONS.network };
    }
    if (requirements.scheme !== X402_SCHEME) return { ok: false, reason: REASONS.scheme };
    const payment = readPayment(paymentPayload);
    if (!payment.ok) return payment;
    const id = payment.channelId.toString();
    const ch = await this.channelOf(id);
    const acceptedUnits = this.accepted.get(id) ?? 0n;
    const verdict = verifyPayment({
      payment, requirements, channel: ch, acceptedUnits, outstanding: ch ? this.outstanding(ch.consumer) : 0n, riskCap: this.riskCap
    });
    return { ...verdict, ch, id, payment, acceptedUnits };
  }

  async verify (paymentPayload, requirements) {
    const c = await this.check(paymentPayload, requirements);
    if (c.ok) {
      // One request per count: a second verify of the same commitment while the first one's
      // request is being served is refused (the resource server would run its handler twice
      // for one payment).
      const now = Date.now();
      const r = this.reserved.get(c.id);
      if (r && r.units === c.units && r.until > now) {
        this.stats.refused += 1;
        return { isValid: false, invalidReason: REASONS.busy, payer: c.payer };
      }
      this.reserved.set(c.id, { units: c.units, until: now + 1000 * Number(requirements.maxTimeoutSeconds ?? 60) });
      this.stats.verified += 1;
      return { isValid: true, payer: c.payer };
    }
    this.stats.refused += 1;
    const out = { isValid: false, invalidReason: c.reason, payer: c.ch?.consumer };
    if (c.ch && c.reason === REASONS.mismatch) out.extra = this.corrective(c.ch, c.id);
    return out;
  }

  /** Stores the commitment (one at a time: the count of a channel moves in order). */
  async settle (paymentPayload, requirements) {
    const run = this.lock.then(async () => {
      const c = await this.check(paymentPayload, requirements);
      if (!c.ok) {
        this.stats.refused += 1;
        return { success: false, errorReason: c.reason, transaction: '', network: this.network, payer: c.ch?.consumer };
      }
      this.reserved.delete(c.id);
      const previous = { accepted: this.accepted.get(c.id), pending: this.pending.get(c.id) };
      this.accepted.set(c.id, c.units);
      this.pending.set(c.id, { units: c.units, signature: c.signature });
      if (!this.payers.has(c.payer)) this.payers.set(c.payer, new Set());
      this.payers.get(c.payer).add(c.id);
      if (!this.persist()) {
        // Not stored, not accepted: the resource server must not serve.
        if (previous.accepted === undefined) this.accepted.delete(c.id); else this.accepted.set(c.id, previous.accepted);
        if (previous.pending === undefined) this.pending.delete(c.id); else this.pending.set(c.id, previous.pending);
        return { success: false, errorReason: 'unexpected_settle_error', transaction: '', network: this.network, payer: c.payer };
      }
      this.stats.settled += 1;
      if (this.unclaimedUnits() >= this.claimThresholdUnits) this.claimNow();
      return settleResponse({
        requirements, channelId: c.id, cumulativeUnits: c.units, payer: c.payer, chargedUnits: BigInt(requirements.extra.unitsPerRequest)
      });
    });
    this.lock = run.catch(() => {});
    return run;
  }

  corrective (ch, id) {
    const acc = this.accepted.get(id) ?? 0n;
    const latest = this.pending.get(id);
    return correctiveState(ch, acc > ch.claimedUnits ? acc : ch.claimedUnits, latest && latest.units === acc ? latest : null);
  }

  unclaimedUnits () {
    let n = 0n;
    for (const [id, v] of this.pending) n += v.units - (this.channels.get(id)?.claimedUnits ?? 0n);
    return n;
  }

  /** Claims what is stored and stops following channels. */
  async stop () {
    const results = await this.claimNow();
    this.closeChannels();
    return results;
  }
}

/** The deepest `offset` `/discovery/resources` serves. */
export const MAX_DISCOVERY_OFFSET = 1_000;

/**
 * The services registered on chain as x402 discovery resources (one request of one unit each,
 * at the service's endpoint), `limit` from `offset`.
 */
export async function discoveryResources (api, { limit = 20, offset = 0 } = {}) {
  // Bounded work per request: the first MAX_DISCOVERY_OFFSET + 100 listed services (deeper
  // listings: the registry's runtime API, `findServices` with a cursor).
  offset = Math.min(offset, MAX_DISCOVERY_OFFSET);
  limit = Math.min(limit, 100);
  const genesisHash = api.genesisHash.toHex();
  const minDeposit = (await api.call.meteredPaymentsApi.parameters()).minDeposit.toBigInt();
  const services = await findServices(api, {}, { limit: offset + limit + 1 });
  const page = services.slice(offset, offset + limit);
  const now = Math.floor((await api.query.timestamp.now()).toNumber() / 1000);
  return {
    x402Version: X402_VERSION,
    items: page.map((s) => ({
      resource: s.endpoints[0] ?? '',
      type: 'http',
      x402Version: X402_VERSION,
      accepts: [paymentRequirements({
        genesisHash, serviceId: s.id, payTo: s.beneficiary ?? s.provider, pricePerUnit: s.pricePerUnit, minDeposit
      })],
      lastUpdated: now,
      metadata: {
        serviceId: s.id,
        name: s.name,
        provider: s.provider,
        protocol: s.protocol,
        tags: s.tags,
        unit: s.unit,
        endpoints: s.endpoints,
        averageRatingCenti: s.averageRatingCenti,
        ratingCount: s.ratingCount
      }
    })),
    // Listed services found so far: exact when the last page is reached, else a lower bound.
    pagination: { limit, offset, total: offset + page.length + (services.length > offset + limit ? 1 : 0) }
  };
}

/** JSON with BigInts as strings. */
const json = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
};

/** Reads a JSON request body of at most 64 KiB. */
const readBody = (req) => new Promise((resolve, reject) => {
  let size = 0;
  const chunks = [];
  req.on('data', (c) => {
    size += c.length;
    if (size > 65_536) { reject(new Error('body too large')); req.destroy(); return; }
    chunks.push(c);
  });
  req.on('end', () => {
    try { resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))); } catch { reject(new Error('body is not JSON')); }
  });
  req.on('error', reject);
});

/**
 * Starts a facilitator HTTP server (127.0.0.1 by default). Resolves once it listens. With
 * `authToken`, `/verify` and `/settle` need `Authorization: Bearer <authToken>` (what
 * `HTTPFacilitatorClient`'s `createAuthHeaders` sends): only the resource servers it serves may
 * store commitments whose claims it pays for.
 * @param {ConstructorParameters<typeof ServiceChainBatchFacilitator>[0] & {host?: string, port?: number,
 *   claimIntervalMs?: number, authToken?: string|null}} o
 */
export async function startFacilitator ({ host = '127.0.0.1', port = 0, claimIntervalMs = 60_000, authToken = null, ...o }) {
  const scheme = new ServiceChainBatchFacilitator(o);
  const facilitator = new x402Facilitator().register(scheme.network, scheme);
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://facilitator');
      if (req.method === 'GET' && url.pathname === '/supported') return json(res, 200, facilitator.getSupported());
      if (req.method === 'GET' && url.pathname === '/discovery/resources') {
        const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? 20) || 20, 1), 100);
        const offset = Math.max(Number(url.searchParams.get('offset') ?? 0) || 0, 0);
        const type = url.searchParams.get('type');
        if (type && type !== 'http') return json(res, 200, { x402Version: X402_VERSION, items: [], pagination: { limit, offset, total: 0 } });
        return json(res, 200, await discoveryResources(o.api, { limit, offset }));
      }
      if (req.method === 'POST' && (url.pathname === '/verify' || url.pathname === '/settle')) {
        if (authToken !== null && req.headers.authorization !== `Bearer ${authToken}`) {
          return json(res, 401, { error: 'missing or wrong bearer token' });
        }
        const body = await readBody(req).catch((e) => ({ error: e.message }));
        const { paymentPayload, paymentRequirements: requirements } = body ?? {};
        if (!paymentPayload || !requirements) return json(res, 400, { error: body?.error ?? 'paymentPayload and paymentRequirements are required' });
        const verifying = url.pathname === '/verify';
        try {
          return json(res, 200, verifying
            ? await facilitator.verify(paymentPayload, requirements)
            : await facilitator.settle(paymentPayload, requirements));
        } catch (e) {
          // x402Facilitator throws for a scheme or network it does not serve.
          return json(res, 200, verifying
            ? { isValid: false, invalidReason: REASONS.network, invalidMessage: e.message }
            : { success: false, errorReason: REASONS.network, errorMessage: e.message, transaction: '', network: requirements.network ?? '' });
        }
      }
      return json(res, 404, { error: 'not found' });
    } catch (e) {
      return json(res, 500, { error: e.message });
    }
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  const timer = claimIntervalMs > 0 ? setInterval(() => { scheme.claimNow(); }, claimIntervalMs) : null;
  let stopped = null;
  return {
    url: `http://${address.address}:${address.port}`,
    scheme,
    stats: scheme.stats,
    claimNow: () => scheme.claimNow(),
    stop: () => {
      stopped ??= (async () => {
        if (timer) clearInterval(timer);
        const closed = new Promise((resolve) => server.close(resolve));
        server.closeIdleConnections();
        await closed;
        return scheme.stop();
      })();
      return stopped;
    }
  };
}
