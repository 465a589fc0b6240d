#!/usr/bin/env bash
# Command 2 of the README: sets up and runs ALL tests (what CI runs, through .ci/run):
#   formatting, the node build, Rust unit/integration tests (pallets, runtime, node), the runtime
#   fuzzer's bounded run, the native genesis builder, pallet benchmarks as tests, the SDK's
#   native voucher crypto, clippy, the client tests (client/test: polkadot.js, end-to-end against
#   a real `servicechain-node --dev`), the crash tests (node and gateway killed under load, RPC
#   abuse), try-runtime on a live dev chain's snapshot, and, when their binaries are in the
#   cache, the same end-to-end tests on the stock polkadot-omni-node and the zombienet
#   relay-chain test (otherwise NOT RUN, never passed). Prints how long each step took.
set -uo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT" || exit 1

failed=0
run() { step "$@" || failed=1; }

step "set-up" "$REPO_ROOT/scripts/setup.sh" || { summary; exit 1; }
run "cargo fmt --check" cargo fmt --all -- --check
# One profile (release) for everything, so tests and clippy reuse the node's dependencies.
step "build servicechain-node (release)" cargo build --release --locked -p servicechain-node \
	|| { summary; exit 1; }
run "Rust tests (pallets, runtime, node)" cargo test --release --locked --workspace
# The runtime fuzzer's bounded run (fuzz/): 20,000 signed extrinsics in real blocks from a fixed
# seed, every pallet's try_state and the money invariants after every block. Native only, with
# the runtime's `try-runtime` feature (which also builds its TryRuntime API).
run "runtime fuzzer: 20,000 extrinsics, try_state after every block" \
	env SKIP_WASM_BUILD=1 cargo test --release --locked -p servicechain-fuzz --features try-runtime
# The native genesis builder (fuzz/src/bin/genesis.rs) the web app's 100,000-service test
# needs: the WASM genesis build cannot hold that many. Same features as the fuzzer: seconds.
run "build servicechain-genesis (release)" \
	env SKIP_WASM_BUILD=1 cargo build --release --locked -p servicechain-fuzz --features try-runtime \
	--bin servicechain-genesis
# Every pallet benchmark also runs once as a test against the pallet's mock runtime.
run "pallet benchmarks as tests" cargo test --release --locked \
	-p pallet-service-registry -p pallet-metered-payments -p pallet-dao --features runtime-benchmarks
# The SDK's native voucher crypto (client/native, an N-API addon): the client tests use it (and
# test it against the WASM), as the gateway does in production.
run "build the SDK's native voucher crypto (scripts/build-native.sh)" "$REPO_ROOT/scripts/build-native.sh"
run "cargo clippy --workspace" \
	cargo clippy --release --locked --workspace --all-targets -- -D warnings
run "client tests (polkadot.js end-to-end against servicechain-node --dev)" \
	npm --prefix "$REPO_ROOT/client" test
# Reliability (docs/reliability.md): kill -9 of the node and of the gateway under load, hostile
# RPC requests; try-runtime's on-runtime-upgrade and execute-block on a live chain's snapshot.
run "crash tests: node and gateway killed under load, RPC abuse (scripts/crash-test.sh)" \
	"$REPO_ROOT/scripts/crash-test.sh"
run "try-runtime: on-runtime-upgrade and execute-block on a live dev chain (scripts/try-runtime.sh)" \
	"$REPO_ROOT/scripts/try-runtime.sh"
# The optional steps (optional_step in scripts/lib.sh): each runs when its binaries are in the
# cache, otherwise it is reported as NOT RUN with what is missing and how to build it, never as
# passed. Each description is also the script's own STEP.
# The same end-to-end tests on the stock polkadot-omni-node (scripts/build-omni-node.sh).
optional_step "client end-to-end tests on the stock polkadot-omni-node" scripts/omni-node-test.sh \
	|| failed=1
# The relay-chain network test: the relay binaries take ~55 min to build (scripts/build-relay.sh).
optional_step "zombienet: relay chain + 2 collators" scripts/zombienet-test.sh || failed=1

summary
if [ $failed -ne 0 ]; then
	echo "==> SOME TESTS FAILED"
	exit 1
fi
echo "==> all tests passed"
