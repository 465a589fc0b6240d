// The resource-server side of ServiceChain's x402 `batch-settlement` binding (docs/x402.md): an
// `@x402/core` `SchemeNetworkServer` for `x402ResourceServer` (and so `@x402/express` /
// `@x402/hono`), and the route option that announces a ServiceChain service. Verification and
// settlement are the facilitator's (`scv facilitator`, ./facilitator.js), which holds the
// vouchers and redeems them.
import { parseScv } from '@servicechain/client';
import { X402_ASSET, X402_DECIMALS, X402_SCHEME, paymentRequirements } from '@servicechain/client/x402';

export class ServiceChainBatchServer {
  constructor () {
    this.scheme = X402_SCHEME;
    this.defaultAssetTransferMethod = 'default';
    // Verified before the handler, stored ("settled") after it: a failed handler costs nothing.
    this.paymentFlows = { default: { supported: ['authorization'], default: 'authorization' } };
    // Only in corrective 402s: never part of the requirements a payment must match.
    this.dynamicExtraFields = ['channelState', 'voucherState'];
  }

  /** `{ amount, asset: 'SCV' }` as is; a number or string is SCV (`"0.01"` → planck). */
  async parsePrice (price) {
    if (price && typeof price === 'object') {
      if (price.asset !== X402_ASSET) throw new Error(`ServiceChain prices are in ${X402_ASSET}`);
      return { amount: String(price.amount), asset: X402_ASSET, extra: price.extra ?? {} };
    }
    return { amount: parseScv(String(price).replace(/^\$/, '')).toString(), asset: X402_ASSET, extra: {} };
  }

  getAssetDecimals (asset) {
    return asset === X402_ASSET ? X402_DECIMALS : undefined;
  }

  /** The route's own `extra` (from `servicechainRoute`) already says everything needed. */
  async enhancePaymentRequirements (requirements) {
    return requirements;
  }
}

/**
 * The payment option (`accepts`) of a route that sells a ServiceChain service: the same
 * requirements the gateway announces (`paymentRequirements` of the SDK).
 * @param {{genesisHash: string, serviceId: number|bigint, payTo: string, pricePerUnit: bigint,
 *   unitsPerRequest?: bigint, maxTimeoutSeconds?: number, minDeposit?: bigint}} o
 */
export function servicechainRoute (o) {
  const r = paymentRequirements(o);
  return {
    scheme: r.scheme,
    network: r.network,
    payTo: r.payTo,
    price: { amount: r.amount, asset: r.asset },
    maxTimeoutSeconds: r.maxTimeoutSeconds,
    extra: r.extra
  };
}
