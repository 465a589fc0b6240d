#!/usr/bin/env bash
# Builds the relay-chain binaries zombienet needs, pinned to the SDK release ServiceChain uses:
# `polkadot`, `polkadot-prepare-worker` and `polkadot-execute-worker` from the crate `polkadot`
# 41.0.0 (stable2609, reports `polkadot 1.25.1`; the versions are set in scripts/lib.sh), into
# RELAY_BIN_DIR.
#
# Skips the build when all three are there and `polkadot` is of that version. Uses the shared
# CARGO_TARGET_DIR (outside any workspace) so the node's dependencies are reused; with the node
# built, expect ~55 minutes on 2 cores (measured 2026-11-26).
#
# The relay runtimes' WASM is pinned by the `polkadot` crate's own Cargo.lock (see
# install_pinned_crate in scripts/lib.sh).
#
# Options (environment): RELAY_BIN_DIR (default $HOME/.cache/servicechain/bin), NICE (default
# 10: the build yields to interactive work).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

have_relay() {
	local b
	for b in "${RELAY_BINARIES[@]}"; do
		[ -x "$RELAY_BIN_DIR/$b" ] || return 1
	done
	"$RELAY_BIN_DIR/polkadot" --version 2>/dev/null | grep -q "polkadot $SDK_BINARY_VERSION"
}

install_relay() {
	install_pinned_crate polkadot "$POLKADOT_CRATE_VERSION" "$RELAY_BIN_DIR" --bins &&
		"$RELAY_BIN_DIR/polkadot" --version
}

if have_relay; then
	echo "==> relay binaries $SDK_BINARY_VERSION already in $RELAY_BIN_DIR: nothing to build"
	exit 0
fi
step "cargo install polkadot $POLKADOT_CRATE_VERSION (relay + workers)" install_relay
summary
