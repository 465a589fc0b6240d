//! Weights of the runtime.
//!
//! - Block and extrinsic base weights ([`block_weights`], [`extrinsic_weights`]): measured on our
//!   machine by `scripts/benchmark-weights.sh` (`servicechain-node benchmark-overhead`: blocks of
//!   `system.remark`s).
//! - Database read/write weights: still Substrate's reference `RocksDbWeight` (25 µs / 100 µs,
//!   `frame_support::weights::constants`): `benchmark storage` needs the node built with the
//!   omni node's `runtime-benchmarks` feature (a second full node build), not done yet.
//! - SDK pallets use the `SubstrateWeight` their crates ship (benchmarked on reference
//!   hardware), except `pallet_xcm`, which ships none: [`pallet_xcm`] is generated on our
//!   machine by `scripts/benchmark-weights.sh`.
//! - ServiceChain's own pallets use weights generated on our machine by
//!   `scripts/benchmark-weights.sh` into `pallets/*/src/weights.rs`.

pub mod block_weights;
pub mod extrinsic_weights;
pub mod pallet_xcm;

pub use block_weights::BlockExecutionWeight;
pub use extrinsic_weights::ExtrinsicBaseWeight;
pub use frame_support::weights::constants::{ParityDbWeight, RocksDbWeight};
