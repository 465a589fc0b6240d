// My channels (consumer): deposit left, units claimed, paid, the locked price, closing state;
// usage (units claimed on chain, the latest voucher this browser signed, what the provider can
// still claim); paid requests through the service's gateway; top up, request close, finalize
// close once the provider's settlement window has passed. The list follows the chain
// (metered-payments events) by subscription.
import { css, html } from 'lit';
import { ChainPage } from './page.js';
import { getService, listChannels, parseScv } from '@servicechain/client';
import { api } from './chain.js';
import { current, onChange, voucherSigner } from './account.js';
import { paidRequest, signedUnits, underEndpoint } from './gateway.js';
import { scv } from './format.js';
import './tx.js';

class ScChannels extends ChainPage {
  static properties = {
    channels: { state: true }, services: { state: true }, account: { state: true }, best: { state: true },
    calls: { state: true }, error: { state: true }
  };

  static styles = css`
    ul { list-style: none; padding: 0; display: grid; gap: 8px; }
    li { background: white; border: 1px solid #d7dbe0; border-radius: 6px; padding: 10px 12px; display: grid; gap: 6px; }
    .row { display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: baseline; }
    .meta { font-size: 0.85rem; color: #57606a; }
    label { font-size: 0.85rem; display: inline-flex; gap: 6px; align-items: center; }
    input { font: inherit; padding: 4px 6px; width: 7rem; border: 1px solid #8c959f; border-radius: 4px; }
    .error { color: #b42318; }
    :host { display: block; overflow-wrap: anywhere; }
    label.wide { flex-wrap: wrap; max-width: 100%; }
    input.url { width: 28rem; max-width: 100%; box-sizing: border-box; }
    button { font: inherit; padding: 4px 10px; border-radius: 4px; border: 1px solid #0b5cad; background: white; color: #0b5cad; cursor: pointer; }
    pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f8fa; padding: 6px; border-radius: 4px; margin: 0; font-size: 0.8rem; max-height: 8rem; overflow: auto; }
  `;

  constructor () {
    super();
    this.calls = {};
    this.services = {};
  }

  async subscribe () {
    const a = await api();
    return [
      onChange(() => this.load()),
      await a.query.system.events((records) => {
        if (records.some(({ event }) => event.section === 'meteredPayments')) this.load();
      }),
      await a.rpc.chain.subscribeNewHeads((h) => { this.best = h.number.toNumber(); })
    ];
  }


  async load () {
    try {
      this.account = await current();
      const a = await api();
      this.genesisHash = a.genesisHash.toHex();
      this.channels = this.account ? await listChannels(a, this.account.address) : [];
      // Each channel's service, for its endpoint (its gateway).
      for (const id of new Set(this.channels.map((c) => c.serviceId))) {
        if (!this.services[id]) this.services = { ...this.services, [id]: await getService(a, id) };
      }
      this.error = null;
    } catch (e) {
      this.error = e.message;
    }
  }

  /** The top-up amount typed for a channel, as a planck BigInt (throws on a malformed amount). */
  amountFor (id) {
    return parseScv(this.renderRoot.querySelector(`#topup-${id}`).value.trim());
  }

  /** Sends one paid request on channel `c` to the URL typed for it; shows the answer. */
  async call (c) {
    const url = this.renderRoot.querySelector(`#url-${c.id}`).value.trim();
    const endpoints = this.services[c.serviceId]?.endpoints ?? [];
    if (!underEndpoint(url, endpoints)) {
      this.calls = { ...this.calls, [c.id]: { error: `${url} is not under one of the service's endpoints (${endpoints.join(', ')}): vouchers go only to them` } };
      return;
    }
    this.calls = { ...this.calls, [c.id]: { pending: true } };
    try {
      const sign = await voucherSigner(this.account);
      const r = await paidRequest(url, { genesisHash: this.genesisHash, channel: c, sign, consumer: this.account.address });
      this.calls = { ...this.calls, [c.id]: r };
    } catch (e) {
      this.calls = { ...this.calls, [c.id]: { error: e.message } };
    }
  }

