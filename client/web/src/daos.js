// DAOs: the list with treasuries, and a DAO's page with its rules, members and live proposals —
// each with its call decoded from the chain's metadata, tally, quorum and time left — and the
// selected account's vote (shares, or frozen SCV in token mode), close and execute. Follows the
// chain's DAO events by subscription.
import { css, html } from 'lit';
import { ChainPage } from './page.js';
import { getDao, parseScv } from '@servicechain/client';
import { api } from './chain.js';
import { scv, short } from './format.js';
import './tx.js';

const styles = css`
  ul { list-style: none; padding: 0; display: grid; gap: 8px; }
  li { background: white; border: 1px solid #d7dbe0; border-radius: 6px; padding: 10px 12px; display: grid; gap: 6px; }
  .row { display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: baseline; }
  .meta { font-size: 0.85rem; color: #57606a; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f8fa; padding: 6px; border-radius: 4px; margin: 0; font-size: 0.8rem; }
  label { font-size: 0.85rem; display: inline-flex; gap: 6px; align-items: center; }
  input { font: inherit; padding: 4px 6px; width: 7rem; border: 1px solid #8c959f; border-radius: 4px; }
  .error { color: #b42318; }
`;

/** Whether a DAO votes with frozen SCV (its rules' `votingMode` is `{ tokenWeighted: … }`). */
const isTokenWeighted = (d) => Object.hasOwn(Object(d.config.votingMode), 'tokenWeighted');

/** Follows DAO events and new blocks; calls `reload` on a DAO event, `onBlock` on every block. */
async function follow (reload, onBlock) {
  const a = await api();
  return [
    await a.query.system.events((records) => { if (records.some(({ event }) => event.section === 'dao')) reload(); }),
    await a.rpc.chain.subscribeNewHeads((h) => onBlock(h.number.toNumber()))
  ];
}

class ScDaos extends ChainPage {
  static properties = { daos: { state: true }, error: { state: true } };
  static styles = styles;

  async subscribe () {
    return follow(() => this.load(), () => {});
  }


  async load () {
    try {
      const a = await api();
      const next = (await a.query.dao.nextDaoId()).toNumber();
      // The first 50 DAOs (ids are never reused).
      const ids = Array.from({ length: Math.min(next, 50) }, (_, i) => i);
      this.daos = (await Promise.all(ids.map((id) => getDao(a, id)))).filter(Boolean);
    } catch (e) {
      this.error = e.message;
    }
  }

  render () {
    if (this.error) return html`<p class="error" role="alert">${this.error}</p>`;
    return html`<h2>DAOs</h2>
      <ul aria-label="DAOs">${(this.daos ?? []).map((d) => html`
        <li data-testid="dao"><div class="row">
          <a href="#/dao/${d.id}"><strong>${d.name}</strong></a>
          <span>${isTokenWeighted(d) ? 'token-weighted' : 'share-weighted'}</span>
          <span>${d.memberCount} member(s)</span>
          <span>treasury ${scv(d.treasuryBalance)}</span>
          <span>${d.liveProposals} live proposal(s)</span>
        </div></li>`)}</ul>`;
  }
}
customElements.define('sc-daos', ScDaos);

class ScDao extends ChainPage {
  static properties = { daoId: { type: Number }, dao: { state: true }, proposals: { state: true }, best: { state: true }, issuance: { state: true }, error: { state: true } };
  static styles = styles;

  async subscribe () {
    this.api = await api();
    return follow(() => this.load(), (n) => { this.best = n; });
  }


  async load () {
    try {
      const a = this.api;
      this.dao = await getDao(a, this.daoId);
      this.issuance = (await a.query.balances.totalIssuance()).toBigInt();
      this.proposals = this.dao ? (await a.call.daoApi.proposals(this.daoId)).map(([id, p]) => ({ id: id.toNumber(), p })).sort((x, y) => x.id - y.id) : [];
      this.error = this.dao ? null : `no DAO ${this.daoId}`;
    } catch (e) {
      this.error = e.message;
    }
  }

