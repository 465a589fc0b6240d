//! `servicechain-try-runtime`: the two checks of try-runtime, run natively against a snapshot of
//! a live chain (taken by `client/tools/snapshot.js`, see `scripts/try-runtime.sh`):
//!
//! - `on-runtime-upgrade SNAPSHOT`: loads the state at the snapshot's parent block and runs
//!   `Executive::try_runtime_upgrade(All)`: every migration of `Migrations` with its
//!   `pre_upgrade`/`post_upgrade` checks, then every pallet's `try_state`;
//! - `execute-block SNAPSHOT`: re-executes the snapshot's block on its parent's state with
//!   `Executive::try_execute_block`: signature checks, the state root check against the block
//!   the node produced, and every pallet's `try_state` afterwards.
//!
//! The snapshot is JSON: `{ "block": "0x<SCALE block>", "parentState": [["0x<key>",
//! "0x<value>"], ...] }`.

use codec::Decode;
use frame_support::traits::{TryStateSelect, UpgradeCheckSelect};
use servicechain_fuzz::hex::decode as hex;
use servicechain_runtime::{Block, Executive, VERSION};
use sp_runtime::{
	traits::{Block as BlockT, Header as _},
	Storage,
};
use std::process::ExitCode;

fn pairs(json: &serde_json::Value, field: &str) -> Result<Storage, String> {
	let mut storage = Storage::default();
	for pair in json[field].as_array().ok_or(format!("the snapshot has no {field}"))? {
		let key = hex(pair[0].as_str().ok_or("key")?)?;
		let value = hex(pair[1].as_str().ok_or("value")?)?;
		storage.top.insert(key, value);
	}
	Ok(storage)
}

/// The snapshot's parsed JSON.
fn read(path: &str) -> Result<serde_json::Value, String> {
	serde_json::from_slice(&std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?)
		.map_err(|e| format!("{path}: {e}"))
}

fn load(path: &str) -> Result<(sp_io::TestExternalities, Block), String> {
	let json = read(path)?;
	let block_hex = json["block"].as_str().ok_or("the snapshot has no block")?;
	let block = Block::decode(&mut &hex(block_hex)?[..]).map_err(|e| format!("block: {e}"))?;
	let storage = pairs(&json, "parentState")?;
	// (`new_with_state_version` would replace `:code` with nothing.)
	let code = storage.top.get(&b":code"[..]).cloned().unwrap_or_default();
	let mut ext =
		sp_io::TestExternalities::new_with_code_and_state(&code, storage, VERSION.state_version());
	// Record the proof as the collator did, so that `StorageWeightReclaim` reclaims the same
	// proof size as when the block was built (block weight, events and fee multiplier depend
	// on it).
	let backend = ext.as_backend();
	let root = *backend.root();
	let recorder = sp_trie::recorder::Recorder::<sp_core::Blake2Hasher>::default();
	ext.backend = sp_state_machine::TrieBackendBuilder::new(backend.into_storage(), root)
		.with_recorder(recorder.clone())
		.build();
	ext.register_extension(sp_trie::proof_size_extension::ProofSizeExt::new(recorder));
	// The snapshot is complete only if its root is the parent header's state root.
	if let Some(expected) = json["parentStateRoot"].as_str() {
		let root = ext.execute_with(|| sp_io::storage::root(VERSION.state_version()));
		if root != hex(expected)? {
			return Err(format!(
				"the snapshot's state root 0x{} is not the parent's {expected}: incomplete snapshot",
				root.iter().map(|b| format!("{b:02x}")).collect::<String>()
			));
		}
	}
	Ok((ext, block))
}

/// The keys whose values differ between the current state and `expected` (hex, at most 20).
fn diff(expected: &Storage) -> String {
	let mut now = std::collections::BTreeMap::new();
	let mut key = Vec::new();
	while let Some(next) = sp_io::storage::next_key(&key) {
		let value = sp_io::storage::get(&next).map(|v| v.to_vec()).unwrap_or_default();
		now.insert(next.clone(), value);
		key = next;
	}
	let hexed = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
	let mut out = Vec::new();
	for k in now.keys().chain(expected.top.keys()).collect::<std::collections::BTreeSet<_>>() {
		if now.get(k) != expected.top.get(k) {
			out.push(format!("0x{}", hexed(k)));
		}
	}
	let n = out.len();
	out.truncate(20);
	format!("{n}: {}", out.join(", "))
}

fn main() -> ExitCode {
	let args: Vec<String> = std::env::args().skip(1).collect();
	let (command, path) = match args.as_slice() {
		[c, p] if c == "on-runtime-upgrade" || c == "execute-block" => (c.as_str(), p.as_str()),
		_ => {
			eprintln!("usage: servicechain-try-runtime on-runtime-upgrade|execute-block SNAPSHOT");
			return ExitCode::from(2);
		},
	};
	let post = read(path).and_then(|json| pairs(&json, "postState")).unwrap_or_default();
	let (mut ext, block) = match load(path) {
		Ok(loaded) => loaded,
		Err(e) => {
			eprintln!("{e}");
			return ExitCode::from(2);
		},
	};
	let number = *block.header().number();
	let keys = ext.execute_with(|| sp_io::storage::next_key(&[]).is_some());
	if !keys {
		eprintln!("the snapshot's state is empty");
		return ExitCode::from(2);
	}
	let result = ext.execute_with(|| match command {
		"on-runtime-upgrade" => Executive::try_runtime_upgrade(UpgradeCheckSelect::All)
			.map_err(|e| format!("{e:?}"))
			.and_then(|weight| {
				// The upgrade runs in one block: its migrations must fit in one, in time and in
				// proof size (as try-runtime-cli checks).
				let max = <servicechain_runtime::Runtime as frame_system::Config>::BlockWeights::get().max_block;
				let share = |used: u64, of: u64| used as f64 * 100.0 / of.max(1) as f64;
				let report = format!(
					"migrations weigh {} ms of ref time ({:.1}% of a block) and {} kB of proof ({:.1}%)",
					weight.ref_time() / 1_000_000_000,
					share(weight.ref_time(), max.ref_time()),
					weight.proof_size() / 1_000,
					share(weight.proof_size(), max.proof_size())
				);
				if weight.any_gt(max) {
					Err(format!("the upgrade does not fit in a block: {report}"))
				} else {
					Ok(format!("on-runtime-upgrade on the state of block #{}: ok, {report}, every pallet's try_state passed", number - 1))
				}
			}),
		_ => {
			let expected_root = block.header().state_root;
			// The root is compared here (not inside `try_execute_block`) to name the keys that
			// differ from the node's post-state when it does not match.
			Executive::try_execute_block(block.into(), false, true, TryStateSelect::All)
				.map_err(|e| format!("{e:?}"))
				.and_then(|weight| {
					let root = sp_io::storage::root(VERSION.state_version());
					if root == expected_root.as_ref() {
						Ok(format!("execute-block #{number}: ok (state root matches the node's, signatures checked, every pallet's try_state passed), weight {weight:?}"))
					} else {
						Err(format!("state root differs from the node's; keys that differ: {}", diff(&post)))
					}
				})
		},
	});
	match result {
		Ok(message) => {
			println!("{message}");
			ExitCode::SUCCESS
		},
		Err(e) => {
			println!("{command} FAILED: {e}");
			ExitCode::FAILURE
		},
	}
}
