// The provider's page: register a service (deposit shown first), and for each of the selected
// account's services its status, heartbeat and time to staleness, edit, pause/resume, retire
// and withdraw the deposit; the channels paying its services with what they hold and what is
// still to claim (read from the provider's gateway, which holds the vouchers), claim now, and
// the claims seen with the earnings. Follows registry and payments events by subscription.
import { css, html } from 'lit';
import { ChainPage } from './page.js';
import { listChannels, parseScv, servicesOfProvider } from '@servicechain/client';
import { api, recentEvents } from './chain.js';
import { current, onChange } from './account.js';
import { liveness, scv } from './format.js';
import { gatewayStatus, gatewayClaim, loadGateway, saveGateway } from './gateway.js';
import './tx.js';

/** How many past blocks are searched for claims when the page opens (then it follows new ones). */
const CLAIM_HISTORY_BLOCKS = 200;
const PAGE = 20;

/** A `Claimed` event as a row of the claims table. */
const claimFrom = (block, event) => ({
  block, channelId: event.data.channelId.toString(), units: event.data.units.toBigInt(),
  amount: event.data.amount.toBigInt(), fee: event.data.fee.toBigInt()
});

/** A `ServiceDetails` argument from the form fields in `root` whose ids start with `prefix`. */
function detailsFrom (root, prefix) {
  const value = (name) => root.querySelector(`#${prefix}-${name}`).value.trim();
  const list = (name) => value(name).split(/[\s,]+/).filter(Boolean);
  const unit = value('unit');
  return {
    name: value('name'),
    endpoints: list('endpoints'),
    protocol: value('protocol'),
    tags: list('tags'),
    pricePerUnit: parseScv(value('price')),
    unit: unit === 'Custom' ? { Custom: value('custom-unit') } : unit,
    metadata: value('metadata') || null,
    beneficiary: null
  };
}

class ScProvider extends ChainPage {
  static properties = {
    account: { state: true }, services: { state: true }, cursor: { state: true }, more: { state: true },
    channels: { state: true }, params: { state: true }, best: { state: true }, units: { state: true },
    editing: { state: true }, gateway: { state: true }, held: { state: true }, claims: { state: true },
    gatewayError: { state: true }, error: { state: true }
  };

  static styles = css`
    :host { display: block; overflow-wrap: anywhere; }
    section { margin: 16px 0; }
    ul { list-style: none; padding: 0; display: grid; gap: 8px; }
    li, form, .box { background: white; border: 1px solid #d7dbe0; border-radius: 6px; padding: 10px 12px; display: grid; gap: 6px; }
    form { grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); align-items: end; }
    .row { display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: baseline; }
    .meta { font-size: 0.85rem; color: #57606a; }
    label { font-size: 0.85rem; display: grid; gap: 2px; }
    .row label { display: inline-flex; gap: 6px; align-items: center; }
    input, select { font: inherit; padding: 4px 6px; border: 1px solid #8c959f; border-radius: 4px; min-width: 0; }
    button { font: inherit; padding: 4px 10px; border-radius: 4px; border: 1px solid #0b5cad; background: white; color: #0b5cad; cursor: pointer; }
    .live { color: #1a7f37; } .stale { color: #9a6700; }
    .error { color: #b42318; }
    .scroll { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
    th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid #eef1f4; }
    @media (max-width: 480px) { table { font-size: 0.8rem; } }
  `;

  constructor () {
    super();
    this.claims = [];
    this.gateway = loadGateway();
  }

  async subscribe () {
    const a = await api();
    this.api = a;
    this.params = await a.call.serviceRegistryApi.parameters();
    this.units = a.registry.createType(a.tx.serviceRegistry.registerService.meta.args[0].type.toString()).unit.defKeys;
    return [
      onChange(() => { this.claims = []; this.historyOf = null; this.load(); }),
      await a.query.system.events((records) => {
        this.noteClaims(records);
        if (records.some(({ event }) => event.section === 'serviceRegistry' || event.section === 'meteredPayments')) this.load();
      }),
      await a.rpc.chain.subscribeNewHeads((h) => { this.best = h.number.toNumber(); })
    ];
  }

