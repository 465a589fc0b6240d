//! Helpers shared by the runtime's integration tests.

use frame_support::genesis_builder_helper::build_state;
use servicechain_runtime::{genesis_config_presets, RuntimeGenesisConfig};

/// Merges `patch` into `base` the way the node applies a preset to the default genesis config:
/// objects recursively, everything else replaced.
fn json_merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				json_merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// The state a node builds from a named preset: the patch on top of the default config.
pub fn ext_from(name: &str) -> sp_io::TestExternalities {
	let patch = genesis_config_presets::get_preset(&name.into())
		.unwrap_or_else(|| panic!("preset {name} exists"));
	let mut config =
		serde_json::to_value(RuntimeGenesisConfig::default()).expect("default config serializes");
	json_merge(&mut config, serde_json::from_slice(&patch).expect("preset is JSON"));
	let config = serde_json::to_vec(&config).expect("serializes");
	let mut ext = sp_io::TestExternalities::new(Default::default());
	ext.execute_with(|| build_state::<RuntimeGenesisConfig>(config).expect("preset builds"));
	ext.commit_all().expect("commit genesis");
	ext
}
