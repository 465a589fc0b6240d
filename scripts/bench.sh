#!/usr/bin/env bash
# ServiceChain's benchmark suite, one command for docs/performance.md: settlement cost of
# metered calls, claims per block, discovery latency (services registered by extrinsics, and a
# million in genesis), sustained throughput, node memory and database size, the gateway beside
# a plain proxy (1 and 10,000 channels) and voucher signing and verification rates. Every
# figure sits beside its baseline from the same run and beside the figures before issue 18
# (docs/performance-baseline.json). Starts its own nodes on 127.0.0.1 (built if needed), prints
# the report and writes docs/performance.md and docs/performance.json. About 15 minutes on 2
# cores once the binaries are built.
#
# Options (environment): BENCH_SERVICES (default 1000,10000), BENCH_QUERIES (default 200),
# BENCH_TRANSFERS (default 10000), BENCH_CLAIMS (default 2000), BENCH_OUT (default
# docs/performance.md), GW_CHANNELS (default 10000), GW_CONCURRENCY (32), GW_REQUESTS (4000),
# DISCO_SERVICES (default 1000000).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

if [ ! -x "$SERVICECHAIN_NODE" ]; then
	step "build servicechain-node (release)" cargo build --release --locked -p servicechain-node
fi
# The million-service genesis is built natively (client/test/helpers/many-services.js).
step "build servicechain-genesis (release)" env SKIP_WASM_BUILD=1 \
	cargo build --release --locked -p servicechain-fuzz --features try-runtime --bin servicechain-genesis
# The gateway verifies vouchers with the SDK's native crypto, as in production.
step "build the SDK's native voucher crypto" "$REPO_ROOT/scripts/build-native.sh"
if [ ! -d client/node_modules ]; then
	step "npm ci" npm --prefix client ci
fi
step "benchmark suite" node client/bench/bench.js
summary
