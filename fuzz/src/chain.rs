//! A chain the fuzzer drives: the development genesis with the fuzzer's accounts endowed, and
//! real blocks built by `Executive` (parachain validation data and timestamp inherents, then
//! signed extrinsics through the runtime's whole transaction-extension pipeline).

use crate::{accounts::Key, invariants};
use codec::{Decode, Encode};
use cumulus_pallet_parachain_system::parachain_inherent::{
	deconstruct_parachain_inherent_data, InboundMessagesData,
};
use cumulus_primitives_core::PersistedValidationData;
use cumulus_primitives_parachain_inherent::ParachainInherentData;
use cumulus_test_relay_sproof_builder::RelayStateSproofBuilder;
use frame_support::traits::PalletsInfoAccess;
use servicechain_runtime::{
	genesis_config_presets, AccountId, Balance, Executive, Header, Runtime, RuntimeCall,
	RuntimeGenesisConfig, SignedPayload, TxExtension, UncheckedExtrinsic, SLOT_DURATION, VERSION,
};
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_core::H256;
use sp_runtime::{
	generic::{Digest, DigestItem, Era},
	traits::{Hash as _, Header as _},
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	BuildStorage, DispatchError, Storage,
};

/// The parachain id of the development preset.
const PARA_ID: u32 = 2000;
/// The first slot: a moment in the present, as a collator would use.
const FIRST_SLOT: u64 = 1_800_000_000_000 / SLOT_DURATION;

/// The genesis every run starts from, built once.
pub struct Genesis {
	storage: Storage,
	header: Header,
}

impl Genesis {
	/// The `development` preset (the share-weighted protocol DAO of Alice, Bob and Charlie,
	/// short liveness and settlement periods) with every key in `keys` endowed like the dev
	/// accounts.
	pub fn development(keys: &[Key]) -> Self {
		let mut config = genesis_config_presets::preset_config(genesis_config_presets::DEVELOPMENT)
			.expect("the development preset exists");
		let endowed = config["balances"]["balances"].as_array_mut().expect("balances list");
		for key in keys {
			let entry = serde_json::to_value((key.account(), genesis_config_presets::ENDOWMENT))
				.expect("serializes");
			if !endowed.contains(&entry) {
				endowed.push(entry);
			}
		}
		let config: RuntimeGenesisConfig =
			serde_json::from_value(config).expect("the patched preset is a genesis config");
		let storage = config.build_storage().expect("genesis builds");
		let mut ext = sp_io::TestExternalities::new(storage.clone());
		let state_root = ext.execute_with(|| {
			H256::decode(&mut &sp_io::storage::root(VERSION.state_version())[..]).expect("root")
		});
		let extrinsics_root = sp_runtime::traits::BlakeTwo256::ordered_trie_root(
			Vec::new(),
			VERSION.extrinsics_root_state_version(),
		);
		let header =
			Header::new(0, extrinsics_root, state_root, Default::default(), Default::default());
		Genesis { storage, header }
	}
}

/// What became of one extrinsic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
	/// Included and dispatched successfully.
	Ok,
	/// Included (fee paid) but the call failed with this error.
	Failed(String),
	/// Not valid for inclusion (e.g. cannot pay its fee, bad nonce): nothing happened.
	Invalid(String),
}

/// A running chain.
pub struct Chain {
	ext: sp_io::TestExternalities,
	keys: Vec<Key>,
	genesis_hash: H256,
	parent: Header,
	slot: u64,
	in_block: bool,
	issuance: Balance,
	/// Blocks finalized.
	pub blocks: u64,
	/// Extrinsics applied (signed ones, not inherents).
	pub extrinsics: u64,
}

impl Chain {
	/// A chain at `genesis`, block 0.
	pub fn new(genesis: &Genesis, keys: Vec<Key>) -> Self {
		let mut ext = sp_io::TestExternalities::new(genesis.storage.clone());
		let genesis_hash = genesis.header.hash();
		let issuance = ext.execute_with(|| {
			frame_system::BlockHash::<Runtime>::insert(0, genesis_hash);
			pallet_balances::TotalIssuance::<Runtime>::get()
		});
		Chain {
			ext,
			keys,
			genesis_hash,
			parent: genesis.header.clone(),
			slot: FIRST_SLOT,
			in_block: false,
			issuance,
			blocks: 0,
			extrinsics: 0,
		}
	}

	/// The keys, by account index.
	pub fn keys(&self) -> &[Key] {
		&self.keys
	}

	/// Runs `f` against the chain's state (inside the current block, if one is open).
	pub fn with<R>(&mut self, f: impl FnOnce() -> R) -> R {
		self.ext.execute_with(f)
	}