  async load () {
    try {
      const a = await api();
      this.account = await current();
      if (!this.account) return;
      const page = await servicesOfProvider(a, this.account.address, { cursor: null, limit: PAGE * (this.pages ?? 1) });
      this.services = page.services;
      this.more = page.nextCursor !== null;
      this.channels = await listChannels(a, this.account.address, { role: 'provider' });
      this.held = this.services.reduce((sum, s) => sum + s.deposit, 0n);
      this.error = null;
      if (this.gateway.url) this.refreshGateway();
      if (this.historyOf !== this.account.address) {
        this.historyOf = this.account.address;
        this.loadClaimHistory(a);
      }
    } catch (e) {
      this.error = e.message;
    }
  }

  /**
   * The claims of the last CLAIM_HISTORY_BLOCKS blocks on the channels now open to the selected
   * account's services (a closed channel's record is gone, and with it what ties its claims
   * to this provider).
   */
  async loadClaimHistory (a) {
    const mine = new Set((this.channels ?? []).map((c) => c.id.toString()));
    const found = await recentEvents(a, CLAIM_HISTORY_BLOCKS,
      (e) => e.section === 'meteredPayments' && e.method === 'Claimed' && mine.has(e.data.channelId.toString()));
    this.addClaims(found.map(({ block, event }) => claimFrom(block, event)));
  }

  claimsIn (records, block) {
    const mine = new Set((this.channels ?? []).map((c) => c.id.toString()));
    return records
      .filter(({ event }) => event.section === 'meteredPayments' && event.method === 'Claimed' && mine.has(event.data.channelId.toString()))
      .map(({ event }) => claimFrom(block, event));
  }

  async noteClaims (records) {
    if (!records.some(({ event }) => event.section === 'meteredPayments' && event.method === 'Claimed')) return;
    const header = await (await api()).rpc.chain.getHeader();
    this.addClaims(this.claimsIn(records, header.number.toNumber()));
  }

  /** Adds claims not listed yet (the history and the live events may both see a block). */
  addClaims (found) {
    const seen = new Set(this.claims.map((c) => `${c.block}:${c.channelId}:${c.units}`));
    const fresh = found.filter((c) => !seen.has(`${c.block}:${c.channelId}:${c.units}`));
    if (fresh.length) this.claims = [...this.claims, ...fresh].sort((x, y) => y.block - x.block);
  }

  async refreshGateway () {
    try {
      this.gatewayView = await gatewayStatus(this.gateway);
      this.gatewayError = null;
    } catch (e) {
      this.gatewayView = null;
      this.gatewayError = e.message;
    }
    this.requestUpdate();
  }

  async claimNow () {
    try {
      const r = await gatewayClaim(this.gateway);
      this.gatewayView = r.status;
      this.gatewayNote = r.claims.length
        ? `claimed ${r.claims.reduce((n, c) => n + c.claimed, 0)} channel(s) in ${r.claims.length} transaction(s)`
        : 'nothing to claim';
      this.gatewayError = null;
    } catch (e) {
      this.gatewayError = e.message;
    }
    this.requestUpdate();
  }

  connectGateway (e) {
    e.preventDefault();
    const root = this.renderRoot;
    this.gateway = { url: root.querySelector('#gw-url').value.trim(), token: root.querySelector('#gw-token').value };
    saveGateway(this.gateway);
    this.refreshGateway();
  }

  /**
   * The deposit a service with the form's details would hold: `base + per byte × the encoded
   * size of its stored record`, sized with the record's type from the metadata (the other
   * fields have fixed sizes at registration). Null while the form does not make a service.
   */
  depositFor () {
    const a = this.api;
    if (!this.params || !a) return null;
    try {
      const record = a.registry.createLookupType(a.query.serviceRegistry.services.creator.meta.type.asMap.value);
      const info = a.registry.createType(record, { details: detailsFrom(this.renderRoot, 'new'), provider: this.account.address });
      return this.params.baseDeposit.toBigInt() + this.params.byteDeposit.toBigInt() * BigInt(info.encodedLength);
    } catch {
      return null;
    }
  }

  toStale (s) {
    if (this.best === undefined || !this.params) return null;
    const left = s.lastHeartbeat + this.params.staleAfter.toNumber() - this.best;
    return left > 0 ? left : 0;
  }

