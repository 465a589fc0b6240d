//! The proof size of settling claims, summed over the storage items they read.
//!
//! `frame-benchmarking-cli` estimates a benchmark's proof size item by item (the item's
//! `MaxEncodedLen` plus its trie layers, times its reads) but then charges only the **largest**
//! item, not their sum (it takes the maximum over storage prefixes; see
//! paritytech/substrate#13766). A batch reads each page of channels it settles and that page's
//! payee's account (and, for channels opened before pages, the consumer's ledger entry), so the
//! generated weights would charge only the largest of them. The functions here apply the CLI's
//! own per-item model and add the items up; the call weights take the larger of this sum and
//! the generated proof size.

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
	page: Item,
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
			page: item(&ours, b"ChannelPages"),
			ledger: item(&ours, b"PaidToService"),
			parameters: item(&ours, b"Parameters"),
			account: item(&system, b"Account"),
			block_hash: item(&system, b"BlockHash"),
		}
	}

	/// What every batch reads once: the parameters, the genesis hash, the escrow's and the
	/// fee destination's accounts, and the prefixes of the per-page and per-claim items.
	fn base(&self) -> u64 {
		let once = [self.parameters, self.block_hash, self.account, self.account];
		let prefixes = [self.parameters, self.block_hash, self.account, self.page, self.ledger];
		once.iter()
			.map(|i| i.per_read)
			.chain(prefixes.iter().map(|i| i.per_prefix))
			.fold(0u64, u64::saturating_add)
	}

	/// What each page with a settled claim reads: the page and its payee's account.
	fn per_page(&self) -> u64 {
		self.page.per_read.saturating_add(self.account.per_read)
	}
}

/// The proof size of a batch that settles claims on `pages` distinct pages, `legacy` of them on
/// channels opened before pages (which also read their consumer's ledger entry), and rejects
/// `rejected` before verifying their signature (each counted with a page of its own).
pub fn claims_proof<T: Config>(pages: u32, legacy: u32, rejected: u32) -> u64 {
	let items = ClaimItems::of::<T>();
	items
		.base()
		.saturating_add(items.per_page().saturating_mul(u64::from(pages)))
		.saturating_add(items.ledger.per_read.saturating_mul(u64::from(legacy)))
		.saturating_add(items.page.per_read.saturating_mul(u64::from(rejected)))
}

/// The proof size of a provider's `close`: one claim, its consumer's ledger entry, the refund
/// to the consumer's account and the removal of the channel from both indexes.
pub fn close_proof<T: Config>() -> u64 {
	let items = ClaimItems::of::<T>();
	let ours: Vec<StorageInfo> = <Pallet<T> as StorageInfoTrait>::storage_info();
	let indexes = [item(&ours, b"ChannelsByConsumer"), item(&ours, b"ChannelsByProvider")];
	indexes.iter().map(|i| i.per_read.saturating_add(i.per_prefix)).fold(
		claims_proof::<T>(1, 1, 0).saturating_add(items.account.per_read),
		u64::saturating_add,
	)
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
	fn a_page_adds_itself_and_its_payee_and_a_full_page_fits_the_budget() {
		let items = ClaimItems::of::<Test>();
		let per_page = claims_proof::<Test>(2, 0, 0) - claims_proof::<Test>(1, 0, 0);
		assert_eq!(per_page, items.page.per_read + items.account.per_read);
		// A full page's share per claim: within the 786 bytes 10,000 claims per block leave.
		let per_claim = per_page / u64::from(crate::CHANNELS_PER_PAGE);
		assert!(per_claim < 786, "{per_claim}");
		let legacy = claims_proof::<Test>(1, 1, 0) - claims_proof::<Test>(1, 0, 0);
		assert_eq!(legacy, items.ledger.per_read);
		assert!(claims_proof::<Test>(0, 0, 1) < claims_proof::<Test>(1, 0, 0));
		assert!(close_proof::<Test>() > claims_proof::<Test>(1, 1, 0));
	}
}
