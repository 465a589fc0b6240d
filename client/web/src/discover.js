// Discover: search listed services by tags, price and rating, a page at a time through the
// runtime API (never loading the registry whole); the page updates as the chain changes
// (registry events, and every few blocks for liveness), by subscription.
import { css, html } from 'lit';
import { ChainPage } from './page.js';
import { findServicesPage, parseScv } from '@servicechain/client';
import { api } from './chain.js';
import { liveness, rating, scv, short } from './format.js';

const PAGE = 20;
/** Blocks between refreshes of the page for staleness (which no event announces). */
const REFRESH_BLOCKS = 5;

class ScDiscover extends ChainPage {
  static properties = {
    services: { state: true }, nextCursor: { state: true }, cursors: { state: true }, error: { state: true }, loading: { state: true }
  };

  static styles = css`
    form { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-end; margin: 16px 0; }
    label { display: flex; flex-direction: column; font-size: 0.85rem; gap: 4px; }
    label.check { flex-direction: row; align-items: center; }
    input { font: inherit; padding: 6px 8px; border: 1px solid #8c959f; border-radius: 4px; min-width: 0; }
    input[type=text] { width: 14rem; max-width: 100%; }
    input[type=number], input.price { width: 8rem; }
    button { font: inherit; padding: 6px 14px; border-radius: 4px; border: 1px solid #0b5cad; background: #0b5cad; color: white; cursor: pointer; }
    button[disabled] { opacity: 0.5; cursor: default; }
    button.secondary { background: white; color: #0b5cad; }
    ul { list-style: none; padding: 0; margin: 0; display: grid; gap: 8px; }
    li { background: white; border: 1px solid #d7dbe0; border-radius: 6px; padding: 10px 12px; }
    .row { display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: baseline; }
    .name { font-weight: 600; font-size: 1.05rem; }
    .meta { font-size: 0.85rem; color: #57606a; }
    .tag { background: #eef1f4; border-radius: 10px; padding: 1px 8px; margin-right: 4px; font-size: 0.8rem; }
    .live { color: #1a7f37; } .stale { color: #9a6700; }
    .error { color: #b42318; }
    .pager { display: flex; gap: 8px; margin-top: 12px; align-items: center; }
  `;

  constructor () {
    super();
    this.services = [];
    this.nextCursor = null;
    this.cursors = [null];
    this.filter = {};
    this.error = null;
    this.loading = false;
  }

  async subscribe () {
    const a = await api();
    let blocks = 0;
    return [
      await a.query.system.events((records) => {
        if (records.some(({ event }) => event.section === 'serviceRegistry')) this.load();
      }),
      await a.rpc.chain.subscribeNewHeads(() => { if (++blocks % REFRESH_BLOCKS === 0) this.load(); })
    ];
  }


  /** Loads the current page (the last cursor) with the current filter. */
  async load () {
    this.loading = true;
    try {
      const page = await findServicesPage(await api(), this.filter, { cursor: this.cursors[this.cursors.length - 1], limit: PAGE });
      this.services = page.services;
      this.nextCursor = page.nextCursor;
      this.error = null;
    } catch (e) {
      this.error = e.message;
    } finally {
      this.loading = false;
    }
  }

  search (e) {
    e.preventDefault();
    const form = new FormData(e.target);
    const tags = String(form.get('tags') ?? '').split(',').map((t) => t.trim()).filter(Boolean);
    const maxPrice = String(form.get('maxPrice') ?? '').trim();
    const minRating = String(form.get('minRating') ?? '').trim();
    try {
      this.filter = {
        tags,
        maxPricePerUnit: maxPrice ? parseScv(maxPrice) : null,
        minAverageRatingCenti: minRating ? Math.round(Number(minRating) * 100) : null,
        includeStale: form.get('includeStale') === 'on'
      };
      if (minRating && !(Number(minRating) >= 0 && Number(minRating) <= 5)) throw new Error('the minimum rating is between 0 and 5');
    } catch (err) {
      this.error = err.message;
      return;
    }
    this.cursors = [null];
    this.load();
  }

  next () { this.cursors = [...this.cursors, this.nextCursor]; this.load(); }
  previous () { this.cursors = this.cursors.slice(0, -1); this.load(); }

  render () {
    return html`
      <h2>Discover services</h2>
      <form @submit=${this.search} role="search" aria-label="Find services">
        <label>Tags (comma separated)<input type="text" name="tags" placeholder="llm, chat"></label>
        <label>Max price per unit (SCV)<input class="price" type="text" name="maxPrice" inputmode="decimal" placeholder="0.01"></label>
        <label>Min rating (0–5)<input type="number" name="minRating" min="0" max="5" step="0.5"></label>
        <label class="check"><input type="checkbox" name="includeStale"> Include stale</label>
        <button type="submit">Search</button>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <p class="meta" role="status" aria-live="polite" data-testid="count">${this.loading && !this.services.length ? 'Loading…' : `${this.services.length} service(s) on this page`}</p>
      <ul aria-label="Services">
        ${this.services.map((s) => html`
          <li data-testid="service">
            <div class="row">
              <a class="name" href="#/service/${s.id}">${s.name}</a>
              <span>${scv(s.pricePerUnit)} / ${s.unit}</span>
              <span>${rating(s)}</span>
              <span class=${liveness(s)}>${liveness(s)}</span>
            </div>
            <div class="row meta">
              <span>${s.tags.map((t) => html`<span class="tag">${t}</span>`)}</span>
              <span>provider ${short(s.provider)}</span>
              <span>id ${s.id}</span>
            </div>
          </li>`)}
      </ul>
      <div class="pager">
        <button class="secondary" ?disabled=${this.cursors.length <= 1} @click=${this.previous}>Previous page</button>
        <button class="secondary" ?disabled=${this.nextCursor === null} @click=${this.next}>Next page</button>
      </div>`;
  }
}
customElements.define('sc-discover', ScDiscover);
