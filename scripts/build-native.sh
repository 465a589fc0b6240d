#!/usr/bin/env bash
# Builds the SDK's native voucher cryptography (client/native: an N-API addon in Rust) and puts
# it where the SDK looks for it (client/native/servicechain-crypto.<platform>-<arch>.node, see
# client/src/native.js). Without it the SDK uses WASM, with the same results, slower.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

build() {
	cargo build --release --locked -p servicechain-crypto-node
	local platform arch
	platform="$(node -p process.platform)"
	arch="$(node -p process.arch)"
	cp "$CARGO_TARGET_DIR/release/libservicechain_crypto_node.so" \
		"client/native/servicechain-crypto.$platform-$arch.node"
}

step "build the SDK's native voucher crypto (client/native)" build
