//! ServiceChain's runtime fuzzer.
//!
//! Drives the real runtime (`servicechain-runtime`, every pallet) with random, well-formed call
//! sequences from 20 accounts (sr25519, ed25519 and ecdsa): real blocks built by `Executive`
//! with the parachain inherents, signed extrinsics through the full transaction-extension
//! pipeline (fees, nonces, weights), vouchers really signed by the consumers' keys (valid,
//! stale, forged, wrapped, for another channel or chain). After every block it checks the
//! invariants of [`invariants`]; any dispatch panic fails the run.
//!
//! The engine is proptest: sequences are generated from a seed (so a run is reproducible) and a
//! failing sequence is shrunk to the shortest one proptest finds that still fails, which is
//! printed and saved as JSON for `servicechain-fuzz --replay`.

pub mod accounts;
pub mod actions;
pub mod chain;
pub mod hex;
pub mod invariants;

use actions::{action, op_name, Action, Ctx};
use chain::{Chain, Genesis, Outcome};
use proptest::test_runner::{
	Config as RunnerConfig, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner,
};
use std::{
	cell::RefCell,
	collections::BTreeMap,
	time::{Duration, Instant},
};

/// Outcomes of one kind of call.
#[derive(Default, Clone, Debug)]
pub struct CallStats {
	/// Dispatched successfully.
	pub ok: u64,
	/// Included, failed with a named error.
	pub failed: u64,
	/// Rejected before inclusion (fees, nonce...).
	pub invalid: u64,
	/// Errors seen, by name.
	pub errors: BTreeMap<String, u64>,
}

/// What a run did.
#[derive(Default, Clone, Debug)]
pub struct Stats {
	/// Signed extrinsics submitted (a batch counts once).
	pub extrinsics: u64,
	/// Calls inside batches (in addition to `extrinsics`).
	pub batched_calls: u64,
	/// Blocks built (each checked).
	pub blocks: u64,
	/// Sequences run.
	pub cases: u64,
	/// Per call kind.
	pub by_call: BTreeMap<&'static str, CallStats>,
}

impl Stats {
	fn record(&mut self, name: &'static str, outcome: &Outcome) {
		let entry = self.by_call.entry(name).or_default();
		match outcome {
			Outcome::Ok => entry.ok += 1,
			Outcome::Failed(e) => {
				entry.failed += 1;
				*entry.errors.entry(e.clone()).or_default() += 1;
			},
			Outcome::Invalid(e) => {
				entry.invalid += 1;
				*entry.errors.entry(e.clone()).or_default() += 1;
			},
		}
	}
}

/// Runs one sequence from genesis; `Err` names the first invariant violated.
pub fn run_sequence(
	genesis: &Genesis,
	keys: &[accounts::Key],
	actions: &[Action],
	stats: &mut Stats,
) -> Result<(), String> {
	let mut chain = Chain::new(genesis, keys.to_vec());
	let ctx = Ctx::new(keys);
	for action in actions {
		match action {
			Action::Advance(n) => chain.advance(u32::from(*n))?,
			Action::Call { who, op } => {
				let (signer, call) = chain.with(|| {
					let signer = ctx.signer(who);
					(signer, ctx.call(op, &ctx.accounts[signer]))
				});
				let outcome = chain.submit(signer, call)?;
				stats.record(op_name(op), &outcome);
			},
			Action::Batch { who, all, ops } => {
				let (signer, call) = chain.with(|| {
					let signer = ctx.signer(who);
					let calls = ops.iter().map(|op| ctx.call(op, &ctx.accounts[signer])).collect();
					let call = if *all {
						pallet_utility::Call::batch_all { calls }
					} else {
						pallet_utility::Call::batch { calls }
					};
					(signer, servicechain_runtime::RuntimeCall::Utility(call))
				});
				let outcome = chain.submit(signer, call)?;
				stats.batched_calls += ops.len() as u64;
				stats.record(if *all { "utility.batch_all" } else { "utility.batch" }, &outcome);
			},
		}
	}
	chain.finish_block()?;
	stats.extrinsics += chain.extrinsics;
	stats.blocks += chain.blocks;
	stats.cases += 1;
	Ok(())
}

/// A run's settings.
#[derive(Clone, Debug)]
pub struct Settings {
	/// The seed every sequence derives from.
	pub seed: u64,
	/// Stop after at least this many signed extrinsics.
	pub extrinsics: u64,
	/// Most actions in one sequence (each starts from genesis).
	pub max_len: usize,
	/// Print a progress bar to stderr.
	pub progress: bool,
}

/// A failing sequence, shrunk.
#[derive(Clone, Debug)]
pub struct Failure {
	/// The invariant violated (or the panic).
	pub reason: String,
	/// The shortest failing sequence proptest found.
	pub sequence: Vec<Action>,
	/// The round (of [`CASES_PER_ROUND`] sequences) it failed in.
	pub round: u64,
}

