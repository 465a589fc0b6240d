//! `servicechain-fuzz`: the long fuzzing run (`scripts/fuzz.sh`), or the replay of a saved
//! failing sequence.
//!
//! ```text
//! servicechain-fuzz [--extrinsics N] [--seed S] [--max-len L] [--replay FILE] [--out FILE]
//! ```

use servicechain_fuzz::{actions::Action, replay, run, table, Settings};
use std::process::ExitCode;

fn usage() -> ExitCode {
	eprintln!(
		"usage: servicechain-fuzz [--extrinsics N (1000000)] [--seed S (from the clock)] \
		 [--max-len L (300)] [--out FILE (fuzz-failure-<seed>.json)] | --replay FILE"
	);
	ExitCode::from(2)
}

fn main() -> ExitCode {
	let mut args = std::env::args().skip(1);
	let mut settings = Settings {
		seed: std::time::SystemTime::now()
			.duration_since(std::time::UNIX_EPOCH)
			.map_or(0, |d| d.as_secs()),
		extrinsics: 1_000_000,
		max_len: 300,
		progress: true,
	};
	let mut out = None;
	while let Some(arg) = args.next() {
		let value = args.next();
		let parsed = match (arg.as_str(), value) {
			("--extrinsics", Some(v)) => v.parse().map(|n| settings.extrinsics = n).is_ok(),
			("--seed", Some(v)) => v.parse().map(|n| settings.seed = n).is_ok(),
			("--max-len", Some(v)) => v.parse().map(|n| settings.max_len = n).is_ok(),
			("--out", Some(v)) => {
				out = Some(v);
				true
			},
			("--replay", Some(file)) => return replay_file(&file),
			_ => false,
		};
		if !parsed {
			return usage();
		}
	}
	eprintln!(
		"[fuzz] seed {} · {} extrinsics · sequences of up to {} actions",
		settings.seed, settings.extrinsics, settings.max_len
	);
	let report = run(&settings);
	let s = &report.stats;
	let secs = report.elapsed.as_secs_f64();
	println!("{}", table(s));
	println!(
		"[fuzz] {} signed extrinsics (+{} calls inside batches) in {} blocks, {} sequences, {:.0} s, {:.0} extrinsics/s, seed {}",
		s.extrinsics,
		s.batched_calls,
		s.blocks,
		s.cases,
		secs,
		s.extrinsics as f64 / secs.max(1e-9),
		settings.seed
	);
	match report.failure {
		None => {
			println!("[fuzz] every invariant held after every block");
			ExitCode::SUCCESS
		},
		Some(failure) => {
			let file = out.unwrap_or_else(|| format!("fuzz-failure-{}.json", settings.seed));
			let json = serde_json::to_string_pretty(&failure.sequence).unwrap_or_default();
			let saved = std::fs::write(&file, json).is_ok();
			println!(
				"[fuzz] FAILED (seed {}, round {}): {}",
				settings.seed, failure.round, failure.reason
			);
			println!("[fuzz] shortest failing sequence ({} actions):", failure.sequence.len());
			for action in &failure.sequence {
				println!("    {action:?}");
			}
			if saved {
				println!("[fuzz] saved to {file}; replay with: servicechain-fuzz --replay {file}");
			}
			ExitCode::FAILURE
		},
	}
}

fn replay_file(file: &str) -> ExitCode {
	let sequence: Vec<Action> = match std::fs::read(file)
		.map_err(|e| e.to_string())
		.and_then(|bytes| serde_json::from_slice(&bytes).map_err(|e| e.to_string()))
	{
		Ok(s) => s,
		Err(e) => {
			eprintln!("cannot read {file}: {e}");
			return ExitCode::from(2);
		},
	};
	match replay(&sequence) {
		Ok(stats) => {
			println!("{}", table(&stats));
			println!("[fuzz] replay of {file}: every invariant held");
			ExitCode::SUCCESS
		},
		Err(e) => {
			println!("[fuzz] replay of {file} FAILED: {e}");
			ExitCode::FAILURE
		},
	}
}
