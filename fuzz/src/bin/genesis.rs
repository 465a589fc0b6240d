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
use servicechain_runtime::RuntimeGenesisConfig;
use sp_runtime::BuildStorage;
use std::process::ExitCode;

fn unhex(s: &str) -> Result<Vec<u8>, String> {
	let s = s.strip_prefix("0x").unwrap_or(s);
	(0..s.len())
		.step_by(2)
		.map(|i| u8::from_str_radix(s.get(i..i + 2).unwrap_or("zz"), 16).map_err(|e| e.to_string()))
		.collect()
}

fn hex(bytes: &[u8]) -> String {
	let mut out = String::with_capacity(2 + bytes.len() * 2);
	out.push_str("0x");
	for b in bytes {
		out.push_str(&format!("{b:02x}"));
	}
	out
}

/// Merges `patch` into `base` as chain specs do: objects key by key, anything else replaced.
fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (k, v) in patch {
				merge(base.entry(k).or_insert(Value::Null), v);
			}
		},
		(base, patch) => *base = patch,
	}
}

fn run(spec_path: &str, out_path: &str) -> Result<usize, String> {
	let bytes = std::fs::read(spec_path).map_err(|e| format!("cannot read {spec_path}: {e}"))?;
	let mut spec: Value =
		serde_json::from_slice(&bytes).map_err(|e| format!("{spec_path}: {e}"))?;
	let runtime_genesis = spec["genesis"]["runtimeGenesis"].take();
	let code =
		unhex(runtime_genesis["code"].as_str().ok_or("the spec has no runtimeGenesis.code")?)?;
	let config = if let Some(patch) = runtime_genesis.get("patch") {
		let mut config = serde_json::to_value(RuntimeGenesisConfig::default())
			.map_err(|e| format!("default config: {e}"))?;
		merge(&mut config, patch.clone());
		config
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
		storage.top.iter().map(|(k, v)| (hex(k), Value::String(hex(v)))).collect();
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
