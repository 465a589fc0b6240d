// zombienet js-script (on a collator): parachain blocks this node imported as best in the next
// N seconds (the argument, default 60). One relay chain core carries at most one parachain block
// per 6 s relay chain slot, so more than N/6 blocks show the parachain using more than one core.
const { withApi, heights, sleep } = require('./lib.js');

async function run (nodeName, networkInfo, args) {
  const seconds = Number(args?.[0] ?? 60);
  return withApi(nodeName, networkInfo, async (api) => {
    const start = (await heights(api)).best;
    await sleep(seconds * 1000);
    const end = (await heights(api)).best;
    console.log(`collator ${nodeName}: ${end - start} blocks in ${seconds} s (one core: at most ${Math.floor(seconds / 6)})`);
    return end - start;
  });
}

module.exports = { run };
