//! Helpers shared by the runtime's integration tests.

use frame_support::genesis_builder_helper::build_state;
use servicechain_runtime::{genesis_config_presets, RuntimeGenesisConfig};

/// The state a node builds from a named preset: the patch on top of the default config.
pub fn ext_from(name: &str) -> sp_io::TestExternalities {
	let config = genesis_config_presets::preset_config(name)
		.unwrap_or_else(|| panic!("preset {name} exists"));
	let config = serde_json::to_vec(&config).expect("serializes");
	let mut ext = sp_io::TestExternalities::new(Default::default());
	ext.execute_with(|| build_state::<RuntimeGenesisConfig>(config).expect("preset builds"));
	ext.commit_all().expect("commit genesis");
	ext
}
