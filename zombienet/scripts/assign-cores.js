// zombienet js-script (on a relay chain node): assigns the relay chain cores given as the
// argument ("1,2") to parachain 2000 for good, with the relay chain's sudo (Alice on
// rococo-local), through `coretime.assignCore` (the broker's call, made by Root). Returns the
// number of cores assigned once the extrinsic is in a block.
const { sdk } = require('./lib.js');

const PARA = 2000;

async function run (nodeName, networkInfo, args) {
  const s = await sdk();
  const api = await s.connect(networkInfo.nodesByName[nodeName].wsUri);
  try {
    const { Keyring } = await import('@polkadot/keyring');
    const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
    const cores = String(args[0]).split(',').map(Number);
    // Begin now (block 0 = as soon as possible), the whole core (57,600 parts of 57,600).
    const calls = cores.map((core) => api.tx.coretime.assignCore(core, 0, [[{ Task: PARA }, 57600]], null));
    await s.signAndWait(api, api.tx.sudo.sudo(api.tx.utility.batchAll(calls)), alice);
    console.log(`cores ${cores.join(', ')} assigned to para ${PARA}`);
    return cores.length;
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
