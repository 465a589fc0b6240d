# Shared by the scripts: environment and step timing. Source it, do not run it.
# shellcheck shell=bash

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT

# Build cache outside any workspace, shared by dev runs and CI (never `cargo clean` it).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/servicechain/target}"
# substrate-wasm-builder looks for Cargo.lock upward from the target dir; point it here.
export WASM_BUILD_WORKSPACE_HINT="${WASM_BUILD_WORKSPACE_HINT:-$REPO_ROOT}"
export PATH="$HOME/.cargo/bin:$PATH"
# The node binary the client tests use.
export SERVICECHAIN_NODE="${SERVICECHAIN_NODE:-$CARGO_TARGET_DIR/release/servicechain-node}"

SCRIPT_STARTED=$(date +%s)
STEP_SUMMARY=()

# step "description" command args... : runs a command, prints how long it took.
step() {
	local name="$1"
	shift
	local t0 t1 rc
	t0=$(date +%s)
	printf '\n==> %s\n' "$name"
	"$@"
	rc=$?
	t1=$(date +%s)
	if [ $rc -eq 0 ]; then
		printf '==> %s: ok in %ss\n' "$name" "$((t1 - t0))"
		STEP_SUMMARY+=("$(printf '%6ss  ok    %s' "$((t1 - t0))" "$name")")
	else
		printf '==> %s: FAILED (exit %s) after %ss\n' "$name" "$rc" "$((t1 - t0))"
		STEP_SUMMARY+=("$(printf '%6ss  FAIL  %s' "$((t1 - t0))" "$name")")
	fi
	return $rc
}

# skip "description" "reason": records a step that was not run (never as passed).
skip() {
	printf '\n==> %s: NOT RUN: %s\n' "$1" "$2"
	STEP_SUMMARY+=("$(printf '%6s  SKIP  %s (%s)' '-' "$1" "$2")")
}

# Prints the timing of every step so far.
summary() {
	printf '\n==> Step timings\n'
	printf '%s\n' "${STEP_SUMMARY[@]}"
	printf '%6ss  total\n' "$(($(date +%s) - SCRIPT_STARTED))"
}
