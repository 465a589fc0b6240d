// @servicechain/x402: ServiceChain payment channels as an x402 `batch-settlement` network
// (docs/x402.md). Register `ServiceChainBatchClient` with an `x402Client` (@x402/fetch),
// `ServiceChainBatchServer` with an `x402ResourceServer` (@x402/express, @x402/hono), and run a
// facilitator with `startFacilitator` (or `scv facilitator`).
export { ServiceChainBatchClient } from './client.js';
export { ServiceChainBatchServer, servicechainRoute } from './server.js';
export { ServiceChainBatchFacilitator, discoveryResources, startFacilitator } from './facilitator.js';
export {
  HEADERS, REASONS, X402_ASSET, X402_DECIMALS, X402_SCHEME, X402_VERSION, commitmentId, paymentRequirements, x402Network
} from '@servicechain/client/x402';
