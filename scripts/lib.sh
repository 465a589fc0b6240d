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
# The stock omni node (scripts/build-omni-node.sh) that scripts/omni-node-test.sh runs.
export OMNI_NODE="${OMNI_BIN_DIR:-$HOME/.cache/servicechain/omni/bin}/polkadot-omni-node"

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

# The unpacked source of crate $1 version $2 in cargo's registry cache, if there.
crate_source() {
	ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/"$1-$2" 2>/dev/null | head -n 1
}

# fetch_crate_source CRATE VERSION: has cargo download and unpack the crate (checksummed like
# any dependency) without building it.
fetch_crate_source() {
	local tmp rc
	tmp="$(mktemp -d)"
	mkdir -p "$tmp/src"
	: >"$tmp/src/lib.rs"
	printf '[package]\nname = "crate-fetch"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\n%s = "=%s"\n' \
		"$1" "$2" >"$tmp/Cargo.toml"
	(cd "$tmp" && cargo fetch --quiet)
	rc=$?
	rm -rf "$tmp"
	return $rc
}

# install_pinned_crate CRATE VERSION BIN_DIR [cargo install args...]: `cargo install --locked`
# of a Polkadot SDK binary crate into BIN_DIR (which must end in /bin), at low priority (NICE,
# default 10), in the shared CARGO_TARGET_DIR.
#
# Such crates embed runtimes (rococo, westend) that substrate-wasm-builder builds to WASM; it
# needs the Cargo.lock of the workspace being built. The ServiceChain workspace's lock does not
# list them ("Failed to find entry for package rococo-runtime"), and without any lock the WASM
# would be built from whatever dependency versions are newest. So WASM_BUILD_WORKSPACE_HINT
# points at the crate's own source in cargo's registry cache, whose Cargo.lock is the one
# `--locked` uses: the native binary and the runtimes it embeds get the same pinned versions.
install_pinned_crate() {
	local crate="$1" version="$2" bin_dir="$3" src
	shift 3
	if [ "$(basename "$bin_dir")" != bin ]; then
		echo "$bin_dir must end in /bin (cargo install --root puts binaries in <root>/bin)" >&2
		return 2
	fi
	mkdir -p "$bin_dir"
	src="$(crate_source "$crate" "$version")"
	if [ -z "$src" ]; then
		fetch_crate_source "$crate" "$version" || return 1
		src="$(crate_source "$crate" "$version")"
	fi
	if [ ! -f "$src/Cargo.lock" ]; then
		echo "no Cargo.lock in the $crate $version crate source ($src)" >&2
		return 1
	fi
	echo "embedded runtimes' WASM pinned by $src/Cargo.lock"
	WASM_BUILD_WORKSPACE_HINT="$src" nice -n "${NICE:-10}" \
		cargo install "$crate" --version "$version" --locked --root "$(dirname "$bin_dir")" "$@"
}
