// The `scv` CLI offline: help texts name every command, usage errors exit 2 with a message.
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import assert from 'node:assert/strict';

const SCV = new URL('../bin/scv', import.meta.url).pathname;
const run = (...args) => spawnSync(process.execPath, [SCV, ...args], { encoding: 'utf8', env: { ...process.env, SCV_SURI: '' } });

test('help lists every group and command', () => {
  const main = run('--help');
  assert.equal(main.status, 0);
  for (const word of ['balance', 'service', 'channel', 'dao', 'gateway', '--url', '--suri', '--json']) {
    assert.ok(main.stdout.includes(word), word);
  }
  const groups = {
    service: ['register', 'list', 'show', 'heartbeat', 'deregister'],
    channel: ['open', 'topup', 'claim', 'close', 'list', 'show'],
    dao: ['create', 'propose', 'vote', 'close', 'execute', 'list', 'show'],
    gateway: ['--service', '--upstream', '--listen', '--state', '--claim-interval', '--claim-threshold']
  };
  for (const [group, words] of Object.entries(groups)) {
    const help = run(group, '--help');
    assert.equal(help.status, 0, group);
    for (const w of words) assert.ok(help.stdout.includes(w), `${group} ${w}`);
  }
});

test('usage errors exit 2 with a clear message and never echo the key', () => {
  const unknown = run('bogus');
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown group "bogus"/);
  const badOption = run('service', 'list', '--nope');
  assert.notEqual(badOption.status, 0);
  const json = run('channel', 'open', 'x', '--json', '--url', 'ws://127.0.0.1:1');
  assert.notEqual(json.status, 0);
  const secret = run('gateway', '--suri', 'bottom drive obey lake curtain smoke basket hold race lonely fit walk', '--service', 'abc');
  assert.equal(secret.status, 2);
  assert.ok(!secret.stderr.includes('bottom drive'), 'the key is not printed');
});
