// The ServiceChain web app: a shell with the node's status, the accounts (wallet extension,
// dev keys) and a hash router over the pages (#/ discover, #/service/<id>, #/channels,
// #/provider, #/daos, #/dao/<id>).
import { LitElement, css, html } from 'lit';
import { api, nodeUrl } from './chain.js';
import { accounts, choose, connectWallet, current, onChange, restoreWallet } from './account.js';
import './channels.js';
import './daos.js';
import './discover.js';
import './provider.js';
import './service.js';

class ScApp extends LitElement {
  static properties = {
    route: { state: true }, node: { state: true }, best: { state: true }, error: { state: true },
    accounts: { state: true }, account: { state: true }, walletNote: { state: true }
  };

  static styles = css`
    :host { display: block; max-width: 960px; margin: 0 auto; padding: 0 12px 24px; }
    header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px 16px; padding: 12px 0; border-bottom: 1px solid #d7dbe0; }
    h1 { font-size: 1.25rem; margin: 0; }
    h1 a { color: inherit; text-decoration: none; }
    nav a { margin-right: 12px; }
    .node { font-size: 0.85rem; color: #57606a; overflow-wrap: anywhere; }
    .error { color: #b42318; }
    label { font-size: 0.85rem; display: inline-flex; gap: 6px; align-items: center; }
    select { font: inherit; }
    .wallet { font: inherit; font-size: 0.85rem; padding: 3px 10px; border-radius: 4px; border: 1px solid #0b5cad; background: white; color: #0b5cad; cursor: pointer; }
    .dev { background: #fff4e5; color: #7a4b00; border-radius: 10px; padding: 1px 8px; font-size: 0.8rem; }
  `;

  constructor () {
    super();
    this.route = location.hash;
    this.best = null;
    this.node = '';
    this.error = null;
    window.addEventListener('hashchange', () => { this.route = location.hash; });
  }

  async connectedCallback () {
    super.connectedCallback();
    this.node = await nodeUrl();
    try {
      const a = await api();
      this.unsub = await a.rpc.chain.subscribeNewHeads((h) => { this.best = h.number.toNumber(); });
      this.offAccounts = onChange(() => this.loadAccounts());
      await this.loadAccounts();
      restoreWallet();
    } catch (e) {
      this.error = `cannot reach the node at ${this.node}: ${e.message}`;
    }
  }

  disconnectedCallback () {
    super.disconnectedCallback();
    this.unsub?.();
    this.offAccounts?.();
  }

  async loadAccounts () {
    this.accounts = await accounts();
    this.account = await current();
  }

  async connect () {
    try {
      const n = await connectWallet();
      this.walletNote = `wallet connected: ${n} account(s)`;
    } catch (e) {
      this.walletNote = e.message;
    }
  }

  page () {
    const m = /^#\/service\/(\d+)$/.exec(this.route);
    if (m) return html`<sc-service .serviceId=${Number(m[1])}></sc-service>`;
    if (this.route === '#/channels') return html`<sc-channels></sc-channels>`;
    if (this.route === '#/provider') return html`<sc-provider></sc-provider>`;
    const dao = /^#\/dao\/(\d+)$/.exec(this.route);
    if (dao) return html`<sc-dao .daoId=${Number(dao[1])}></sc-dao>`;
    if (this.route === '#/daos') return html`<sc-daos></sc-daos>`;
    return html`<sc-discover></sc-discover>`;
  }

  render () {
    return html`
      <header>
        <h1><a href="#/">ServiceChain</a></h1>
        <nav aria-label="Main"><a href="#/">Discover</a><a href="#/channels">My channels</a><a href="#/provider">Provider</a><a href="#/daos">DAOs</a></nav>
        ${this.accounts?.length ? html`
          <label>Account
            <select @change=${(e) => choose(e.target.value)}>
              ${this.accounts.map((a) => html`<option value=${a.address} ?selected=${a.address === this.account?.address}>${a.name}${a.dev ? ' (test key)' : ''}</option>`)}
            </select>
            ${this.account?.dev ? html`<span class="dev" title="Well-known development keys: never use them on a real chain">test key</span>` : ''}
          </label>` : ''}
        <button class="wallet" @click=${this.connect}>Connect wallet</button>
        ${this.walletNote ? html`<span class="node" role="status" data-testid="wallet-note">${this.walletNote}</span>` : ''}
        <span class="node" role="status">${this.error
          ? html`<span class="error">${this.error}</span>`
          : html`node ${this.node}${this.best === null ? ' (connecting…)' : html`, block <span data-testid="best">#${this.best}</span>`}`}</span>
      </header>
      <main>${this.error ? '' : this.page()}</main>`;
  }
}
customElements.define('sc-app', ScApp);
