//! `servicechain-node`: the ServiceChain collator and development node.
//!
//! Built on `polkadot-omni-node-lib`, with ServiceChain's chain specs embedded (see
//! [`chain_spec`]). The same binary runs a single-node development chain (`--dev`) and a
//! collator against a relay chain (`--collator -- --chain <relay spec>`).

mod chain_spec;
mod extra;

use polkadot_omni_node_lib::{
	run_with_custom_cli, runtime::DefaultRuntimeResolver, CliConfig, RunConfig, NODE_VERSION,
};

/// Block time of `--dev` when neither `--dev-block-time` nor `--instant-seal` is given, in ms.
const DEV_BLOCK_TIME_MS: &str = "2000";

struct ServiceChainCli;

impl CliConfig for ServiceChainCli {
	fn impl_version() -> String {
		format!("{}-{}", NODE_VERSION, env!("SUBSTRATE_CLI_COMMIT_HASH"))
	}

	fn description(executable_name: String) -> String {
		format!(
			"ServiceChain node: decentralized service discovery and metered payments.\n\n\
			 Development chain: {executable_name} --dev (a block every 2 s: the node adds \
			 --dev-block-time 2000 unless --dev-block-time or --instant-seal is given)\n\
			 Collator: {executable_name} --collator --chain local [parachain-args] -- \
			 [relay-chain-args]"
		)
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"https://example.invalid/servicechain/issues".into()
	}

	fn copyright_start_year() -> u16 {
		2026
	}
}

/// `polkadot-omni-node-lib` seals a `--dev` block every 3 s; ServiceChain's dev chain seals one
/// every 2 s. Returns the arguments with `--dev-block-time 2000` added when the node is run
/// (no subcommand) with `--dev` and without a block time or instant seal of its own, and `None`
/// otherwise. Subcommands (`build-spec`, `purge-chain`, `export-genesis-head`, ...) come first
/// and do not take `--dev-block-time`, so they are left alone.
fn dev_args_with_block_time(args: &[String]) -> Option<Vec<String>> {
	if args.get(1).is_some_and(|first| !first.starts_with('-')) {
		return None;
	}
	let node_args = args.iter().take_while(|a| a.as_str() != "--");
	let mut dev = false;
	for arg in node_args {
		match arg.as_str() {
			"--dev" => dev = true,
			a if a.starts_with("--dev-block-time") || a == "--instant-seal" => return None,
			_ => {},
		}
	}
	if !dev {
		return None;
	}
	let mut out = args.to_vec();
	let at = out.iter().position(|a| a == "--").unwrap_or(out.len());
	out.insert(at, DEV_BLOCK_TIME_MS.into());
	out.insert(at, "--dev-block-time".into());
	Some(out)
}

fn main() -> color_eyre::eyre::Result<()> {
	color_eyre::install()?;

	let args: Vec<String> = std::env::args().collect();
	if let Some(args) = dev_args_with_block_time(&args) {
		// The CLI parser reads the process arguments, so run ourselves again with the default
		// added: `exec` replaces this process (same pid, same signals), it does not fork.
		use std::os::unix::process::CommandExt;
		let exe = std::env::current_exe()?;
		let err = std::process::Command::new(exe).args(&args[1..]).exec();
		return Err(err.into());
	}

	let config = RunConfig::new(
		Box::new(DefaultRuntimeResolver),
		Box::new(chain_spec::ServiceChainSpecLoader),
	);
	Ok(run_with_custom_cli::<ServiceChainCli, extra::ServiceChainSubcommands>(config)?)
}

#[cfg(test)]
mod tests {
	use super::dev_args_with_block_time;

	fn args(s: &str) -> Vec<String> {
		s.split_whitespace().map(String::from).collect()
	}

	#[test]
	fn dev_gets_a_two_second_block_time() {
		assert_eq!(
			dev_args_with_block_time(&args("node --dev --tmp")),
			Some(args("node --dev --tmp --dev-block-time 2000"))
		);
		// Relay chain arguments after `--` stay last.
		assert_eq!(
			dev_args_with_block_time(&args("node --dev -- --chain x")),
			Some(args("node --dev --dev-block-time 2000 -- --chain x"))
		);
	}

	#[test]
	fn explicit_choices_and_non_dev_runs_are_left_alone() {
		assert_eq!(dev_args_with_block_time(&args("node --dev --dev-block-time 500")), None);
		assert_eq!(dev_args_with_block_time(&args("node --dev --dev-block-time=500")), None);
		assert_eq!(dev_args_with_block_time(&args("node --dev --instant-seal")), None);
		assert_eq!(dev_args_with_block_time(&args("node --chain local")), None);
		assert_eq!(dev_args_with_block_time(&args("node --collator -- --dev")), None);
		// Subcommands do not take `--dev-block-time`.
		assert_eq!(dev_args_with_block_time(&args("node purge-chain --dev -y")), None);
		assert_eq!(dev_args_with_block_time(&args("node build-spec --dev")), None);
	}
}
