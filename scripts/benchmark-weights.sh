#!/usr/bin/env bash
# Generates the weights of ServiceChain's pallets on this machine.
#
#   1. builds servicechain-node (release) - its `benchmark-pallet` subcommand runs benchmarks;
#   2. builds the runtime WASM with the `runtime-benchmarks` feature;
#   3. benchmarks every ServiceChain pallet into pallets/<name>/src/weights.rs.
#
# Options (environment): STEPS (default 50), REPEAT (default 20), PALLETS (default: all).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"
# pallet crate name -> directory
declare -A PALLET_DIRS=(
	[pallet_service_registry]=pallets/service-registry
	[pallet_metered_payments]=pallets/metered-payments
	[pallet_dao]=pallets/dao
)
PALLETS="${PALLETS:-${!PALLET_DIRS[*]}}"
BENCH_WASM="$CARGO_TARGET_DIR/benchmarks/servicechain_runtime.runtime-benchmarks.compact.compressed.wasm"

build_node() {
	cargo build --release --locked -p servicechain-node
}

build_benchmark_runtime() {
	# `check` runs the runtime's build script, which builds the WASM with the feature, without
	# compiling the native runtime in release mode a second time.
	cargo check --release --locked -p servicechain-runtime --features runtime-benchmarks
	mkdir -p "$(dirname "$BENCH_WASM")"
	cp "$CARGO_TARGET_DIR/release/wbuild/servicechain-runtime/servicechain_runtime.compact.compressed.wasm" \
		"$BENCH_WASM"
}

benchmark() {
	local pallet="$1" dir="${PALLET_DIRS[$1]}"
	"$SERVICECHAIN_NODE" benchmark-pallet \
		--runtime "$BENCH_WASM" \
		--genesis-builder runtime \
		--pallet "$pallet" --extrinsic '*' \
		--steps "$STEPS" --repeat "$REPEAT" \
		--wasm-execution compiled \
		--template scripts/pallet-weight-template.hbs \
		--header scripts/weights-header.txt \
		--output "$dir/src/weights.rs"
}

step "build servicechain-node" build_node
step "build the runtime WASM with runtime-benchmarks" build_benchmark_runtime
for p in $PALLETS; do
	step "benchmark $p (steps $STEPS, repeat $REPEAT)" benchmark "$p"
done
summary
