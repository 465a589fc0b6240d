// Shared by the zombienet js-scripts (not a test step itself). The scripts run inside the
// zombienet process, but talk to the nodes through ServiceChain's own SDK (client/src, with
// its polkadot.js from client/node_modules), so the relay-chain test exercises the same code
// users run. `client/node_modules` must be installed (scripts/setup.sh does it).
const path = require('path');
const { pathToFileURL } = require('url');

const SDK_URL = pathToFileURL(path.join(__dirname, '..', '..', 'client', 'src', 'index.js')).href;
let sdkPromise = null;

/** The ServiceChain SDK (an ES module), loaded once. */
function sdk () {
  sdkPromise = sdkPromise || import(SDK_URL);
  return sdkPromise;
}

/**
 * Connects to a node of the network by its name, runs `fn(api, sdk)` and disconnects, so no
 * connection outlives the script.
 */
async function withApi (nodeName, networkInfo, fn) {
  const s = await sdk();
  const api = await s.connect(networkInfo.nodesByName[nodeName].wsUri);
  try {
    return await fn(api, s);
  } finally {
    await api.disconnect();
  }
}

/** Best and finalized block numbers of a node. */
async function heights (api) {
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  const finalized = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
  return { best, finalized };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

module.exports = { sdk, withApi, heights, sleep };
