//! The bounded fuzzing run of `scripts/test.sh`: 20,000 signed extrinsics from a fixed seed
//! (reproducible: `servicechain-fuzz --seed 20261127 --extrinsics 20000 --max-len 200`).
//! With the `try-runtime` feature every pallet's `try_state` runs after every block.

use servicechain_fuzz::{run, table, Settings};

#[test]
#[cfg_attr(
	not(feature = "try-runtime"),
	ignore = "scripts/test.sh runs it with --features try-runtime (every pallet's try_state)"
)]
fn twenty_thousand_extrinsics_keep_every_invariant() {
	let settings = Settings { seed: 20261127, extrinsics: 20_000, max_len: 200, progress: false };
	let report = run(&settings);
	let s = &report.stats;
	println!("{}", table(s));
	println!(
		"{} extrinsics (+{} batched calls), {} blocks, {} sequences in {:.0} s",
		s.extrinsics,
		s.batched_calls,
		s.blocks,
		s.cases,
		report.elapsed.as_secs_f64()
	);
	if let Some(failure) = report.failure {
		panic!(
			"invariant violated: {}\nshortest failing sequence:\n{:#?}",
			failure.reason, failure.sequence
		);
	}
	assert!(s.extrinsics >= 20_000);
	// The run reaches deep paths, not only early rejections.
	for call in [
		"payments.claim",
		"payments.claim_batch",
		"payments.open_channel",
		"payments.finalize_close",
		"registry.register_service",
		"registry.rate_service",
		"dao.vote",
		"dao.execute_proposal",
		"dao.unlock",
	] {
		let ok = s.by_call.get(call).map_or(0, |c| c.ok);
		assert!(ok > 0, "no successful {call}");
	}
}
