#!/usr/bin/env bash
# Builds the relay-chain binaries zombienet needs, pinned to the SDK release ServiceChain uses:
# `polkadot`, `polkadot-prepare-worker` and `polkadot-execute-worker` from the crate `polkadot`
# 41.0.0 (stable2609, reports `polkadot 1.25.1`), into $HOME/.cache/servicechain/bin.
#
# Skips the build when binaries of that version are already there. Uses the shared
# CARGO_TARGET_DIR (outside any workspace) so the node's dependencies are reused; with the node
# built, expect ~55 minutes on 2 cores (measured 2026-11-26).
#
# The relay runtimes (rococo, westend) are built to WASM by substrate-wasm-builder, which needs
# the Cargo.lock of the workspace being built; the ServiceChain workspace's lock does not list
# them ("Failed to find entry for package rococo-runtime"), and without any lock the WASM would
# be built from whatever dependency versions are newest. So WASM_BUILD_WORKSPACE_HINT points at
# the source of the `polkadot` crate itself (in cargo's registry cache), whose Cargo.lock is the
# one `--locked` uses: the native binary and the runtimes it embeds get the same pinned versions.
#
# Options (environment): RELAY_BIN_DIR (default $HOME/.cache/servicechain/bin), NICE (default
# 10: the build yields to interactive work).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

POLKADOT_CRATE_VERSION=41.0.0
POLKADOT_BINARY_VERSION=1.25.1
RELAY_BIN_DIR="${RELAY_BIN_DIR:-$HOME/.cache/servicechain/bin}"
NICE="${NICE:-10}"

have_relay() {
	local b
	for b in polkadot polkadot-prepare-worker polkadot-execute-worker; do
		[ -x "$RELAY_BIN_DIR/$b" ] || return 1
	done
	"$RELAY_BIN_DIR/polkadot" --version 2>/dev/null | grep -q "polkadot $POLKADOT_BINARY_VERSION"
}

# The unpacked source of the `polkadot` crate in cargo's registry cache, if there.
relay_source() {
	ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/"polkadot-$POLKADOT_CRATE_VERSION" 2>/dev/null | head -n 1
}

# Has cargo download and unpack the `polkadot` crate (checksummed like any dependency).
fetch_relay_source() {
	local tmp
	tmp="$(mktemp -d)"
	mkdir -p "$tmp/src"
	: >"$tmp/src/lib.rs"
	printf '[package]\nname = "relay-fetch"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\npolkadot = "=%s"\n' \
		"$POLKADOT_CRATE_VERSION" >"$tmp/Cargo.toml"
	(cd "$tmp" && cargo fetch --quiet)
	local rc=$?
	rm -rf "$tmp"
	return $rc
}

install_relay() {
	mkdir -p "$RELAY_BIN_DIR"
	local src
	src="$(relay_source)"
	if [ -z "$src" ]; then
		fetch_relay_source || return 1
		src="$(relay_source)"
	fi
	if [ ! -f "$src/Cargo.lock" ]; then
		echo "no Cargo.lock in the polkadot $POLKADOT_CRATE_VERSION crate source ($src)" >&2
		return 1
	fi
	echo "relay runtimes' WASM pinned by $src/Cargo.lock"
	# `cargo install --root R` puts the binaries in R/bin.
	WASM_BUILD_WORKSPACE_HINT="$src" nice -n "$NICE" \
		cargo install polkadot --version "$POLKADOT_CRATE_VERSION" --locked \
		--root "$(dirname "$RELAY_BIN_DIR")" --bins
	"$RELAY_BIN_DIR/polkadot" --version
}

if have_relay; then
	echo "==> relay binaries $POLKADOT_BINARY_VERSION already in $RELAY_BIN_DIR: nothing to build"
	exit 0
fi
case "$(basename "$RELAY_BIN_DIR")" in
bin) ;;
*)
	echo "RELAY_BIN_DIR must end in /bin (cargo install --root puts binaries in <root>/bin)" >&2
	exit 2
	;;
esac
step "cargo install polkadot $POLKADOT_CRATE_VERSION (relay + workers)" install_relay
summary
