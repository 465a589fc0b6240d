#!/usr/bin/env bash
# Builds the stock `polkadot-omni-node` of the SDK release ServiceChain uses (crate
# `polkadot-omni-node` 0.24.0, stable2609, reports `polkadot-omni-node 1.25.1`; the versions are
# set in scripts/lib.sh) into OMNI_BIN_DIR, for scripts/omni-node-test.sh, which runs the
# client's end-to-end tests against it.
#
# Skips the build when that version is already there. Uses the shared CARGO_TARGET_DIR, so the
# node's dependencies are reused; the runtimes it embeds are pinned by the crate's own Cargo.lock
# (see install_pinned_crate in scripts/lib.sh).
#
# Options (environment): OMNI_BIN_DIR (default $HOME/.cache/servicechain/omni/bin), NICE
# (default 10: the build yields to interactive work).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if "$OMNI_NODE" --version 2>/dev/null | grep -q "polkadot-omni-node $SDK_BINARY_VERSION"; then
	echo "==> polkadot-omni-node $SDK_BINARY_VERSION already at $OMNI_NODE: nothing to build"
	exit 0
fi
install_omni() {
	install_pinned_crate polkadot-omni-node "$OMNI_CRATE_VERSION" "$(dirname "$OMNI_NODE")" &&
		"$OMNI_NODE" --version
}
step "cargo install polkadot-omni-node $OMNI_CRATE_VERSION" install_omni
summary
