// This file is part of ServiceChain. SPDX-License-Identifier: Apache-2.0

//! THIS FILE WAS AUTO-GENERATED USING THE SUBSTRATE BENCHMARK CLI VERSION 64.0.0
//! DATE: 2026-11-28 (Y/M/D)
//! HOSTNAME: `vm`, CPU: `AMD EPYC`
//!
//! SHORT-NAME: `block`, LONG-NAME: `BlockExecution`, RUNTIME: `servicechain`
//! WARMUPS: `10`, REPEAT: `100`
//! WEIGHT-PATH: `runtime/src/weights/`
//! WEIGHT-METRIC: `Average`, WEIGHT-MUL: `1.0`, WEIGHT-ADD: `0`

// Executed Command:
//   /root/.cache/servicechain/target/release/servicechain-node
//   benchmark-overhead
//   --runtime
//   /root/.cache/servicechain/target/benchmarks/servicechain_runtime.runtime-benchmarks.compact.compressed.wasm
//   --genesis-builder
//   runtime
//   --wasm-execution
//   compiled
//   --header
//   scripts/weights-header.txt
//   --weight-path
//   runtime/src/weights/

use sp_core::parameter_types;
use sp_weights::{constants::WEIGHT_REF_TIME_PER_NANOS, Weight};

parameter_types! {
	/// Weight of executing an empty block.
	/// Calculated by multiplying the *Average* with `1.0` and adding `0`.
	///
	/// Stats nanoseconds:
	///   Min, Max: 596_413, 899_662
	///   Average:  654_670
	///   Median:   628_081
	///   Std-Dev:  58883.85
	///
	/// Percentiles nanoseconds:
	///   99th: 826_844
	///   95th: 782_368
	///   75th: 673_778
	pub const BlockExecutionWeight: Weight =
		Weight::from_parts(WEIGHT_REF_TIME_PER_NANOS.saturating_mul(654_670), 2_607);
}

#[cfg(test)]
mod test_weights {
	use sp_weights::constants;

	/// Checks that the weight exists and is sane.
	// NOTE: If this test fails but you are sure that the generated values are fine,
	// you can delete it.
	#[test]
	fn sane() {
		let w = super::BlockExecutionWeight::get();

		// At least 100 µs.
		assert!(
			w.ref_time() >= 100u64 * constants::WEIGHT_REF_TIME_PER_MICROS,
			"Weight should be at least 100 µs."
		);
		// At most 50 ms.
		assert!(
			w.ref_time() <= 50u64 * constants::WEIGHT_REF_TIME_PER_MILLIS,
			"Weight should be at most 50 ms."
		);
	}
}
