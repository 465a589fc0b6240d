#!/usr/bin/env bash
# Runs zombienet/smoke.zndsl (or ZOMBIENET_ZNDSL, e.g. zombienet/elastic-scaling.zndsl: 3 cores,
# slot-based collators): a rococo-local relay chain (2 validators) with ServiceChain
# (para 2000, 2 collators) on 127.0.0.1, bounded in time; the network is torn down even on
# failure. Needs the relay binaries (scripts/build-relay.sh) and servicechain-node (release).
#
# Exit status: 0 passed, 1 failed, 3 not run (relay binaries or servicechain-node missing: never
# reported as passed). `--check` only tells (0/3) whether it can run here.
# Options (environment): RELAY_BIN_DIR (default $HOME/.cache/servicechain/bin),
# ZOMBIENET_TIMEOUT (seconds, default 1200), ZOMBIENET_LOG (the run's output, default
# $HOME/.cache/servicechain/logs/zombienet-<zndsl name>.log, e.g. zombienet-smoke.log; the nodes'
# own logs are copied next to it as zombienet-<node>.log when the test fails).
set -uo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT" || exit 1

ZOMBIENET_TIMEOUT="${ZOMBIENET_TIMEOUT:-1200}"
ZOMBIENET_ZNDSL="${ZOMBIENET_ZNDSL:-zombienet/smoke.zndsl}"
ZOMBIENET_LOG="${ZOMBIENET_LOG:-$LOG_DIR/zombienet-$(basename "$ZOMBIENET_ZNDSL" .zndsl).log}"

# The description of this step, the same as in scripts/test.sh (its NOT RUN line and summary).
STEP="zombienet: relay chain + 2 collators"
relay_binaries=()
for b in "${RELAY_BINARIES[@]}"; do
	relay_binaries+=("$RELAY_BIN_DIR/$b")
done
can_run "$STEP" "build the relay binaries with scripts/build-relay.sh, ~55 min" \
	"${relay_binaries[@]}" || exit 3
can_run "$STEP" "cargo build --release -p servicechain-node" "$SERVICECHAIN_NODE" || exit 3
# `--check`: only tell (exit 0/3) whether the test can run here.
if [ "${1:-}" = "--check" ]; then
	exit 0
fi
if [ ! -x zombienet/node_modules/.bin/zombienet ]; then
	npm --prefix zombienet ci --no-audit --no-fund || exit 1
fi
# The js-scripts talk to the nodes through ServiceChain's SDK in client/.
if [ ! -d client/node_modules ]; then
	npm --prefix client ci --no-audit --no-fund || exit 1
fi
# Zombienet (polkadot.js 14, CommonJS) and the SDK (polkadot.js 16, ES modules) each load their
# own polkadot.js in the one process, on purpose: polkadot.js warns once about "multiple
# versions"; each API object uses only its own copy.

work="$(mktemp -d /tmp/servicechain-zombienet.XXXXXX)"
rc=1
teardown() {
	# Every process of the network has its files under $work.
	pkill -TERM -f "$work" 2>/dev/null
	sleep 2
	pkill -KILL -f "$work" 2>/dev/null
	if [ "$rc" -ne 0 ]; then
		local f
		for f in "$work"/network/*.log; do
			[ -f "$f" ] && cp "$f" "$(dirname "$ZOMBIENET_LOG")/zombienet-$(basename "$f")"
		done
		echo "==> node logs copied to $(dirname "$ZOMBIENET_LOG")/zombienet-*.log"
	fi
	rm -rf "$work"
}
trap teardown EXIT

mkdir -p "$(dirname "$ZOMBIENET_LOG")"
rm -f "$(dirname "$ZOMBIENET_LOG")"/zombienet-*.log
PATH="$RELAY_BIN_DIR:$(dirname "$SERVICECHAIN_NODE"):$PATH"
export PATH
echo "==> relay: $(polkadot --version)"
echo "==> parachain: $(servicechain-node --version)"
t0=$(date +%s)
timeout --kill-after=30 "$ZOMBIENET_TIMEOUT" \
	zombienet/node_modules/.bin/zombienet test --provider native --dir "$work/network" \
	"$ZOMBIENET_ZNDSL" 2>&1 | tee "$ZOMBIENET_LOG"
rc=${PIPESTATUS[0]}
# Zombienet exits 0 when it is sent SIGTERM; only its test runner's own "exit code 0" (printed
# after every assertion ran) counts as a pass.
if [ "$rc" -eq 0 ] && ! grep -aq '^exit code 0$' "$ZOMBIENET_LOG"; then
	echo "==> zombienet exited 0 but its test runner did not report success: counted as failed"
	rc=1
fi
echo "==> zombienet test $ZOMBIENET_ZNDSL: exit $rc after $(($(date +%s) - t0))s (output: $ZOMBIENET_LOG)"
grep -h '^summary:' "$ZOMBIENET_LOG" | tail -n 1
exit "$rc"
