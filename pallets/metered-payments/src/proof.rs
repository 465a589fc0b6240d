//! The proof size of settling claims, summed over the storage items they read.
//!
//! `frame-benchmarking-cli` estimates a benchmark's proof size item by item (the item's
//! `MaxEncodedLen` plus its trie layers, times its reads) but then charges only the **largest**
//! item, not their sum (it takes the maximum over storage prefixes; see
//! paritytech/substrate#13766). A claim reads its channel, its payee's account and its
//! consumer's ledger entry, so the generated `claim_batch(n)` charged only the channel's share
//! per claim, about 2.7 kB of the 7.8 kB a claim of distinct accounts can take. The functions
//! here apply the CLI's own per-item model and add the items up; the call weights take the
//! larger of this sum and the generated proof size.

use crate::{Config, Pallet};
use alloc::vec::Vec;
use frame_support::traits::{StorageInfo, StorageInfoTrait};

/// The proof bytes of one trie layer: 15 sibling hashes of 33 bytes (the CLI's model).
const LAYER: u64 = 15 * 33;
/// Trie layers above every storage prefix (the CLI's default `additional_trie_layers`).
const PREFIX_LAYERS: u64 = 2;
/// Entries a map without `max_values` is assumed to hold (the CLI's default
/// `worst_case_map_values`).
const WORST_CASE_MAP_VALUES: u32 = 1_000_000;

/// The trie layers above one entry of an item of `entries` values (`log16`, at least one).
fn layers(entries: u32) -> u64 {
	if entries == 0 {
		return 0;
	}
	let (mut depth, mut span) = (0u64, 1u64);
	while span < u64::from(entries) {
		span = span.saturating_mul(16);
		depth = depth.saturating_add(1);
	}
	depth.max(1)
}

/// One item's proof figures: what each read of a distinct entry adds, and what its prefix adds
/// once.
#[derive(Clone, Copy, Default)]
struct Item {
	per_read: u64,
	per_prefix: u64,
}

/// The storage item `name` among `infos`, by the CLI's model (zero if unknown or unbounded).
fn item(infos: &[StorageInfo], name: &[u8]) -> Item {
	infos
		.iter()
		.find(|info| info.storage_name == name)
		.map(|info| Item {
			per_read: u64::from(info.max_size.unwrap_or(0)).saturating_add(
				LAYER.saturating_mul(layers(info.max_values.unwrap_or(WORST_CASE_MAP_VALUES))),
			),
			per_prefix: LAYER.saturating_mul(PREFIX_LAYERS),
		})
		.unwrap_or_default()
}

/// The items a claim reads, by the CLI's model.
struct ClaimItems {
	channel: Item,
	ledger: Item,
	parameters: Item,
	account: Item,
	block_hash: Item,
}

impl ClaimItems {
	fn of<T: Config>() -> Self {
		let ours: Vec<StorageInfo> = <Pallet<T> as StorageInfoTrait>::storage_info();
		let system: Vec<StorageInfo> =
			<frame_system::Pallet<T> as StorageInfoTrait>::storage_info();
		ClaimItems {
			channel: item(&ours, b"Channels"),
			ledger: item(&ours, b"PaidToService"),
			parameters: item(&ours, b"Parameters"),
			account: item(&system, b"Account"),
			block_hash: item(&system, b"BlockHash"),
		}
	}

	/// What every batch reads once: the parameters, the genesis hash, the escrow's and the
	/// fee destination's accounts, and the prefixes of the per-claim items.
	fn base(&self) -> u64 {
		let once = [self.parameters, self.block_hash, self.account, self.account];
		let prefixes = [self.parameters, self.block_hash, self.account, self.channel, self.ledger];
		once.iter()
			.map(|i| i.per_read)
			.chain(prefixes.iter().map(|i| i.per_prefix))
			.fold(0u64, u64::saturating_add)
	}

	/// What each settled claim reads: its channel, its payee's account, its consumer's ledger
	/// entry.
	fn per_claim(&self) -> u64 {
		self.channel
			.per_read
			.saturating_add(self.account.per_read)
			.saturating_add(self.ledger.per_read)
	}
}

/// The proof size of a batch that settles `settled` claims and rejects `rejected` before
/// verifying their signature (those read only their channel).
pub fn claims_proof<T: Config>(settled: u32, rejected: u32) -> u64 {
	let items = ClaimItems::of::<T>();
	items
		.base()
		.saturating_add(items.per_claim().saturating_mul(u64::from(settled)))
		.saturating_add(items.channel.per_read.saturating_mul(u64::from(rejected)))
}

/// The proof size of a provider's `close`: one claim, plus the refund to the consumer's account
/// and the removal of the channel from both indexes.
pub fn close_proof<T: Config>() -> u64 {
	let items = ClaimItems::of::<T>();
	let ours: Vec<StorageInfo> = <Pallet<T> as StorageInfoTrait>::storage_info();
	let indexes = [item(&ours, b"ChannelsByConsumer"), item(&ours, b"ChannelsByProvider")];
	indexes
		.iter()
		.map(|i| i.per_read.saturating_add(i.per_prefix))
		.fold(claims_proof::<T>(1, 0).saturating_add(items.account.per_read), u64::saturating_add)
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::mock::Test;

	#[test]
	fn the_cli_model_of_one_read() {
		assert_eq!(layers(0), 0);
		assert_eq!(layers(1), 1);
		assert_eq!(layers(16), 1);
		assert_eq!(layers(17), 2);
		assert_eq!(layers(1_000_000), 5);
		// As the CLI's "added" for a map: its largest key and value, and 5 layers of 495 bytes.
		let system = <frame_system::Pallet<Test> as StorageInfoTrait>::storage_info();
		let account = system.iter().find(|i| i.storage_name == b"Account").expect("Account");
		let max_size = u64::from(account.max_size.expect("bounded"));
		assert_eq!(item(&system, b"Account").per_read, max_size + 5 * 495);
		assert_eq!(item(&system, b"NoSuchItem").per_read, 0);
	}

	#[test]
	fn a_claim_adds_its_channel_account_and_ledger_entry() {
		let items = ClaimItems::of::<Test>();
		let per_claim = claims_proof::<Test>(2, 0) - claims_proof::<Test>(1, 0);
		assert_eq!(
			per_claim,
			items.channel.per_read + items.account.per_read + items.ledger.per_read
		);
		assert!(per_claim > 7_000, "{per_claim}");
		assert!(claims_proof::<Test>(0, 1) < claims_proof::<Test>(1, 0));
		assert!(close_proof::<Test>() > claims_proof::<Test>(1, 0));
	}
}
