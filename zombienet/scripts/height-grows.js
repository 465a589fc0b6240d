// zombienet js-script: the parachain keeps producing and finalizing on this node. Returns the
// number of new blocks seen once the best block has grown by 3 and the finalized block has
// moved past the best block seen at the start (so after a collator restart, the restarted node
// imports new blocks and follows relay finality again); 0 if that does not happen in 3 minutes.
const { withApi, heights, sleep } = require('./lib.js');

async function run (nodeName, networkInfo) {
  return withApi(nodeName, networkInfo, async (api) => {
    const start = (await heights(api)).best;
    for (let i = 0; i < 90; i++) {
      await sleep(2000);
      const { best, finalized } = await heights(api);
      if (best >= start + 3 && finalized > start) {
        console.log(`collator ${nodeName}: best ${start} -> ${best}, finalized ${finalized}`);
        return best - start;
      }
    }
    return 0;
  });
}

module.exports = { run };
