#!/usr/bin/env bash
# Installs everything ServiceChain needs to build and test, from the package registries only.
# Idempotent: it only installs what is missing, so running it again is fast.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

apt_packages=(clang libclang-dev protobuf-compiler make pkg-config libssl-dev git curl ca-certificates)
# The web app's browser tests drive Debian's Chromium (browser downloads do not work here).
browser_packages=(chromium fonts-liberation)

# Installs the Debian packages of the list named $1 that are missing (apt-get, with sudo unless
# root; $2 adds apt-get options); prints "<$3>: all present" when none is.
install_missing() {
	local -n wanted="$1"
	local missing=()
	for p in "${wanted[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
	done
	if [ ${#missing[@]} -eq 0 ]; then
		echo "$3: all present"
		return 0
	fi
	echo "$3 to install: ${missing[*]}"
	local sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo apt-get update -qq
	# shellcheck disable=SC2086 # $2: apt-get options, split on purpose
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $2 "${missing[@]}"
}

install_debian_packages() {
	install_missing apt_packages "" "Debian packages"
}

install_browser() {
	install_missing browser_packages "--no-install-recommends" "Browser packages" || return 1
	echo "Browser: $(chromium --version 2>/dev/null)"
}

install_rust_parts() {
	if ! command -v rustup >/dev/null 2>&1; then
		echo "rustup is required (the machine's Rust toolchain)" >&2
		return 1
	fi
	local installed
	installed=$(rustup target list --installed)
	for t in wasm32-unknown-unknown wasm32v1-none; do
		grep -qx "$t" <<<"$installed" || rustup target add "$t"
	done
	installed=$(rustup component list --installed)
	for c in rust-src clippy rustfmt; do
		grep -q "^$c" <<<"$installed" || rustup component add "$c"
	done
	echo "Rust: $(rustc --version); targets and components present"
}

install_client_packages() {
	if ! command -v npm >/dev/null 2>&1; then
		echo "Node.js and npm are required for client/" >&2
		return 1
	fi
	cd "$REPO_ROOT/client"
	# `npm ci` only when node_modules is missing or older than the lock file.
	if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
		npm ci --no-audit --no-fund
	else
		echo "client/node_modules: up to date"
	fi
}

step "Debian packages" install_debian_packages
step "Chromium for the browser tests" install_browser
step "Rust targets and components" install_rust_parts
step "client npm packages" install_client_packages
mkdir -p "$CARGO_TARGET_DIR"