	fn start_block(&mut self) {
		self.slot += 1;
		let digest = Digest {
			logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, Slot::from(self.slot).encode())],
		};
		let number = self.parent.number() + 1;
		let header =
			Header::new(number, Default::default(), Default::default(), self.parent.hash(), digest);
		let inherents = inherents(&self.parent, self.slot);
		self.ext.execute_with(|| {
			Executive::initialize_block(&header);
			for xt in inherents {
				Executive::apply_extrinsic(xt)
					.expect("inherent is valid")
					.expect("inherent dispatches");
			}
		});
		self.in_block = true;
	}

	/// Finalizes the open block (opening an empty one first if none is) and checks every
	/// invariant on the state it left.
	pub fn finish_block(&mut self) -> Result<(), String> {
		if !self.in_block {
			self.start_block();
		}
		let (header, result) = self.ext.execute_with(|| {
			let header = Executive::finalize_block();
			let result = invariants::check(*header.number(), &mut self.issuance);
			(header, result)
		});
		self.ext.commit_all().map_err(|e| format!("commit: {e}"))?;
		self.parent = header;
		self.in_block = false;
		self.blocks += 1;
		result.map_err(|e| format!("block {}: {e}", self.blocks))
	}

	/// Advances `n` blocks (the first finishes the open block, if any).
	pub fn advance(&mut self, n: u32) -> Result<(), String> {
		for _ in 0..n {
			self.finish_block()?;
		}
		Ok(())
	}

	/// Signs `call` as account `signer` (next nonce, immortal, no tip) and applies it in the
	/// open block; a block that is full is finished and the extrinsic goes into the next.
	pub fn submit(&mut self, signer: usize, call: RuntimeCall) -> Result<Outcome, String> {
		for _ in 0..2 {
			if !self.in_block {
				self.start_block();
			}
			let key = self.keys.get(signer).cloned().ok_or("no such signer")?;
			let genesis_hash = self.genesis_hash;
			let applied = self.ext.execute_with(|| {
				let who = key.account();
				let nonce = frame_system::Pallet::<Runtime>::account_nonce(&who);
				Executive::apply_extrinsic(signed(&key, call.clone(), nonce, genesis_hash))
			});
			self.extrinsics += 1;
			return Ok(match applied {
				Ok(Ok(())) => Outcome::Ok,
				Ok(Err(e)) => Outcome::Failed(error_name(&e)),
				Err(TransactionValidityError::Invalid(InvalidTransaction::ExhaustsResources)) => {
					self.extrinsics -= 1;
					self.finish_block()?;
					continue;
				},
				Err(e) => Outcome::Invalid(format!("{e:?}")),
			});
		}
		Err("an extrinsic exhausts the resources of an empty block".into())
	}
}

/// A dispatch error's name, e.g. `MeteredPayments::StaleVoucher` or `Token(FundsUnavailable)`.
pub fn error_name(e: &DispatchError) -> String {
	match e {
		DispatchError::Module(m) => {
			let pallet = <servicechain_runtime::AllPalletsWithSystem as PalletsInfoAccess>::infos()
				.into_iter()
				.find(|info| info.index == usize::from(m.index))
				.map_or("?", |info| info.name);
			format!("{pallet}::{}", m.message.unwrap_or("?"))
		},
		other => format!("{other:?}"),
	}
}

/// A signed, immortal extrinsic from `key` with the runtime's full extension pipeline.
pub fn signed(key: &Key, call: RuntimeCall, nonce: u32, genesis: H256) -> UncheckedExtrinsic {
	let inner: TxExtension = cumulus_pallet_weight_reclaim::StorageWeightReclaim::new((
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(Era::Immortal),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		pallet_transaction_payment::ChargeTransactionPayment::from(0),
		frame_metadata_hash_extension::CheckMetadataHash::new(false),
	));
	let implicit = (
		(),
		VERSION.spec_version,
		VERSION.transaction_version,
		genesis,
		genesis,
		(),
		(),
		(),
		None::<[u8; 32]>,
	);
	let payload = SignedPayload::from_raw(call.clone(), inner.clone(), implicit);
	let signature = payload.using_encoded(|bytes| key.sign(bytes));
	let who: AccountId = key.account();
	UncheckedExtrinsic::new_signed(call, who.into(), signature, inner)
}

/// The inherents every parachain block carries: validation data (with a relay chain state
/// proof consistent with `slot`) and the timestamp.
pub fn inherents(parent: &Header, slot: u64) -> Vec<UncheckedExtrinsic> {
	let parent_head = polkadot_parachain_primitives::primitives::HeadData(parent.encode());
	// The relay chain's authorities sign the relay parent's descendants, which the runtime checks
	// (`RELAY_PARENT_OFFSET` of them beyond the relay parent), as a collator provides them.
	let sproof = RelayStateSproofBuilder {
		para_id: PARA_ID.into(),
		included_para_head: Some(parent_head.clone()),
		current_slot: slot.into(),
		num_authorities: 2,
		..Default::default()
	};
	let (relay_parent_storage_root, relay_chain_state, relay_parent_descendants) = sproof
		.into_state_root_proof_and_descendants(servicechain_runtime::RELAY_PARENT_OFFSET.into());
	let data = ParachainInherentData {
		validation_data: PersistedValidationData {
			parent_head,
			relay_parent_number: (*parent.number() + 1) * 2,
			relay_parent_storage_root,
			max_pov_size: 5 * 1024 * 1024,
		},
		relay_chain_state,
		downward_messages: Default::default(),
		horizontal_messages: Default::default(),
		relay_parent_descendants,
		collator_peer_id: None,
	};
	let (data, downward, horizontal) = deconstruct_parachain_inherent_data(data);
	let inbound = InboundMessagesData::new(
		downward.into_abridged(&mut usize::MAX.clone()),
		horizontal.into_abridged(&mut usize::MAX.clone()),
	);
	vec![
		UncheckedExtrinsic::new_bare(RuntimeCall::ParachainSystem(
			cumulus_pallet_parachain_system::Call::set_validation_data {
				data,
				inbound_messages_data: inbound,
			},
		)),
		UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set {
			now: slot * SLOT_DURATION,
		})),
	]
}