/// Sequences per proptest runner; runner `r` is seeded with `seed` and `r`.
pub const CASES_PER_ROUND: u32 = 16;

/// The result of a run.
#[derive(Clone, Debug)]
pub struct Report {
	/// What was run.
	pub stats: Stats,
	/// How long it took.
	pub elapsed: Duration,
	/// The first failure, if any.
	pub failure: Option<Failure>,
}

fn rng_for(seed: u64, round: u64) -> TestRng {
	let mut bytes = [0u8; 32];
	bytes[..8].copy_from_slice(&seed.to_le_bytes());
	bytes[8..16].copy_from_slice(&round.to_le_bytes());
	bytes[16..].copy_from_slice(b"servicechain/fuz");
	TestRng::from_seed(RngAlgorithm::ChaCha, &bytes)
}

/// Runs sequences until `settings.extrinsics` extrinsics have been applied, or one fails.
pub fn run(settings: &Settings) -> Report {
	let keys = accounts::keys();
	let genesis = Genesis::development(&keys);
	let stats = RefCell::new(Stats::default());
	let start = Instant::now();
	let last_print = std::cell::Cell::new(Instant::now());
	let strategy = proptest::collection::vec(action(), 1..=settings.max_len.max(1));
	let mut round = 0u64;
	let mut failure = None;
	while stats.borrow().extrinsics < settings.extrinsics {
		let config = RunnerConfig {
			cases: CASES_PER_ROUND,
			failure_persistence: None,
			max_shrink_iters: 4096,
			max_shrink_time: 600_000,
			..RunnerConfig::default()
		};
		let mut runner = TestRunner::new_with_rng(config, rng_for(settings.seed, round));
		let result = runner.run(&strategy, |sequence| {
			let mut local = Stats::default();
			let outcome = run_sequence(&genesis, &keys, &sequence, &mut local);
			let mut total = stats.borrow_mut();
			total.extrinsics += local.extrinsics;
			total.batched_calls += local.batched_calls;
			total.blocks += local.blocks;
			total.cases += local.cases;
			for (name, s) in local.by_call {
				let entry = total.by_call.entry(name).or_default();
				entry.ok += s.ok;
				entry.failed += s.failed;
				entry.invalid += s.invalid;
				for (e, n) in s.errors {
					*entry.errors.entry(e).or_default() += n;
				}
			}
			if settings.progress && last_print.get().elapsed() > Duration::from_millis(500) {
				print_progress(
					total.extrinsics,
					settings.extrinsics,
					start.elapsed(),
					settings.seed,
				);
				last_print.set(Instant::now());
			}
			outcome.map_err(TestCaseError::fail)
		});
		match result {
			Ok(()) => {},
			Err(TestError::Fail(reason, sequence)) => {
				failure = Some(Failure { reason: reason.to_string(), sequence, round });
				break;
			},
			Err(TestError::Abort(reason)) => {
				failure =
					Some(Failure { reason: format!("aborted: {reason}"), sequence: vec![], round });
				break;
			},
		}
		round += 1;
	}
	if settings.progress {
		let s = stats.borrow();
		print_progress(s.extrinsics, settings.extrinsics, start.elapsed(), settings.seed);
		eprintln!();
	}
	Report { stats: stats.into_inner(), elapsed: start.elapsed(), failure }
}

fn print_progress(done: u64, target: u64, elapsed: Duration, seed: u64) {
	let width = 30u64;
	let filled = (done.min(target) * width).checked_div(target).unwrap_or(width);
	let bar: String = (0..width).map(|i| if i < filled { '#' } else { '.' }).collect();
	let rate = done as f64 / elapsed.as_secs_f64().max(1e-9);
	eprint!("\r[fuzz] [{bar}] {done}/{target} extrinsics, {rate:.0}/s, seed {seed}   ");
}

/// Replays one sequence (e.g. a saved failure) from genesis.
pub fn replay(sequence: &[Action]) -> Result<Stats, String> {
	let keys = accounts::keys();
	let genesis = Genesis::development(&keys);
	let mut stats = Stats::default();
	run_sequence(&genesis, &keys, sequence, &mut stats)?;
	Ok(stats)
}

/// The statistics as a table (markdown).
pub fn table(stats: &Stats) -> String {
	let mut out = String::from("| call | ok | failed (named error) | rejected (not valid) | most frequent errors |\n|---|---:|---:|---:|---|\n");
	for (name, s) in &stats.by_call {
		let mut errors: Vec<(&String, &u64)> = s.errors.iter().collect();
		errors.sort_by(|a, b| b.1.cmp(a.1));
		let top: Vec<String> = errors.iter().take(3).map(|(e, n)| format!("{e} ×{n}")).collect();
		out.push_str(&format!(
			"| `{name}` | {} | {} | {} | {} |\n",
			s.ok,
			s.failed,
			s.invalid,
			top.join(", ")
		));
	}
	out
}
