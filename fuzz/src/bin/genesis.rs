//! `servicechain-genesis SPEC OUT`: builds a chain spec's genesis state with the runtime's
//! native code and writes the spec in raw form (genesis storage), as `servicechain-node
//! export-chain-spec --chain SPEC --raw` does with the runtime's WASM: the same steps (the
//! default `RuntimeGenesisConfig` as JSON, the spec's patch merged over it, `build_state`, then
//! `:code` from the spec).
//!
//! For specs too large for the WASM genesis build, whose 128 MiB heap holds the whole
//! deserialized config: e.g. the service registry's genesis with 100,000 services
//! (`client/test/helpers/many-services.js`). The result is checked by that test against the
//! node's own raw export of the dev spec (identical storage).

use serde_json::{json, Map, Value};
use servicechain_fuzz::hex;
use servicechain_runtime::{genesis_config_presets::config_with_patch, RuntimeGenesisConfig};
use sp_runtime::BuildStorage;
use std::process::ExitCode;

fn run(spec_path: &str, out_path: &str) -> Result<usize, String> {
	let bytes = std::fs::read(spec_path).map_err(|e| format!("cannot read {spec_path}: {e}"))?;
	let mut spec: Value =
		serde_json::from_slice(&bytes).map_err(|e| format!("{spec_path}: {e}"))?;
	let runtime_genesis = spec["genesis"]["runtimeGenesis"].take();
	let code = hex::decode(
		runtime_genesis["code"].as_str().ok_or("the spec has no runtimeGenesis.code")?,
	)?;
	let config = if let Some(patch) = runtime_genesis.get("patch") {
		config_with_patch(patch.clone()).ok_or("the default genesis config")?
	} else {
		runtime_genesis
			.get("config")
			.cloned()
			.ok_or("the spec has no runtimeGenesis patch or config")?
	};
	let config: RuntimeGenesisConfig =
		serde_json::from_value(config).map_err(|e| format!("genesis config: {e}"))?;
	let mut storage = config.build_storage()?;
	storage.top.insert(sp_core::storage::well_known_keys::CODE.to_vec(), code);
	if !storage.children_default.is_empty() {
		return Err("child storage at genesis is not supported".into());
	}
	let top: Map<String, Value> =
		storage.top.iter().map(|(k, v)| (hex::encode(k), Value::String(hex::encode(v)))).collect();
	let keys = top.len();
	spec["genesis"] = json!({ "raw": { "top": top, "childrenDefault": {} } });
	let out = serde_json::to_vec(&spec).map_err(|e| format!("raw spec: {e}"))?;
	std::fs::write(out_path, out).map_err(|e| format!("cannot write {out_path}: {e}"))?;
	Ok(keys)
}

fn main() -> ExitCode {
	let args: Vec<String> = std::env::args().skip(1).collect();
	let [spec, out] = args.as_slice() else {
		eprintln!("usage: servicechain-genesis SPEC.json RAW-OUT.json");
		return ExitCode::from(2);
	};
	match run(spec, out) {
		Ok(keys) => {
			println!("{out}: raw genesis of {spec}, {keys} keys");
			ExitCode::SUCCESS
		},
		Err(e) => {
			eprintln!("servicechain-genesis: {e}");
			ExitCode::FAILURE
		},
	}
}
