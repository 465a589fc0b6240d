#!/usr/bin/env bash
# Runs zombienet/smoke.zndsl: a rococo-local relay chain (2 validators) with ServiceChain
# (para 2000, 2 collators) on 127.0.0.1, bounded in time; the network is torn down even on
# failure. Needs the relay binaries (scripts/build-relay.sh) and servicechain-node (release).
#
# Exit status: 0 passed, 1 failed, 3 not run (relay binaries missing: never reported as passed).
# Options (environment): RELAY_BIN_DIR (default $HOME/.cache/servicechain/bin),
# ZOMBIENET_TIMEOUT (seconds, default 1800).
set -uo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

RELAY_BIN_DIR="${RELAY_BIN_DIR:-$HOME/.cache/servicechain/bin}"
ZOMBIENET_TIMEOUT="${ZOMBIENET_TIMEOUT:-1800}"

for b in polkadot polkadot-prepare-worker polkadot-execute-worker; do
	if [ ! -x "$RELAY_BIN_DIR/$b" ]; then
		echo "==> zombienet test NOT RUN: $RELAY_BIN_DIR/$b is missing (build the relay binaries with scripts/build-relay.sh, ~45 min)"
		exit 3
	fi
done
if [ ! -x "$SERVICECHAIN_NODE" ]; then
	echo "==> zombienet test NOT RUN: $SERVICECHAIN_NODE is missing (cargo build --release -p servicechain-node)"
	exit 3
fi
# `--check`: only tell (exit 0/3) whether the test can run here.
if [ "${1:-}" = "--check" ]; then
	exit 0
fi
if [ ! -x zombienet/node_modules/.bin/zombienet ]; then
	npm --prefix zombienet ci --no-audit --no-fund || exit 1
fi

work="$(mktemp -d /tmp/servicechain-zombienet.XXXXXX)"
teardown() {
	# Every process of the network has its files under $work.
	pkill -TERM -f "$work" 2>/dev/null
	sleep 2
	pkill -KILL -f "$work" 2>/dev/null
	rm -rf "$work"
}
trap teardown EXIT

export PATH="$RELAY_BIN_DIR:$(dirname "$SERVICECHAIN_NODE"):$PATH"
echo "==> relay: $(polkadot --version)"
echo "==> parachain: $(servicechain-node --version)"
t0=$(date +%s)
timeout --kill-after=30 "$ZOMBIENET_TIMEOUT" \
	zombienet/node_modules/.bin/zombienet test --provider native --dir "$work/network" zombienet/smoke.zndsl
rc=$?
echo "==> zombienet smoke test: exit $rc after $(($(date +%s) - t0))s"
exit $rc
