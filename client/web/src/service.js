// A service's page: what the registry holds of it (endpoints, price and unit, deposit, rating,
// liveness and time to staleness) and its provider's other services, kept current by a
// subscription to the service's storage and new blocks.
import { css, html } from 'lit';
import { ChainPage } from './page.js';
import { getRating, getService, paidToService, parseScv, servicesOfProvider } from '@servicechain/client';
import { api, recentEvents } from './chain.js';
import { current, onChange } from './account.js';
import { liveness, rating, scv, short } from './format.js';
import './tx.js';

/**
 * Whether an endpoint (provider-supplied, on chain) may be a link: http(s) only, so that a
 * `javascript:` or `data:` endpoint is shown as text, never run by a click.
 */
const linkable = (url) => {
  try {
    return ['http:', 'https:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
};

/** How many past blocks the rating history covers when the page opens (then it follows new ones). */
const RATING_HISTORY_BLOCKS = 200;

class ScService extends ChainPage {
  static properties = {
    serviceId: { type: Number }, service: { state: true }, others: { state: true }, best: { state: true },
    staleAfter: { state: true }, mine: { state: true }, ratings: { state: true }, error: { state: true }
  };

  static styles = css`
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; background: white; border: 1px solid #d7dbe0; border-radius: 6px; padding: 12px; }
    dt { color: #57606a; }
    dd { margin: 0; overflow-wrap: anywhere; }
    @media (max-width: 480px) { dl { grid-template-columns: 1fr; } dt { margin-top: 6px; } }
    .tag { background: #eef1f4; border-radius: 10px; padding: 1px 8px; margin-right: 4px; font-size: 0.8rem; }
    .live { color: #1a7f37; } .stale { color: #9a6700; }
    .error { color: #b42318; }
    .meta { font-size: 0.85rem; color: #57606a; }
    ul { padding-left: 20px; }
    .open { margin: 16px 0; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
    label { font-size: 0.85rem; display: inline-flex; gap: 6px; align-items: center; }
    input { font: inherit; padding: 4px 6px; width: 7rem; border: 1px solid #8c959f; border-radius: 4px; }
  `;

  async subscribe () {
    const a = await api();
    const params = await a.call.serviceRegistryApi.parameters();
    this.staleAfter = params.staleAfter.toNumber();
    this.minPaidToRate = params.minPaidToRate.toBigInt();
    this.loadRatings(a);
    return [
      onChange(() => this.load()),
      await a.query.system.events((records) => {
        const fresh = records.filter(({ event }) => this.isRating(event));
        if (fresh.length) a.rpc.chain.getHeader().then((h) => this.addRatings(fresh.map(({ event }) => ({ block: h.number.toNumber(), event }))));
      }),
      await a.query.serviceRegistry.services(this.serviceId, () => this.load()),
      await a.rpc.chain.subscribeNewHeads((h) => { this.best = h.number.toNumber(); })
    ];
  }


  async load () {
    try {
      const a = await api();
      this.service = await getService(a, this.serviceId);
      if (this.service) {
        const { services } = await servicesOfProvider(a, this.service.provider, { limit: 20 });
        this.others = services.filter((s) => s.id !== this.serviceId);
        // What the selected account paid this service, and its rating of it.
        const me = await current();
        this.mine = me
          ? { account: me, paid: await paidToService(a, me.address, this.serviceId), rating: await getRating(a, this.serviceId, me.address) }
          : null;
      }
      this.error = this.service ? null : `no service ${this.serviceId}`;
    } catch (e) {
      this.error = e.message;
    }
  }

  isRating (event) {
    return event.section === 'serviceRegistry' && ['ServiceRated', 'RatingRemoved'].includes(event.method) &&
      event.data.serviceId.toNumber() === this.serviceId;
  }

  /** The rating history: ratings given, changed and removed in the last RATING_HISTORY_BLOCKS blocks, then live. */
  async loadRatings (a) {
    this.addRatings(await recentEvents(a, RATING_HISTORY_BLOCKS, (e) => this.isRating(e)));
  }

  addRatings (found) {
    const rows = found.map(({ block, event }) => ({
      block,
      rater: event.data.rater.toString(),
      text: event.method === 'RatingRemoved'
        ? 'rating removed (with the ledger entry that backed it)'
        : `${event.data.score.toNumber()} ★${event.data.previous.isSome ? ` (was ${event.data.previous.unwrap().toNumber()} ★)` : ''}`
    }));
    const seen = new Set((this.ratings ?? []).map((r) => `${r.block}:${r.rater}:${r.text}`));
    this.ratings = [...(this.ratings ?? []), ...rows.filter((r) => !seen.has(`${r.block}:${r.rater}:${r.text}`))]
      .sort((x, y) => y.block - x.block);
  }

  /** Blocks until the service turns stale without a heartbeat (0: stale now). */
  toStale () {
    const s = this.service;
    if (this.best === undefined || this.staleAfter === undefined) return null;
    const left = s.lastHeartbeat + this.staleAfter - this.best;
    return left > 0 ? left : 0;
  }

  render () {
    if (this.error) return html`<p class="error" role="alert">${this.error}</p>`;
    const s = this.service;
    if (!s) return html`<p role="status">Loading service ${this.serviceId}…</p>`;
    const toStale = this.toStale();
    return html`
      <h2 data-testid="service-name">${s.name}</h2>
      <dl>
        <dt>Status</dt><dd><span class=${liveness(s)} data-testid="liveness">${liveness(s)}</span>${s.status === 'Active' && toStale !== null
          ? ` · last heartbeat #${s.lastHeartbeat}, ${toStale === 0 ? 'stale now' : `stale in ${toStale} block(s) without one`}` : ''}</dd>
        <dt>Price</dt><dd data-testid="price">${scv(s.pricePerUnit)} per ${s.unit}</dd>
        <dt>Rating</dt><dd>${rating(s)}${s.ratingCount ? ` · weighted by ${scv(s.ratingWeight)} paid` : ''}</dd>
        <dt>Endpoints</dt><dd>${s.endpoints.map((e) => html`<div>${linkable(e) ? html`<a href=${e} rel="noopener noreferrer">${e}</a>` : e}</div>`)}</dd>
        <dt>Protocol</dt><dd>${s.protocol}</dd>
        <dt>Tags</dt><dd>${s.tags.map((t) => html`<span class="tag">${t}</span>`)}</dd>
        <dt>Deposit</dt><dd>${scv(s.deposit)} held from the provider</dd>
        <dt>Provider</dt><dd title=${s.provider}>${s.provider}</dd>
        <dt>Paid to</dt><dd>${s.beneficiary ?? 'the provider'}</dd>
        <dt>Registered</dt><dd>block #${s.registeredAt}, id ${s.id}</dd>
        ${s.metadata ? html`<dt>Metadata</dt><dd>${s.metadata}</dd>` : ''}
      </dl>
      ${s.status === 'Active' ? html`
        <div class="open">
          <label>Deposit (SCV) <input id="deposit" value="1" inputmode="decimal"></label>
          <sc-tx label="Open a channel" .build=${(a) => a.tx.meteredPayments.openChannel(s.id, parseScv(this.renderRoot.querySelector('#deposit').value.trim()))}
            @done=${() => { location.hash = '#/channels'; }}></sc-tx>
        </div>` : ''}
      ${this.mine ? html`
        <h3>Your rating</h3>
        <div class="open" data-testid="rate">
          <span data-testid="my-rating">${this.mine.rating ? `you rated it ${this.mine.rating.score} ★ (weighing ${scv(this.mine.rating.weight)} paid)` : 'not rated by you'};
            you paid it ${scv(this.mine.paid)}</span>
          ${this.mine.paid >= (this.minPaidToRate ?? 0n) && this.mine.paid > 0n
            ? html`<label>Score <select id="score" aria-label="Score from 1 to 5">${[5, 4, 3, 2, 1].map((n) => html`<option value=${n}>${n} ★</option>`)}</select></label>
              <sc-tx label="Rate" .build=${(a) => a.tx.serviceRegistry.rateService(s.id, Number(this.renderRoot.querySelector('#score').value))}></sc-tx>`
            : html`<span class="meta" data-testid="rate-rule">rate it once you have paid it at least ${scv(this.minPaidToRate ?? 0n)}</span>`}
        </div>` : ''}
      <h3>Rating history</h3>
      ${this.ratings?.length
        ? html`<ul aria-label="Rating history">${this.ratings.map((r) => html`<li data-testid="rating-event">#${r.block} · ${short(r.rater)} · ${r.text}</li>`)}</ul>`
        : html`<p class="meta">No ratings in the last ${RATING_HISTORY_BLOCKS} blocks.</p>`}
      <h3>Other services of ${short(s.provider)}</h3>
      ${this.others?.length
        ? html`<ul>${this.others.map((o) => html`<li><a href="#/service/${o.id}">${o.name}</a> · ${scv(o.pricePerUnit)} / ${o.unit} · ${liveness(o)}</li>`)}</ul>`
        : html`<p>None.</p>`}`;
  }
}
customElements.define('sc-service', ScService);
