#!/usr/bin/env bash
# The long runtime fuzzing run (issue "Reliability", part 1): at least 1,000,000 signed
# extrinsics against the real runtime (crate `servicechain-fuzz`, see fuzz/src/lib.rs), every
# pallet's try_state and the money invariants checked after every block. Prints a progress bar,
# extrinsics per second and the seed; on a failure, the shortest failing sequence proptest found
# (also saved as JSON: replay it with the command printed).
#
#   scripts/fuzz.sh                      # 1,000,000 extrinsics, seed from the clock
#   scripts/fuzz.sh --seed 42            # reproduce a run
#   scripts/fuzz.sh --extrinsics 100000  # shorter
#   scripts/fuzz.sh --replay fuzz-failure-42.json
#
# The bounded run (20,000 extrinsics, fixed seed) is part of scripts/test.sh.
set -uo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT" || exit 1

# Native only (no WASM needed); the runtime built with `try-runtime` so that every pallet's
# try_state runs, as in the bounded run of test.sh (which shares this build).
export SKIP_WASM_BUILD=1
step "build servicechain-fuzz (release, try-runtime)" \
	cargo build --release --locked -p servicechain-fuzz --features try-runtime || { summary; exit 1; }
args=("$@")
if [ ${#args[@]} -eq 0 ]; then
	args=(--extrinsics 1000000)
fi
step "fuzz the runtime" "$CARGO_TARGET_DIR/release/servicechain-fuzz" "${args[@]}"
rc=$?
summary
exit $rc