  serviceForm (prefix, s = null) {
    const units = this.units ?? ['Request'];
    const unitName = s ? (units.includes(s.unit) ? s.unit : 'Custom') : 'Request';
    return html`
      <label>Name <input id="${prefix}-name" required maxlength="64" .value=${s?.name ?? ''}></label>
      <label>Endpoints (space or comma separated) <input id="${prefix}-endpoints" required .value=${s?.endpoints.join(' ') ?? ''}></label>
      <label>Protocol <input id="${prefix}-protocol" required .value=${s?.protocol ?? 'https'}></label>
      <label>Tags <input id="${prefix}-tags" .value=${s?.tags.join(', ') ?? ''}></label>
      <label>Price per unit (SCV) <input id="${prefix}-price" inputmode="decimal" required .value=${s ? scv(s.pricePerUnit).replace(/ SCV$/, '') : '0.001'}></label>
      <label>Unit <select id="${prefix}-unit">${units.map((u) => html`<option ?selected=${u === unitName}>${u}</option>`)}</select></label>
      <label>Custom unit (if Custom) <input id="${prefix}-custom-unit" .value=${unitName === 'Custom' ? String(s?.unit ?? '') : ''}></label>
      <label>Metadata (CID or hash, optional) <input id="${prefix}-metadata" .value=${s?.metadata ?? ''}></label>`;
  }

