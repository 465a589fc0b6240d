//! Subcommands `servicechain-node` adds to the omni node's.

use frame_benchmarking_cli::{OpaqueBlock, OverheadCmd, PalletCmd};
use polkadot_omni_node_lib::{extra_subcommand::ExtraSubcommand, RunConfig};
use sc_cli::{ExportChainSpecCmd, Result};

/// Host functions the runtime may call beyond the standard ones: storage proof size, used by
/// `StorageWeightReclaim`.
type ExtraHostFunctions =
	cumulus_primitives_proof_size_hostfunction::storage_proof_size::HostFunctions;

/// ServiceChain's extra subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum ServiceChainSubcommands {
	/// Export a chain spec (`dev`, `local`, or a file) as JSON.
	ExportChainSpec(ExportChainSpecCmd),

	/// Benchmark a runtime's pallets and write weight files.
	///
	/// Needs a runtime WASM built with the `runtime-benchmarks` feature, given with
	/// `--runtime <path>` (scripts/benchmark-weights.sh builds one). Takes the same options
	/// as `frame-omni-bencher v1 benchmark pallet`.
	BenchmarkPallet(Box<PalletCmd>),

	/// Benchmark the per-block and per-extrinsic execution overhead on this machine and write
	/// `block_weights.rs` and `extrinsic_weights.rs` (`--weight-path`).
	///
	/// Builds its own client from `--chain` (or `--runtime` and its genesis preset) and runs
	/// blocks of `system.remark`s; takes the same options as `frame-omni-bencher v1 benchmark
	/// overhead`. `scripts/benchmark-weights.sh` runs it into `runtime/src/weights/`.
	BenchmarkOverhead(Box<OverheadCmd>),
}

impl ExtraSubcommand for ServiceChainSubcommands {
	fn handle(self, cfg: &RunConfig) -> Result<()> {
		match self {
			ServiceChainSubcommands::ExportChainSpec(cmd) => {
				let spec = cfg.chain_spec_loader.load_spec(&cmd.chain)?;
				cmd.run(spec)
			},
			ServiceChainSubcommands::BenchmarkPallet(cmd) => {
				let spec = match cmd.shared_params.chain.as_deref() {
					Some(chain) => Some(cfg.chain_spec_loader.load_spec(chain)?),
					None => None,
				};
				cmd.run_with_spec::<sp_runtime::traits::BlakeTwo256, ExtraHostFunctions>(spec)
			},
			ServiceChainSubcommands::BenchmarkOverhead(cmd) => {
				let spec = match cmd.shared_params.chain.as_deref() {
					Some(chain) => Some(cfg.chain_spec_loader.load_spec(chain)?),
					None => None,
				};
				cmd.run_with_default_builder_and_spec::<OpaqueBlock, ExtraHostFunctions>(spec)
			},
		}
	}
}
