//! The operator commands of `docs/operations.md`, run against the built `servicechain-node`:
//! a chain spec generated with `chain-spec-builder` from the runtime WASM, its conversion to
//! raw, and the genesis head and WASM that registering the parachain on a relay chain needs.

use std::{fs, path::PathBuf, process::Command};

const NODE: &str = env!("CARGO_BIN_EXE_servicechain-node");

/// A scratch folder removed when the test ends.
struct Scratch(PathBuf);

impl Scratch {
	fn new(name: &str) -> Self {
		let dir = std::env::temp_dir().join(format!("servicechain-{name}-{}", std::process::id()));
		let _ = fs::remove_dir_all(&dir);
		fs::create_dir_all(&dir).expect("scratch dir");
		Scratch(dir)
	}

	fn path(&self, file: &str) -> String {
		self.0.join(file).to_string_lossy().into_owned()
	}
}

impl Drop for Scratch {
	fn drop(&mut self) {
		let _ = fs::remove_dir_all(&self.0);
	}
}

/// Runs `servicechain-node` with `args`, fails the test with its stderr if it fails, and
/// returns its stdout.
fn node(args: &[&str]) -> Vec<u8> {
	let out = Command::new(NODE).args(args).output().expect("servicechain-node runs");
	assert!(
		out.status.success(),
		"servicechain-node {args:?} failed: {}",
		String::from_utf8_lossy(&out.stderr)
	);
	out.stdout
}

fn read_json(path: &str) -> serde_json::Value {
	serde_json::from_slice(&fs::read(path).expect("file written")).expect("valid JSON")
}

fn runtime_wasm() -> &'static [u8] {
	servicechain_runtime::WASM_BINARY
		.expect("the runtime WASM is built (do not set SKIP_WASM_BUILD for the node's tests)")
}

/// `chain-spec-builder create … named-preset local_testnet` as the operations guide gives it.
fn build_local_spec(scratch: &Scratch) -> String {
	let wasm = scratch.path("servicechain_runtime.compact.compressed.wasm");
	fs::write(&wasm, runtime_wasm()).expect("wasm written");
	let spec = scratch.path("servicechain-local.json");
	node(&[
		"chain-spec-builder",
		"--chain-spec-path",
		&spec,
		"create",
		"--chain-name",
		"ServiceChain Local Testnet",
		"--chain-id",
		"servicechain_local_testnet",
		"-t",
		"local",
		"--relay-chain",
		"rococo-local",
		"--para-id",
		"2000",
		"--runtime",
		&wasm,
		"--properties",
		"tokenSymbol=SCV,tokenDecimals=18,ss58Format=42",
		"named-preset",
		"local_testnet",
	]);
	spec
}

#[test]
fn chain_spec_builder_spec_has_the_parachain_extension_and_scv_properties() {
	let scratch = Scratch::new("spec-builder");
	let spec = read_json(&build_local_spec(&scratch));
	assert_eq!(spec["relay_chain"], "rococo-local");
	assert_eq!(spec["para_id"], 2000);
	assert_eq!(spec["chainType"], "Local");
	assert_eq!(spec["properties"]["tokenSymbol"], "SCV");
	assert_eq!(spec["properties"]["tokenDecimals"], 18);
	assert_eq!(spec["properties"]["ss58Format"], 42);
	// The named preset is expanded into a genesis patch that an operator can edit.
	let patch = &spec["genesis"]["runtimeGenesis"]["patch"];
	assert_eq!(patch["parachainInfo"]["parachainId"], 2000);
	assert_eq!(patch["collatorSelection"]["invulnerables"].as_array().map(Vec::len), Some(2));
	assert_eq!(patch["session"]["keys"].as_array().map(Vec::len), Some(2));
}

#[test]
fn generated_spec_converts_to_raw_and_has_the_embedded_specs_genesis() {
	let scratch = Scratch::new("genesis");
	let spec = build_local_spec(&scratch);

	// `build-spec --raw` turns it into the storage a collator runs with.
	let raw = scratch.path("servicechain-local-raw.json");
	fs::write(&raw, node(&["build-spec", "--chain", &spec, "--raw"])).expect("raw spec written");
	let raw_json = read_json(&raw);
	let top = raw_json["genesis"]["raw"]["top"].as_object().expect("raw storage");
	// `:code` is stored under its hex-encoded key.
	assert!(top.contains_key("0x3a636f6465"), "the runtime code is in the raw genesis");

	// The genesis head a relay chain registers is the same for the generated spec, its raw
	// form and the embedded `local` spec: same runtime, same preset, same genesis state.
	let head = |chain: &str, base: &str| {
		String::from_utf8(node(&[
			"export-genesis-head",
			"--chain",
			chain,
			"--base-path",
			&scratch.path(base),
		]))
		.expect("hex")
	};
	let embedded = head("local", "db-embedded");
	assert!(embedded.starts_with("0x") && embedded.len() > 2, "a hex header: {embedded}");
	assert_eq!(head(&spec, "db-plain"), embedded);
	assert_eq!(head(&raw, "db-raw"), embedded);

	// The genesis WASM is the runtime this binary carries.
	assert_eq!(node(&["export-genesis-wasm", "--chain", &raw, "--raw"]), runtime_wasm());
}

#[test]
fn export_chain_spec_names_the_relay_chain_and_para_id() {
	let scratch = Scratch::new("export");
	let path = scratch.path("local.json");
	fs::write(&path, node(&["export-chain-spec", "--chain", "local"])).expect("spec written");
	let spec = read_json(&path);
	assert_eq!(spec["relay_chain"], "rococo-local");
	assert_eq!(spec["para_id"], 2000);
	assert_eq!(spec["id"], "servicechain_local_testnet");
}