  serviceItem (s) {
    const toStale = this.toStale(s);
    const retired = s.status === 'Retired';
    return html`
      <li data-testid="my-service">
        <div class="row">
          <a href="#/service/${s.id}"><strong>${s.name}</strong></a>
          <span class="meta">id ${s.id}</span>
          <span class=${liveness(s)} data-testid="my-status">${liveness(s)}</span>
          <span>${scv(s.pricePerUnit)} per ${s.unit}</span>
          <span>deposit ${scv(s.deposit)}</span>
          ${s.status === 'Active' && toStale !== null ? html`<span data-testid="heartbeat">last heartbeat #${s.lastHeartbeat}, ${toStale === 0
            ? 'stale now: send a heartbeat' : `stale in ${toStale} block(s)`}</span>` : ''}
          ${retired ? html`<span data-testid="unlock">${(this.best ?? 0) >= s.unlockAt ? 'deposit withdrawable now' : `deposit withdrawable from block #${s.unlockAt}`}</span>` : ''}
        </div>
        <div class="row">
          ${s.status === 'Active' ? html`
            <sc-tx label="Heartbeat" .build=${(a) => a.tx.serviceRegistry.heartbeat(s.id)}></sc-tx>
            <sc-tx label="Pause" .build=${(a) => a.tx.serviceRegistry.pauseService(s.id)}></sc-tx>` : ''}
          ${s.status === 'Paused' ? html`<sc-tx label="Resume" .build=${(a) => a.tx.serviceRegistry.resumeService(s.id)}></sc-tx>` : ''}
          ${!retired ? html`
            <button @click=${() => { this.editing = this.editing === s.id ? null : s.id; }} aria-expanded=${this.editing === s.id}>Edit</button>
            <sc-tx label="Retire" .build=${(a) => a.tx.serviceRegistry.deregisterService(s.id)}></sc-tx>` : ''}
          ${retired && (this.best ?? 0) >= s.unlockAt ? html`<sc-tx label="Withdraw deposit" .build=${(a) => a.tx.serviceRegistry.withdrawDeposit(s.id)}></sc-tx>` : ''}
        </div>
        ${this.editing === s.id ? html`
          <form aria-label="Edit ${s.name}" @submit=${(e) => e.preventDefault()}>
            ${this.serviceForm(`edit-${s.id}`, s)}
            <sc-tx label="Save changes" .build=${(a) => a.tx.serviceRegistry.updateService(s.id, detailsFrom(this.renderRoot, `edit-${s.id}`))}
              @done=${() => { this.editing = null; }}></sc-tx>
          </form>` : ''}
      </li>`;
  }

  channelRow (c) {
    const g = this.gatewayView?.channels.find((x) => x.channelId === c.id.toString());
    return html`<tr data-testid="provider-channel">
      <td>${c.id}</td><td><a href="#/service/${c.serviceId}">${c.serviceId}</a></td>
      <td>${scv(c.deposit)}</td><td>${c.claimedUnits}</td><td>${scv(c.paid)}</td>
      <td data-testid="claimable">${g ? `${g.claimableUnits} unit(s), ${scv(BigInt(g.claimable))}` : '—'}</td>
      <td>${c.settleUntil === null ? 'open' : `closing (claim until #${c.settleUntil})`}</td>
    </tr>`;
  }

  render () {
    if (this.error) return html`<p class="error" role="alert">${this.error}</p>`;
    if (!this.account) return html`<p>No account: connect a wallet or pick an account.</p>`;
    const deposit = this.depositFor();
    const earned = this.claims.reduce((sum, c) => sum + c.amount - c.fee, 0n);
    return html`
      <h2>Provider</h2>
      <p class="meta">as ${this.account.name} (${this.account.address}) · ${scv(this.held ?? 0n)} held as service deposits</p>

      <section aria-labelledby="register-h">
        <h3 id="register-h">Register a service</h3>
        <form aria-label="Register a service" @submit=${(e) => e.preventDefault()} @input=${() => this.requestUpdate()}>
          ${this.serviceForm('new')}
          <div>
            <p class="meta" data-testid="register-deposit">${deposit === null ? 'fill in the service to see its deposit' : `deposit held while listed: ${scv(deposit)}`}</p>
            <sc-tx label="Register" .build=${(a) => a.tx.serviceRegistry.registerService(detailsFrom(this.renderRoot, 'new'))}></sc-tx>
          </div>
        </form>
      </section>

      <section aria-labelledby="services-h">
        <h3 id="services-h">My services</h3>
        <ul aria-label="My services">${(this.services ?? []).map((s) => this.serviceItem(s))}</ul>
        ${this.services?.length === 0 ? html`<p>No services yet.</p>` : ''}
        ${this.more ? html`<button @click=${() => { this.pages = (this.pages ?? 1) + 1; this.load(); }}>More services</button>` : ''}
      </section>

      <section aria-labelledby="channels-h">
        <h3 id="channels-h">Channels paying my services</h3>
        <form class="box" aria-label="Gateway" @submit=${this.connectGateway}>
          <label>Gateway URL <input id="gw-url" .value=${this.gateway.url ?? ''} placeholder="http://127.0.0.1:8402"></label>
          <label>Operator token (SCV_OPERATOR_TOKEN) <input id="gw-token" type="password" .value=${this.gateway.token ?? ''}></label>
          <div><button type="submit">Read claimable units</button>
            ${this.gatewayView ? html`<button type="button" @click=${this.claimNow}>Claim now</button>` : ''}</div>
          <p class="meta">The gateway holds the consumers' latest vouchers and claims them with the provider's key.</p>
          ${this.gatewayError ? html`<p class="error" role="alert">${this.gatewayError}</p>` : ''}
          ${this.gatewayNote ? html`<p role="status" data-testid="claim-note">${this.gatewayNote}</p>` : ''}
        </form>
        ${this.channels?.length ? html`
          <div class="scroll"><table aria-label="Channels paying my services">
            <thead><tr><th>Channel</th><th>Service</th><th>Deposit left</th><th>Units claimed</th><th>Paid</th><th>To claim</th><th>State</th></tr></thead>
            <tbody>${this.channels.map((c) => this.channelRow(c))}</tbody>
          </table></div>` : html`<p>No open channels.</p>`}
      </section>

      <section aria-labelledby="claims-h">
        <h3 id="claims-h">Claims and earnings</h3>
        <p data-testid="earnings">${scv(earned)} earned (after the protocol fee) in ${this.claims.length} claim(s) over the last ${CLAIM_HISTORY_BLOCKS} blocks and since</p>
        ${this.claims.length ? html`<div class="scroll"><table aria-label="Claims">
          <thead><tr><th>Block</th><th>Channel</th><th>Units</th><th>Amount</th><th>Fee</th></tr></thead>
          <tbody>${this.claims.map((c) => html`<tr data-testid="claim"><td>#${c.block}</td><td>${c.channelId}</td><td>${c.units}</td><td>${scv(c.amount)}</td><td>${scv(c.fee)}</td></tr>`)}</tbody>
        </table></div>` : ''}
      </section>`;
  }
}
customElements.define('sc-provider', ScProvider);
