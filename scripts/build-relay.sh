#!/usr/bin/env bash
# Builds the relay-chain binaries zombienet needs, pinned to the SDK release ServiceChain uses:
# `polkadot`, `polkadot-prepare-worker` and `polkadot-execute-worker` from the crate `polkadot`
# 41.0.0 (stable2609, reports `polkadot 1.25.1`), into $HOME/.cache/servicechain/bin.
#
# Skips the build when binaries of that version are already there. Uses the shared
# CARGO_TARGET_DIR (outside any workspace) so the node's dependencies are reused; with the node
# built, expect ~45 minutes on 2 cores. WASM_BUILD_WORKSPACE_HINT is unset for `cargo install`:
# the ServiceChain workspace's Cargo.lock does not list the relay runtimes.
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

install_relay() {
	mkdir -p "$RELAY_BIN_DIR"
	# `cargo install --root R` puts the binaries in R/bin.
	env -u WASM_BUILD_WORKSPACE_HINT nice -n "$NICE" \
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
