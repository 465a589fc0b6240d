#!/usr/bin/env bash
# Runs ServiceChain on the stock `polkadot-omni-node` (scripts/build-omni-node.sh), with nothing
# from servicechain-node: the omni node's own `chain-spec-builder` makes the development spec
# from the runtime WASM, and the client's end-to-end tests (client/test/e2e-*.test.js) run
# against `polkadot-omni-node --chain <that spec> --dev --dev-block-time 2000`.
# Also checks that this spec has the same genesis as servicechain-node's embedded `dev` spec.
#
# Exit status: 0 passed, 1 failed, 3 not run (the omni node, servicechain-node or the runtime
# WASM missing: never reported as passed). `--check` only tells (0/3) whether it can run here.
# Options (environment): OMNI_BIN_DIR (default $HOME/.cache/servicechain/omni/bin),
# OMNI_TEST_TIMEOUT (seconds, default 1200).
set -uo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT" || exit 1

OMNI_TEST_TIMEOUT="${OMNI_TEST_TIMEOUT:-1200}"

# The description of this step, the same as in scripts/test.sh (its NOT RUN line and summary).
STEP="client end-to-end tests on the stock polkadot-omni-node"
can_run "$STEP" "build it with scripts/build-omni-node.sh" "$OMNI_NODE" || exit 3
can_run "$STEP" "cargo build --release -p servicechain-node" \
	"$SERVICECHAIN_NODE" "$RUNTIME_WASM" || exit 3
if [ "${1:-}" = "--check" ]; then
	exit 0
fi
if [ ! -d client/node_modules ]; then
	npm --prefix client ci --no-audit --no-fund || exit 1
fi

work="$(mktemp -d /tmp/servicechain-omni.XXXXXX)"
trap 'pkill -KILL -f "$work" 2>/dev/null; rm -rf "$work"' EXIT
spec="$work/servicechain-dev.json"

echo "==> $("$OMNI_NODE" --version)"
"$OMNI_NODE" chain-spec-builder --chain-spec-path "$spec" create \
	--chain-name Development --chain-id servicechain_dev -t development \
	--relay-chain rococo-local --para-id 2000 --runtime "$RUNTIME_WASM" \
	--properties tokenSymbol=SCV,tokenDecimals=18,ss58Format=42 \
	named-preset development || exit 1
echo "==> development spec made by polkadot-omni-node chain-spec-builder: $spec"

# The same preset and WASM must give the same chain: compare the genesis heads.
omni_head="$("$OMNI_NODE" export-genesis-head --chain "$spec" 2>/dev/null)"
node_head="$("$SERVICECHAIN_NODE" export-genesis-head --chain dev 2>/dev/null)"
if [ -z "$omni_head" ] || [ "$omni_head" != "$node_head" ]; then
	echo "==> genesis heads differ: polkadot-omni-node '$omni_head', servicechain-node '$node_head'"
	exit 1
fi
echo "==> genesis head identical to servicechain-node's dev chain (…${omni_head: -16})"

# The client tests start "$SERVICECHAIN_NODE --dev --tmp <ports>"; this runs the omni node so.
cat >"$work/omni-dev-node" <<WRAPPER
#!/bin/sh
echo "\$*" >>"$work/launches"
exec "$OMNI_NODE" --chain "$spec" --dev-block-time 2000 "\$@"
WRAPPER
chmod +x "$work/omni-dev-node"

SERVICECHAIN_DEV_SPEC=off SERVICECHAIN_NODE="$work/omni-dev-node" timeout --kill-after=30 "$OMNI_TEST_TIMEOUT" \
	npm --prefix client run test:e2e
rc=$?
# Guard against testing some other node: the tests must have started the omni node.
launches=$(wc -l <"$work/launches" 2>/dev/null || echo 0)
if [ "$launches" -eq 0 ]; then
	echo "==> the client tests never started polkadot-omni-node: counted as failed"
	rc=1
fi
echo "==> client end-to-end tests on polkadot-omni-node ($launches node starts): exit $rc"
exit $rc
