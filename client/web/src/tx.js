// <sc-tx>: one transaction, the way every transaction in the app goes: its fee estimated before
// signing, then signed by the selected account (a dev key, or the wallet extension's prompt),
// its progress shown (in the pool, in a block, finalized), and a failure named by the pallet's
// error.
import { LitElement, css, html } from 'lit';
import { signAndWait } from '@servicechain/client';
import { api } from './chain.js';
import { current, txSigner } from './account.js';
import { scv } from './format.js';

/** A transaction's statuses in words (`signAndWait`'s `onStatus`). */
const PROGRESS = { Ready: 'in the pool', Broadcast: 'sent to peers', InBlock: 'in a block, waiting for finality', Finalized: 'finalized' };

class ScTx extends LitElement {
  static properties = {
    label: { type: String }, build: { attribute: false }, state: { state: true }, fee: { state: true }, message: { state: true }
  };

  static styles = css`
    :host { display: inline-flex; flex-wrap: wrap; gap: 8px; align-items: center; }
    button { font: inherit; padding: 5px 12px; border-radius: 4px; border: 1px solid #0b5cad; background: #0b5cad; color: white; cursor: pointer; }
    button.secondary { background: white; color: #0b5cad; }
    .status { font-size: 0.85rem; }
    .error { color: #b42318; }
    .ok { color: #1a7f37; }
  `;

  constructor () {
    super();
    this.state = 'idle';
  }

  /** Builds the extrinsic and estimates its fee for the selected account. */
  async review () {
    try {
      const account = await current();
      if (!account) throw new Error('no account to sign with');
      this.tx = await this.build(await api());
      const info = await this.tx.paymentInfo(account.address);
      this.fee = info.partialFee.toBigInt();
      this.state = 'review';
    } catch (e) {
      this.state = 'failed';
      this.message = e.message;
    }
  }

  async confirm () {
    const account = await current();
    this.state = 'sending';
    this.message = 'signing';
    try {
      const result = await signAndWait(await api(), this.tx, await txSigner(account), {
        finalized: true,
        onStatus: (s) => { this.message = PROGRESS[s] ?? s; }
      });
      this.state = 'done';
      this.message = `finalized in block ${result.blockHash.slice(0, 10)}…`;
      this.dispatchEvent(new CustomEvent('done', { detail: result, bubbles: true, composed: true }));
    } catch (e) {
      this.state = 'failed';
      // A DispatchError's message is already `pallet.Error: docs`.
      this.message = e.message;
    }
  }

  render () {
    switch (this.state) {
      case 'review':
        return html`<span class="status" data-testid="fee">fee about ${scv(this.fee)}</span>
          <button @click=${this.confirm}>Sign and send</button>
          <button class="secondary" @click=${() => { this.state = 'idle'; }}>Cancel</button>`;
      case 'sending':
        return html`<span class="status" role="status">${this.message}…</span>`;
      case 'done':
        return html`<button @click=${this.review}>${this.label}</button>
          <span class="status ok" role="status" data-testid="tx-done">done, ${this.message}</span>`;
      case 'failed':
        return html`<span class="status error" role="alert" data-testid="tx-error">${this.message}</span>
          <button class="secondary" @click=${() => { this.state = 'idle'; }}>OK</button>`;
      default:
        return html`<button @click=${this.review}>${this.label}</button>`;
    }
  }
}
customElements.define('sc-tx', ScTx);