  /** Usage: claimed on chain, signed here, and what the provider can still claim (capped by the deposit). */
  usage (c) {
    const signed = signedUnits(this.genesisHash, c.id);
    const owed = signed > c.claimedUnits ? signed - c.claimedUnits : 0n;
    const worth = owed * c.pricePerUnit;
    return html`<div class="row" data-testid="usage">
      <span>claimed on chain: <strong data-testid="claimed-units">${c.claimedUnits}</strong> unit(s)</span>
      <span>signed in this browser: <strong data-testid="signed-units">${signed > c.claimedUnits ? signed : c.claimedUnits}</strong> unit(s)</span>
      <span>the provider can still claim: <strong data-testid="owed">${owed} unit(s), ${scv(worth < c.deposit ? worth : c.deposit)}</strong></span>
    </div>`;
  }

  callPanel (c) {
    const endpoint = this.services[c.serviceId]?.endpoints[0] ?? '';
    const r = this.calls[c.id];
    return html`<div class="row">
        <label class="wide">Paid request to <input class="url" id="url-${c.id}" .value=${endpoint} aria-label="URL of the paid request on channel ${c.id}"></label>
        <button @click=${() => this.call(c)} ?disabled=${r?.pending}>Send paid request</button>
      </div>
      ${r?.pending ? html`<p class="meta" role="status">signing the voucher and sending…</p>` : ''}
      ${r?.error ? html`<p class="error" role="alert">${r.error}</p>` : ''}
      ${r?.status ? html`<div data-testid="call-result"><span class="meta">HTTP ${r.status} · voucher for ${r.units} unit(s)</span><pre>${r.body.slice(0, 500)}</pre></div>` : ''}`;
  }

  render () {
    if (this.error) return html`<p class="error" role="alert">${this.error}</p>`;
    if (!this.account) return html`<p>No account to show channels of.</p>`;
    return html`
      <h2>My channels</h2>
      <p class="meta">as ${this.account.name} (${this.account.address})</p>
      <ul aria-label="Channels">
        ${(this.channels ?? []).map((c) => html`
          <li data-testid="channel">
            <div class="row">
              <strong>channel ${c.id}</strong>
              <a href="#/service/${c.serviceId}">service ${c.serviceId}</a>
              <span data-testid="deposit">${scv(c.deposit)} left</span>
              <span>${c.claimedUnits} unit(s) claimed, ${scv(c.paid)} paid</span>
              <span>${scv(c.pricePerUnit)} per unit</span>
              <span data-testid="state">${c.settleUntil === null ? 'open' : `closing: the provider may claim until block #${c.settleUntil}`}</span>
            </div>
            ${this.usage(c)}
            ${c.settleUntil === null ? this.callPanel(c) : ''}
            <div class="row">
              ${c.settleUntil === null
                ? html`
                  <label>Top up (SCV) <input id="topup-${c.id}" value="1" inputmode="decimal"></label>
                  <sc-tx label="Top up" .build=${(a) => a.tx.meteredPayments.topUp(c.id, this.amountFor(c.id))}></sc-tx>
                  <sc-tx label="Request close" .build=${(a) => a.tx.meteredPayments.requestClose(c.id)}></sc-tx>`
                : (this.best ?? 0) >= c.settleUntil
                    ? html`<sc-tx label="Finalize close" .build=${(a) => a.tx.meteredPayments.finalizeClose(c.id)}></sc-tx>`
                    : html`<span class="meta">finalize from block #${c.settleUntil}</span>`}
            </div>
          </li>`)}
      </ul>
      ${this.channels?.length === 0 ? html`<p>No channels yet: open one from a service's page.</p>` : ''}`;
  }
}
customElements.define('sc-channels', ScChannels);
