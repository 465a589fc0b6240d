//! The chain specs embedded in `servicechain-node`.
//!
//! `--chain` accepts `dev` (or `development`, also what `--dev` selects), `local` (or
//! `local_testnet`), or a path to a chain spec JSON file. The embedded specs are built from the
//! runtime's WASM and its genesis presets, so they always match the runtime in this binary.

use polkadot_omni_node_lib::chain_spec::{ChainSpec, Extensions, GenericChainSpec, LoadSpec};
use sc_chain_spec::ChainType;
use servicechain_runtime::{
	chain_properties,
	genesis_config_presets::{DEVELOPMENT, LOCAL_TESTNET},
	PARACHAIN_ID, WASM_BINARY,
};

/// The relay chain the embedded specs name (a local test relay chain).
pub const RELAY_CHAIN: &str = "rococo-local";

fn wasm() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| {
		"the ServiceChain runtime WASM is not in this binary (built with SKIP_WASM_BUILD?)".into()
	})
}

/// The development chain: a single node (`--dev`) that seals its own blocks.
pub fn development_chain_spec() -> Result<GenericChainSpec, String> {
	Ok(GenericChainSpec::builder(wasm()?, Extensions::new(RELAY_CHAIN.into(), PARACHAIN_ID))
		.with_name("ServiceChain Development")
		.with_id("servicechain_dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(DEVELOPMENT)
		.with_properties(chain_properties())
		.build())
}

/// The local testnet: ServiceChain collators (Alice, Bob) on a local relay chain.
pub fn local_testnet_chain_spec() -> Result<GenericChainSpec, String> {
	Ok(GenericChainSpec::builder(wasm()?, Extensions::new(RELAY_CHAIN.into(), PARACHAIN_ID))
		.with_name("ServiceChain Local Testnet")
		.with_id("servicechain_local_testnet")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(LOCAL_TESTNET)
		.with_protocol_id("servicechain-local")
		.with_properties(chain_properties())
		.build())
}

/// Loads the embedded chain specs by name, or any other spec from a JSON file.
pub struct ServiceChainSpecLoader;

impl LoadSpec for ServiceChainSpecLoader {
	fn load_spec(&self, id: &str) -> Result<Box<dyn ChainSpec>, String> {
		Ok(match id {
			"" | "dev" | "development" => Box::new(development_chain_spec()?),
			"local" | "local_testnet" => Box::new(local_testnet_chain_spec()?),
			path => Box::new(GenericChainSpec::from_json_file(path.into())?),
		})
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_runtime::BuildStorage;

	#[test]
	fn embedded_specs_carry_scv_properties_and_para_id() {
		for spec in [development_chain_spec().unwrap(), local_testnet_chain_spec().unwrap()] {
			let props = spec.properties();
			assert_eq!(props.get("tokenSymbol").and_then(|v| v.as_str()), Some("SCV"));
			assert_eq!(props.get("tokenDecimals").and_then(|v| v.as_u64()), Some(18));
			assert_eq!(props.get("ss58Format").and_then(|v| v.as_u64()), Some(42));
			assert_eq!(Extensions::try_get(&spec).and_then(|e| e.para_id()), Some(2000));
		}
	}

	#[test]
	fn embedded_specs_build_genesis_storage() {
		for spec in [development_chain_spec().unwrap(), local_testnet_chain_spec().unwrap()] {
			let storage = spec.build_storage().expect("genesis builds");
			assert!(storage.top.contains_key(b":code".as_slice()), "runtime code is in genesis");
		}
	}

	#[test]
	fn loader_resolves_names_and_rejects_missing_files() {
		let loader = ServiceChainSpecLoader;
		assert_eq!(loader.load_spec("dev").unwrap().id(), "servicechain_dev");
		assert_eq!(loader.load_spec("").unwrap().id(), "servicechain_dev");
		assert_eq!(loader.load_spec("local").unwrap().id(), "servicechain_local_testnet");
		assert!(loader.load_spec("/nonexistent/spec.json").is_err());
	}
}
