#!/usr/bin/env bash
# ServiceChain's benchmark suite: settlement cost of metered calls, claims per block, discovery
# latency at 1k/10k/100k services, sustained throughput, node memory and database size.
# Starts its own `servicechain-node --dev` on 127.0.0.1 (built if needed), prints a table and
# writes docs/performance.md. Takes about 15 minutes on 2 cores.
#
# Options (environment): BENCH_SERVICES (default 1000,10000,100000), BENCH_QUERIES (default 200),
# BENCH_TRANSFERS (default 10000), BENCH_OUT (default docs/performance.md).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

if [ ! -x "$SERVICECHAIN_NODE" ]; then
	step "build servicechain-node (release)" cargo build --release --locked -p servicechain-node
fi
if [ ! -d client/node_modules ]; then
	step "npm ci" npm --prefix client ci
fi
step "benchmark suite" node client/bench/bench.js
summary
