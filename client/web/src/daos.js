// DAOs: the list with treasuries and a form to create one; a DAO's page with its rules, members
// and live proposals — each with its call decoded from the chain's metadata, tally, quorum and
// time left — a form to propose any call the metadata offers, the selected account's vote
// (shares, or frozen SCV in token mode, the lock shown), close, execute, and unlock of ended
// token votes. Follows the chain's DAO events by subscription.
import { css, html } from 'lit';
import { ChainPage } from './page.js';
import { getDao, parseScv, percent } from '@servicechain/client';
import { api } from './chain.js';
import { current, onChange } from './account.js';
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
  select, textarea { font: inherit; padding: 4px 6px; border: 1px solid #8c959f; border-radius: 4px; }
  textarea { width: 100%; box-sizing: border-box; }
  form { background: white; border: 1px solid #d7dbe0; border-radius: 6px; padding: 10px 12px; display: grid; gap: 8px; }
  form label { display: grid; gap: 2px; }
  form input { width: auto; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 8px; }
  .error { color: #b42318; }
`;

/** The value of the field `#id` in `root`, trimmed. */
const field = (root, id) => root.querySelector(`#${id}`).value.trim();

/** Whether a DAO votes with frozen SCV (its rules' `votingMode` is `{ tokenWeighted: … }`). */
const isTokenWeighted = (d) => Object.hasOwn(Object(d.rules.votingMode), 'tokenWeighted');

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
      <details>
        <summary>Create a DAO</summary>
        <form aria-label="Create a DAO" @submit=${(e) => e.preventDefault()}>
          <div class="grid">
            <label>Name <input id="dao-name" required maxlength="64"></label>
            <label>Voting mode <select id="dao-mode"><option value="shares">by member shares</option><option value="tokens">by frozen SCV (token-weighted)</option></select></label>
            <label>Least balance to propose, token mode (SCV) <input id="dao-min" value="0" inputmode="decimal"></label>
            <label>Voting period (blocks) <input id="dao-period" value="20" inputmode="numeric"></label>
            <label>Quorum (%) <input id="dao-quorum" value="50" inputmode="decimal"></label>
            <label>Approval (%) <input id="dao-approval" value="50" inputmode="decimal"></label>
            <label>Enactment delay (blocks) <input id="dao-delay" value="0" inputmode="numeric"></label>
            <label>Execution period (blocks) <input id="dao-exec" value="100" inputmode="numeric"></label>
            <label>Proposal deposit (SCV) <input id="dao-deposit" value="1" inputmode="decimal"></label>
            <label>Most members <input id="dao-max" value="50" inputmode="numeric"></label>
          </div>
          <label>Members, one per line: address shares (you are added with 1 share if left empty)
            <textarea id="dao-members" rows="3"></textarea></label>
          <sc-tx label="Create DAO" .build=${(a) => this.createCall(a)}></sc-tx>
        </form>
      </details>
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

/** `dao.createDao` from the form. */
ScDaos.prototype.createCall = async function (a) {
  const root = this.renderRoot;
  const me = await current();
  const lines = field(root, 'dao-members').split('\n').map((l) => l.trim()).filter(Boolean);
  const members = lines.length
    ? lines.map((l) => { const [who, shares] = l.split(/\s+/); return [who, BigInt(shares ?? '1')]; })
    : [[me.address, 1n]];
  const tokens = field(root, 'dao-mode') === 'tokens';
  return a.tx.dao.createDao(field(root, 'dao-name'), members, {
    votingMode: tokens ? { TokenWeighted: { minProposerBalance: parseScv(field(root, 'dao-min')) } } : 'Shares',
    votingPeriod: Number(field(root, 'dao-period')),
    quorum: percent(Number(field(root, 'dao-quorum'))),
    approvalThreshold: percent(Number(field(root, 'dao-approval'))),
    enactmentDelay: Number(field(root, 'dao-delay')),
    executionPeriod: Number(field(root, 'dao-exec')),
    proposalDeposit: parseScv(field(root, 'dao-deposit')),
    maxMembers: Number(field(root, 'dao-max'))
  });
};
customElements.define('sc-daos', ScDaos);

class ScDao extends ChainPage {
  static properties = {
    daoId: { type: Number }, dao: { state: true }, proposals: { state: true }, best: { state: true }, issuance: { state: true },
    account: { state: true }, locks: { state: true }, section: { state: true }, preview: { state: true }, error: { state: true }
  };

  static styles = styles;

  async subscribe () {
    this.api = await api();
    return [onChange(() => this.load()), ...await follow(() => this.load(), (n) => { this.best = n; })];
  }

  /** The call the propose form describes: `api.tx[section][method](...args)`. */
  formCall (a) {
    const root = this.renderRoot;
    const [section, method] = field(root, 'p-call').split('.');
    const fn = a.tx[section]?.[method];
    if (!fn) throw new Error(`no call ${section}.${method} in this chain's metadata`);
    const text = field(root, 'p-args');
    const args = text ? JSON.parse(text) : [];
    if (!Array.isArray(args)) throw new Error('the arguments must be a JSON array');
    return fn(...args);
  }

  updatePreview () {
    try {
      const c = this.formCall(this.api);
      this.preview = `${c.method.section}.${c.method.method} ${JSON.stringify(c.method.toHuman().args ?? {})}`;
    } catch (e) {
      this.preview = `not a call yet: ${e.message}`;
    }
  }

  /** The calls offered by the metadata, as `section.method`. */
  callNames () {
    const a = this.api;
    return Object.keys(a.tx).sort().flatMap((sec) => Object.keys(a.tx[sec]).sort().map((m) => `${sec}.${m}`));
  }


  async load () {
    try {
      const a = this.api;
      this.dao = await getDao(a, this.daoId);
      this.issuance = (await a.query.balances.totalIssuance()).toBigInt();
      this.proposals = this.dao ? (await a.call.daoApi.proposals(this.daoId)).map(([id, p]) => ({ id: id.toNumber(), p })).sort((x, y) => x.id - y.id) : [];
      // The selected account's token votes (their SCV stays frozen until unlocked).
      this.account = await current();
      this.locks = this.account
        ? (await a.query.dao.voteLocks(this.account.address)).map(([dao, proposal, amount]) => ({ dao: dao.toNumber(), proposal: proposal.toNumber(), amount: amount.toBigInt() }))
        : [];
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
      <p class="meta">${tokens ? 'token-weighted' : 'share-weighted'} · voting ${d.rules.votingPeriod} blocks · quorum ${percent(d.rules.quorum)} of ${weight(base)} ·
        approval ${percent(d.rules.approvalThreshold)} · enactment ${d.rules.enactmentDelay} blocks · treasury ${scv(d.treasuryBalance)} (${short(d.treasury)})</p>
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
      ${this.proposals.length === 0 ? html`<p>No live proposals.</p>` : ''}
      ${this.locksView(tokens)}
      <h3>Propose</h3>
      <form aria-label="Propose" @submit=${(e) => e.preventDefault()} @input=${() => this.updatePreview()} @change=${() => this.updatePreview()}>
        <label>Call (from the chain's metadata)
          <input id="p-call" list="calls" value="system.remark" autocomplete="off">
          <datalist id="calls">${this.callNames().map((n) => html`<option value=${n}></option>`)}</datalist></label>
        <label>Arguments (JSON array, in the call's order) <textarea id="p-args" rows="2">["0x"]</textarea></label>
        <label>Description or link (optional) <input id="p-meta" maxlength="256"></label>
        <p class="meta" data-testid="propose-preview">${this.preview ?? 'system.remark {"remark":"0x"}'}</p>
        <p class="meta">A deposit of ${scv(d.rules.proposalDeposit)} is held: returned if approved, paid to the treasury if rejected or without quorum.</p>
        <sc-tx label="Propose" .build=${(a) => a.tx.dao.propose(this.daoId, this.formCall(a), field(this.renderRoot, 'p-meta'))}></sc-tx>
      </form>`;
  }
}

/** The selected account's token votes in this DAO: the SCV frozen, unlock once voting ended. */
ScDao.prototype.locksView = function (tokens) {
  const mine = (this.locks ?? []).filter((l) => l.dao === this.daoId);
  if (!tokens && !mine.length) return '';
  const frozen = (this.locks ?? []).reduce((max, l) => (l.amount > max ? l.amount : max), 0n);
  return html`<h3>Your token votes</h3>
    <p class="meta" data-testid="frozen">${scv(frozen)} of ${this.account?.name ?? 'your account'} frozen for votes (the largest of its votes in all DAOs)</p>
    <ul aria-label="Your token votes">${mine.map((l) => {
      const live = this.proposals.find((x) => x.id === l.proposal);
      const ongoing = live && !live.p.status.isApproved && (this.best ?? 0) <= live.p.votingEnds.toNumber();
      return html`<li data-testid="lock"><div class="row"><span>proposal #${l.proposal}: ${scv(l.amount)} frozen</span>
        ${ongoing
          ? html`<span class="meta">unlock once voting ends (block #${live.p.votingEnds.toNumber()})</span>`
          : html`<sc-tx label="Unlock" .build=${(a) => a.tx.dao.unlock(this.daoId, l.proposal, this.account.address)}></sc-tx>`}</div></li>`;
    })}</ul>`;
};
customElements.define('sc-dao', ScDao);