  /** The proposal's call, decoded with the chain's metadata. */
  decoded (p) {
    try {
      const a = this.api;
      const c = a.createType('Call', p.call.toU8a(true));
      return { name: `${c.section}.${c.method}`, args: JSON.stringify(c.toHuman().args ?? {}, null, 1) };
    } catch {
      return { name: 'undecodable call', args: '' };
    }
  }

  render () {
    if (this.error) return html`<p class="error" role="alert">${this.error}</p>`;
    const d = this.dao;
    if (!d || !this.api) return html`<p role="status">Loading DAO ${this.daoId}…</p>`;
    const tokens = isTokenWeighted(d);
    // Quorum: a share (Perbill) of the total shares, or of the total issuance in token mode.
    const base = tokens ? this.issuance : d.totalShares;
    const percent = (perbill) => `${perbill / 10_000_000}%`;
    const weight = (v) => (tokens ? scv(v) : `${v} share(s)`);
    return html`
      <h2 data-testid="dao-name">${d.name}</h2>
      <p class="meta">${tokens ? 'token-weighted' : 'share-weighted'} · voting ${d.config.votingPeriod} blocks · quorum ${percent(d.config.quorum)} of ${weight(base)} ·
        approval ${percent(d.config.approvalThreshold)} · enactment ${d.config.enactmentDelay} blocks · treasury ${scv(d.treasuryBalance)} (${short(d.treasury)})</p>
      ${d.members.length ? html`<p class="meta">members: ${d.members.map((m) => `${short(m.who)} (${m.shares})`).join(', ')}</p>` : ''}
      <h3>Proposals</h3>
      <ul aria-label="Proposals">${this.proposals.map(({ id, p }) => {
        const call = this.decoded(p);
        const ends = p.votingEnds.toNumber();
        const approved = p.status.isApproved;
        const at = approved ? p.status.asApproved.executableAt.toNumber() : 0;
        return html`<li data-testid="proposal">
          <div class="row"><strong>#${id}</strong><span data-testid="call">${call.name}</span><span class="meta">by ${short(p.proposer.toString())}</span>
            <span data-testid="tally">ayes ${weight(p.tally.ayes.toBigInt())}, nays ${weight(p.tally.nays.toBigInt())}, ${p.tally.voters.toNumber()} voter(s)</span>
            <span data-testid="status">${approved
              ? `approved: executable from block #${at}`
              : (this.best ?? 0) <= ends ? `voting: ${ends - (this.best ?? 0)} block(s) left` : 'voting ended: close it'}</span></div>
          <pre aria-label="Decoded call">${call.args}</pre>
          <div class="row">${approved
            ? html`<sc-tx label="Execute" .build=${(a) => a.tx.dao.executeProposal(this.daoId, id, p.callWeight)}></sc-tx>`
            : html`
              ${tokens ? html`<label>Amount (SCV) <input id="amount-${id}" value="1" inputmode="decimal"></label>` : ''}
              <sc-tx label="Vote aye" .build=${(a) => a.tx.dao.vote(this.daoId, id, true, tokens ? parseScv(this.renderRoot.querySelector(`#amount-${id}`).value.trim()) : null)}></sc-tx>
              <sc-tx label="Vote nay" .build=${(a) => a.tx.dao.vote(this.daoId, id, false, tokens ? parseScv(this.renderRoot.querySelector(`#amount-${id}`).value.trim()) : null)}></sc-tx>
              <sc-tx label="Close" .build=${(a) => a.tx.dao.closeProposal(this.daoId, id)}></sc-tx>`}</div>
        </li>`;
      })}</ul>
      ${this.proposals.length === 0 ? html`<p>No live proposals.</p>` : ''}`;
  }
}
customElements.define('sc-dao', ScDao);
