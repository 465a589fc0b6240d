#!/usr/bin/env bash
# Command 1 of the README: sets up, builds and starts a ServiceChain development node.
# Extra arguments are passed to the node (e.g. `./scripts/dev-node.sh --tmp`). The node seals a
# block every 2 s: it adds `--dev-block-time 2000` to `--dev` unless the arguments give
# `--dev-block-time` or `--instant-seal` (docs/operations.md, "Running a development node").
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

step "set-up" "$REPO_ROOT/scripts/setup.sh"
step "build servicechain-node (release; a cold build took 56 min on 2 cores)" \
	cargo build --release --locked -p servicechain-node --manifest-path "$REPO_ROOT/Cargo.toml"
summary

RPC_PORT="${RPC_PORT:-9944}"
cat <<MSG

==> Starting the ServiceChain dev chain (a block every ~2 s, no relay chain needed).
    JSON-RPC / WebSocket: ws://127.0.0.1:${RPC_PORT}
    polkadot.js Apps:     https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A${RPC_PORT}#/explorer
    Dev accounts (//Alice, //Bob, ...) hold 1,000,000 SCV each. Stop with Ctrl-C.

MSG
exec "$SERVICECHAIN_NODE" --dev --rpc-port "$RPC_PORT" "$@"
