// The pages' common life cycle: while a page is shown it keeps the chain subscriptions its
// `subscribe()` returns (their unsubscribe functions) and shows what `load()` reads; both end
// when it is removed.
import { LitElement } from 'lit';

export class ChainPage extends LitElement {
  /** Starts the page's subscriptions; resolves with their unsubscribe functions. */
  async subscribe () { return []; }

  /** Reads what the page shows. */
  async load () {}

  async connectedCallback () {
    super.connectedCallback();
    this.unsubs = await this.subscribe();
    await this.load();
  }

  disconnectedCallback () {
    super.disconnectedCallback();
    for (const u of this.unsubs ?? []) u();
  }
}
