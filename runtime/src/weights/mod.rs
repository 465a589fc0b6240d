//! Weights of the runtime.
//!
//! - Block and extrinsic base weights and database read/write weights: Substrate's reference
//!   values (`frame_support::weights::constants`), measured by Parity on reference hardware
//!   with `benchmark overhead` and `benchmark storage`.
//! - SDK pallets use the `SubstrateWeight` their crates ship (benchmarked on reference
//!   hardware), except `pallet_xcm`, which ships none: [`pallet_xcm`] is generated on our
//!   machine by `scripts/benchmark-weights.sh`.
//! - ServiceChain's own pallets use weights generated on our machine by
//!   `scripts/benchmark-weights.sh` into `pallets/*/src/weights.rs`.

pub mod pallet_xcm;

pub use frame_support::weights::constants::{
	BlockExecutionWeight, ExtrinsicBaseWeight, ParityDbWeight, RocksDbWeight,
};
