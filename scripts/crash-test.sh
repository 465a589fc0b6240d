#!/usr/bin/env bash
# Crash tests (issue "Reliability", part 3), bounded and on 127.0.0.1 only, every process
# started and stopped here:
#   client/reliability/node-crash.js     kill -9 of `servicechain-node --dev` (persistent --base-path)
#                                  while transfers and claims stream in, restarted on the same
#                                  database: no finalized block or extrinsic lost, finality
#                                  resumes, the database opens without repair;
#   client/reliability/gateway-crash.js  kill -9 of `scv gateway` while paid requests stream through
#                                  it, restarted on the same state file: every served request
#                                  paid, none served twice for one unit, none charged unserved;
#   client/reliability/rpc-abuse.js      floods of hostile state_call arguments and malformed
#                                  extrinsics while another client is served normally.
# Each prints a one-line JSON summary; both are printed at the end. Builds nothing: needs the
# release servicechain-node. About 3 minutes on 2 cores; each test has a hard time limit.
#
# Exit status: 0 passed, 1 failed; also 0 when the node binary is missing, after a NOT RUN line
# (a caller that looks only at the exit status counts that as passed: scripts/test.sh runs this
# after building the node). `--check` only tells (exit 0/3) whether the tests can run here.
# Options (environment): CRASH_KILLS (both tests; else CRASH_NODE_KILLS, default 5, and
# CRASH_GATEWAY_KILLS, default 3), CRASH_SEED (replays the kill times of a run: each test prints
# its seed), CRASH_NODE_TIMEOUT (seconds, default 200), CRASH_GATEWAY_TIMEOUT (seconds, default
# 100), SERVICECHAIN_NODE (default the shared cargo target's release build).
set -uo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT" || exit 1

NODE_KILLS="${CRASH_NODE_KILLS:-${CRASH_KILLS:-5}}"
GATEWAY_KILLS="${CRASH_GATEWAY_KILLS:-${CRASH_KILLS:-3}}"
NODE_TIMEOUT="${CRASH_NODE_TIMEOUT:-200}"
GATEWAY_TIMEOUT="${CRASH_GATEWAY_TIMEOUT:-100}"

if ! can_run "crash tests" "cargo build --release -p servicechain-node" "$SERVICECHAIN_NODE"; then
	# `--check`: cannot run here (3); a plain run exits 0, having said it did not run.
	[ "${1:-}" = "--check" ] && exit 3
	exit 0
fi
# `--check`: only tell (exit 0/3) whether the tests can run here.
if [ "${1:-}" = "--check" ]; then
	exit 0
fi
if [ ! -d client/node_modules ]; then
	npm --prefix client ci --no-audit --no-fund || exit 1
fi

# The tests keep their databases, state file and logs under $work (CRASH_WORK_DIR): removed when
# both pass, kept for a look when one fails.
work="$(mktemp -d /tmp/servicechain-crash.XXXXXX)"
passed=0
teardown() {
	# Every node and gateway started by the tests has $work in its arguments (--base-path,
	# --state): none outlives the script, even when a test was killed by its time limit.
	pkill -KILL -f "$work" 2>/dev/null
	if [ "$passed" -eq 1 ]; then
		rm -rf "$work"
	else
		echo "==> databases, state file and logs kept in $work"
	fi
}
trap teardown EXIT

# crash_test NAME SCRIPT KILLS LIMIT: runs client/reliability/SCRIPT with CRASH_KILLS=KILLS for at most
# LIMIT seconds; its progress goes to the terminal, its summary line to $work/NAME.json.
crash_test() {
	local name="$1" script="$2" kills="$3" limit="$4" rc
	# On the limit, SIGTERM: the test kills its processes and prints its summary (exit 124).
	CRASH_WORK_DIR="$work" CRASH_KILLS="$kills" timeout --kill-after=15 "$limit" \
		node "client/reliability/$script" >"$work/$name.out"
	rc=$?
	[ $rc -eq 124 ] && echo "==> $name crash test: time limit of ${limit}s reached"
	tail -n 1 "$work/$name.out" >"$work/$name.json"
	return $rc
}

failed=0
echo "==> node: $SERVICECHAIN_NODE"
step "crash test: node killed $NODE_KILLS time(s) under load (client/reliability/node-crash.js)" \
	crash_test node node-crash.js "$NODE_KILLS" "$NODE_TIMEOUT" || failed=1
step "crash test: gateway killed $GATEWAY_KILLS time(s) mid-stream (client/reliability/gateway-crash.js)" \
	crash_test gateway gateway-crash.js "$GATEWAY_KILLS" "$GATEWAY_TIMEOUT" || failed=1
step "RPC abuse: hostile state_call arguments and malformed extrinsics (client/reliability/rpc-abuse.js)" \
	crash_test rpc-abuse rpc-abuse.js 0 "${RPC_ABUSE_TIMEOUT:-150}" || failed=1

printf '\n==> Crash test summaries\n'
for name in node gateway rpc-abuse; do
	line="$(cat "$work/$name.json" 2>/dev/null)"
	printf '%-8s %s\n' "$name" "${line:-(no summary)}"
done
summary
if [ $failed -ne 0 ]; then
	echo "==> CRASH TESTS FAILED"
	exit 1
fi
passed=1
echo "==> crash tests passed"
