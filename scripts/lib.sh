# Shared by the scripts: the defaults of their environment, step timing, the NOT RUN check of the
# optional steps, and pinned crate installs. Source it, do not run it.
# shellcheck shell=bash
# shellcheck disable=SC2034 # the defaults below are used by the scripts that source this file

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT

# The defaults of the paths and versions the scripts use are set here, once (the options of one
# script alone, such as its timeouts, stay in that script); a variable the caller set wins,
# except where a comment says "fixed".

# Caches shared by dev runs and CI, outside any workspace (fixed: override the variables below).
CACHE_DIR="$HOME/.cache/servicechain"
# The build cache (never `cargo clean` it).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CACHE_DIR/target}"
# substrate-wasm-builder looks for Cargo.lock upward from the target dir; point it here.
export WASM_BUILD_WORKSPACE_HINT="${WASM_BUILD_WORKSPACE_HINT:-$REPO_ROOT}"
export PATH="$HOME/.cargo/bin:$PATH"
# The node binary the client tests use.
export SERVICECHAIN_NODE="${SERVICECHAIN_NODE:-$CARGO_TARGET_DIR/release/servicechain-node}"
# The runtime WASM of that build (fixed: follows CARGO_TARGET_DIR).
RUNTIME_WASM="$CARGO_TARGET_DIR/release/wbuild/servicechain-runtime/servicechain_runtime.compact.compressed.wasm"
# Logs kept after a run (fixed: scripts/zombienet-test.sh takes ZOMBIENET_LOG).
LOG_DIR="$CACHE_DIR/logs"

# The Polkadot SDK release ServiceChain uses (stable2609; fixed): the crates of the optional
# binaries, and the version those binaries report.
POLKADOT_CRATE_VERSION=41.0.0
OMNI_CRATE_VERSION=0.24.0
SDK_BINARY_VERSION=1.25.1
# The relay chain binaries (scripts/build-relay.sh) that scripts/zombienet-test.sh runs.
RELAY_BIN_DIR="${RELAY_BIN_DIR:-$CACHE_DIR/bin}"
RELAY_BINARIES=(polkadot polkadot-prepare-worker polkadot-execute-worker)
# The stock omni node (scripts/build-omni-node.sh) that scripts/omni-node-test.sh runs (OMNI_NODE
# itself is fixed: set OMNI_BIN_DIR).
OMNI_BIN_DIR="${OMNI_BIN_DIR:-$CACHE_DIR/omni/bin}"
export OMNI_NODE="$OMNI_BIN_DIR/polkadot-omni-node"

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

# skip "description" "reason": records a step that was not run (never as passed) and says so:
# "==> NOT RUN: <description>: <reason>".
skip() {
	printf '\n==> NOT RUN: %s: %s\n' "$1" "$2"
	STEP_SUMMARY+=("$(printf '%6s  SKIP  %s (%s)' '-' "$1" "$2")")
}

# can_run "description" "how to get it" FILE...: the check of an optional step (one that needs
# binaries a build may not have made): 0 when every FILE is there (a program: executable; a
# *.wasm: a file). Otherwise, for the first one missing, says
# "==> NOT RUN: <description>: <FILE> is missing (<how to get it>)" through skip and returns 3,
# the scripts' "not run" exit status.
can_run() {
	local name="$1" how="$2" f
	shift 2
	for f in "$@"; do
		case "$f" in
		*.wasm) if [ -f "$f" ]; then continue; fi ;;
		*) if [ -x "$f" ]; then continue; fi ;;
		esac
		skip "$name" "$f is missing ($how)"
		return 3
	done
	return 0
}

# optional_step "description" SCRIPT: SCRIPT (a path from the repository root) is an optional
# step whose `--check` exits 0 when it can run here and otherwise prints can_run's NOT RUN line
# for the same description. Runs it as the step "description (SCRIPT)" when it can run;
# otherwise says NOT RUN with SCRIPT's reason and records a SKIP (never a pass). Returns the
# step's exit status, 0 when skipped.
optional_step() {
	local name="$1" script="$2" why
	if why="$("$REPO_ROOT/$script" --check 2>/dev/null)"; then
		step "$name ($script)" "$REPO_ROOT/$script"
		return
	fi
	case "$why" in
	*"NOT RUN: $name: "*) why="${why##*"NOT RUN: $name: "}" ;;
	*"NOT RUN: "*) why="${why##*NOT RUN: }" ;;
	*) why="$script --check: cannot run here" ;;
	esac
	skip "$name" "$why"
	return 0
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
