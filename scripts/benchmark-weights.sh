#!/usr/bin/env bash
# Generates the weights of ServiceChain's pallets on this machine.
#
#   1. builds servicechain-node (release) - its `benchmark-pallet` subcommand runs benchmarks;
#   2. builds the runtime WASM with the `runtime-benchmarks` feature;
#   3. benchmarks every ServiceChain pallet into pallets/<name>/src/weights.rs, and the SDK
#      pallets that ship no weights of their own (pallet_xcm) into runtime/src/weights/;
#   4. benchmarks the block and extrinsic execution overhead (`benchmark-overhead`: blocks of
#      `system.remark`s) into runtime/src/weights/{block,extrinsic}_weights.rs.
#
# Options (environment): STEPS (default 50), REPEAT (default 20), PALLETS (default: all),
# OVERHEAD (1 to run step 4; default 1 when PALLETS is not given, else 0).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"
# pallet crate name -> weights file (our pallets: their own WeightInfo trait and template;
# SDK pallets: the benchmark CLI's runtime template, implementing the pallet's trait)
declare -A PALLET_WEIGHTS=(
	[pallet_service_registry]=pallets/service-registry/src/weights.rs
	[pallet_metered_payments]=pallets/metered-payments/src/weights.rs
	[pallet_dao]=pallets/dao/src/weights.rs
	[pallet_xcm]=runtime/src/weights/pallet_xcm.rs
)
if [ -z "${PALLETS:-}" ]; then OVERHEAD="${OVERHEAD:-1}"; fi
OVERHEAD="${OVERHEAD:-0}"
PALLETS="${PALLETS:-${!PALLET_WEIGHTS[*]}}"
BENCH_WASM="$CARGO_TARGET_DIR/benchmarks/servicechain_runtime.runtime-benchmarks.compact.compressed.wasm"

build_node() {
	cargo build --release --locked -p servicechain-node
}

build_benchmark_runtime() {
	# `check` runs the runtime's build script, which builds the WASM with the feature, without
	# compiling the native runtime in release mode a second time.
	cargo check --release --locked -p servicechain-runtime --features runtime-benchmarks
	mkdir -p "$(dirname "$BENCH_WASM")"
	cp "$RUNTIME_WASM" "$BENCH_WASM"
}

benchmark() {
	local pallet="$1" output="${PALLET_WEIGHTS[$1]}" template=()
	case "$output" in
	pallets/*) template=(--template scripts/pallet-weight-template.hbs) ;;
	esac
	"$SERVICECHAIN_NODE" benchmark-pallet \
		--runtime "$BENCH_WASM" \
		--genesis-builder runtime \
		--pallet "$pallet" --extrinsic '*' \
		--steps "$STEPS" --repeat "$REPEAT" \
		--wasm-execution compiled \
		"${template[@]}" \
		--header scripts/weights-header.txt \
		--output "$output"
}

overhead() {
	"$SERVICECHAIN_NODE" benchmark-overhead \
		--runtime "$BENCH_WASM" \
		--genesis-builder runtime \
		--wasm-execution compiled \
		--header scripts/weights-header.txt \
		--weight-path runtime/src/weights/
}

step "build servicechain-node" build_node
step "build the runtime WASM with runtime-benchmarks" build_benchmark_runtime
for p in $PALLETS; do
	step "benchmark $p (steps $STEPS, repeat $REPEAT)" benchmark "$p"
done
if [ "$OVERHEAD" = 1 ]; then
	step "benchmark the block and extrinsic overhead" overhead
fi
summary
