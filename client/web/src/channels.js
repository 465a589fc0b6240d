// My channels (consumer): deposit left, units claimed, paid, the locked price, closing state;
// top up, request close, finalize close once the provider's settlement window has passed. The
// list follows the chain (metered-payments events) by subscription.
import { css, html } from 'lit';
import { ChainPage } from './page.js';
import { listChannels, parseScv } from '@servicechain/client';
import { api } from './chain.js';
import { current, onChange } from './account.js';
import { scv } from './format.js';
import './tx.js';

class ScChannels extends ChainPage {
  static properties = { channels: { state: true }, account: { state: true }, best: { state: true }, error: { state: true } };

  static styles = css`
    ul { list-style: none; padding: 0; display: grid; gap: 8px; }
    li { background: white; border: 1px solid #d7dbe0; border-radius: 6px; padding: 10px 12px; display: grid; gap: 6px; }
    .row { display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: baseline; }
    .meta { font-size: 0.85rem; color: #57606a; }
    label { font-size: 0.85rem; display: inline-flex; gap: 6px; align-items: center; }
    input { font: inherit; padding: 4px 6px; width: 7rem; border: 1px solid #8c959f; border-radius: 4px; }
    .error { color: #b42318; }
  `;

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
      this.channels = this.account ? await listChannels(await api(), this.account.address) : [];
      this.error = null;
    } catch (e) {
      this.error = e.message;
    }
  }

  /** The top-up amount typed for a channel, as a planck BigInt (throws on a malformed amount). */
  amountFor (id) {
    return parseScv(this.renderRoot.querySelector(`#topup-${id}`).value.trim());
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
