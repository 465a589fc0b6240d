//! Money: balances of ServiceCoin (SCV) and transaction fees.
//!
//! Transaction fees are not burned: 80% go to the protocol treasury (the protocol DAO's), 20%
//! and every tip to the block's author, as the Polkadot relay chain splits them
//! ([`DealWithFees`]).

use crate::{
	configs::servicechain::ProtocolTreasuryAccount, AccountId, Balance, Balances, Runtime,
	RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, System, WeightToFee, EXISTENTIAL_DEPOSIT,
	MICROUNIT,
};
use frame_support::{
	parameter_types,
	traits::{
		fungible::{Balanced, Credit},
		tokens::imbalance::ResolveTo,
		ConstU32, ConstU8, Imbalance, OnUnbalanced, VariantCountOf,
	},
	weights::ConstantMultiplier,
};
use polkadot_runtime_common::SlowAdjustingFeeUpdate;

parameter_types! {
	/// Accounts holding less than this are reaped: 0.001 SCV.
	pub const ExistentialDeposit: Balance = EXISTENTIAL_DEPOSIT;
	/// Fee per byte of a transaction: 0.00001 SCV.
	pub const TransactionByteFee: Balance = 10 * MICROUNIT;
}

impl pallet_balances::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type Balance = Balance;
	type DustRemoval = ();
	type ExistentialDeposit = ExistentialDeposit;
	type AccountStore = System;
	type ReserveIdentifier = [u8; 8];
	/// Freezes are identified by the runtime's freeze reasons (e.g. DAO vote locks).
	type FreezeIdentifier = RuntimeFreezeReason;
	/// Locks are not used by ServiceChain's pallets (freezes are); kept for SDK pallets.
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ConstU32<50>;
	/// One freeze per freeze reason.
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}

/// Splits fees: 80% to the protocol treasury, 20% and all tips to the block's author. Nothing is
/// burned: when no author is known (a block without an Aura pre-digest) or its account cannot
/// take the amount, that part goes to the treasury too.
pub struct DealWithFees;
impl OnUnbalanced<Credit<AccountId, Balances>> for DealWithFees {
	fn on_unbalanceds(mut fees_then_tips: impl Iterator<Item = Credit<AccountId, Balances>>) {
		let Some(fees) = fees_then_tips.next() else { return };
		let (to_treasury, mut to_author) = fees.ration(80, 20);
		if let Some(tips) = fees_then_tips.next() {
			tips.merge_into(&mut to_author);
		}
		ResolveTo::<ProtocolTreasuryAccount, Balances>::on_unbalanced(to_treasury);
		let rest = match pallet_authorship::Pallet::<Runtime>::author() {
			Some(author) => Balances::resolve(&author, to_author).err(),
			None => Some(to_author),
		};
		if let Some(rest) = rest {
			ResolveTo::<ProtocolTreasuryAccount, Balances>::on_unbalanced(rest);
		}
	}
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Fees are withdrawn in SCV and split by [`DealWithFees`].
	type OnChargeTransaction = pallet_transaction_payment::FungibleAdapter<Balances, DealWithFees>;
	type WeightToFee = WeightToFee;
	type LengthToFee = ConstantMultiplier<Balance, TransactionByteFee>;
	type FeeMultiplierUpdate = SlowAdjustingFeeUpdate<Self>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}
