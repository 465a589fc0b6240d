#!/usr/bin/env bash
# try-runtime (issue "Reliability", part 2): builds real state on a fresh dev chain (services, an
# open and a closing channel, a direct payment, share- and token-weighted DAOs with votes; see
# client/reliability/snapshot.js), snapshots the state of block N-1 and block N, then runs the two
# try-runtime checks on it with `servicechain-try-runtime` (fuzz/src/bin/try-runtime.rs):
#   on-runtime-upgrade  the runtime's `Migrations` with pre_upgrade/post_upgrade, then every
#                       pallet's try_state, on the live state;
#   execute-block       block N re-executed on its parent's state: signatures, state root,
#                       every pallet's try_state;
# then the first real upgrade (client/reliability/upgrade.js): a chain started from the spec-1
# runtime (runtime/upgrades/) with v0 state goes through on-runtime-upgrade and is then
# upgraded live with set_code, and the migrated state is checked and used.
# The two checks, and the upgrade's on-runtime-upgrade, run the runtime's native code built with
# the `try-runtime` feature (shared with the fuzzer's build). Needs the release
# servicechain-node (for the live chains).
#
# Exit status: 0 passed, 1 failed, 3 NOT RUN (`--check`: only tells whether it can run here).
set -uo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT" || exit 1

can_run "try-runtime" "cargo build --release -p servicechain-node" "$SERVICECHAIN_NODE" || exit 3
[ "${1:-}" = "--check" ] && exit 0

export SKIP_WASM_BUILD=1
step "build servicechain-try-runtime (release, try-runtime)" \
	cargo build --release --locked -p servicechain-fuzz --features try-runtime \
	--bin servicechain-try-runtime || { summary; exit 1; }
snapshot="$(mktemp /tmp/servicechain-snapshot.XXXXXX.json)"
failed=0
# The snapshot is kept when a check failed, to look at or replay.
trap '[ "$failed" -eq 0 ] && rm -f "$snapshot" || echo "==> snapshot kept in $snapshot"' EXIT
step "snapshot of a live dev chain (client/reliability/snapshot.js)" \
	node client/reliability/snapshot.js "$snapshot" || { summary; exit 1; }
step "try-runtime on-runtime-upgrade" \
	"$CARGO_TARGET_DIR/release/servicechain-try-runtime" on-runtime-upgrade "$snapshot" || failed=1
step "try-runtime execute-block" \
	"$CARGO_TARGET_DIR/release/servicechain-try-runtime" execute-block "$snapshot" || failed=1
# The first real upgrade: spec 1 (storage v0, runtime/upgrades/) to this runtime, on a live
# chain with v0 state (its snapshot through on-runtime-upgrade, then set_code on the node).
step "runtime upgrade spec 1 -> current on a live chain (client/reliability/upgrade.js)" \
	node client/reliability/upgrade.js \
	runtime/upgrades/servicechain-runtime-spec1-15c04a1.compact.compressed.wasm \
	"$RUNTIME_WASM" \
	"$CARGO_TARGET_DIR/release/servicechain-try-runtime" || failed=1
summary
exit $failed
