//! Collators: authorship, collator selection, session keys, Aura and authority discovery.

use crate::{
	configs::RelayLocation, AccountId, Aura, Balance, Balances, BlockNumber, CollatorSelection,
	Runtime, RuntimeEvent, Session, SessionKeys, EXISTENTIAL_DEPOSIT, HOURS, SLOT_DURATION,
};
use frame_support::{
	parameter_types,
	traits::{ConstBool, ConstU32, ConstU64, EitherOfDiverse},
	PalletId,
};
use frame_system::EnsureRoot;
use pallet_xcm::{EnsureXcm, IsVoiceOfBody};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use xcm::latest::prelude::BodyId;

impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Aura>;
	type EventHandler = (CollatorSelection,);
}

parameter_types! {
	/// Session length: 6 hours.
	pub const Period: BlockNumber = 6 * HOURS;
	/// Sessions start at block 0.
	pub const Offset: BlockNumber = 0;
	/// Deposit held when a collator sets its session keys.
	pub const SessionKeyDeposit: Balance = EXISTENTIAL_DEPOSIT;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = <Self as frame_system::Config>::AccountId;
	// No stash/controller split, so the identity conversion.
	type ValidatorIdOf = pallet_collator_selection::IdentityCollator;
	type ShouldEndSession = pallet_session::PeriodicSessions<Period, Offset>;
	type NextSessionRotation = pallet_session::PeriodicSessions<Period, Offset>;
	type SessionManager = CollatorSelection;
	// Only Aura keys.
	type SessionHandler = <SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = SessionKeyDeposit;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<100_000>;
	// Elastic scaling: with `BLOCK_PROCESSING_VELOCITY` cores the slot-based collator builds up
	// to that many blocks in one 6 s slot; `false` would make the second one panic ("Slot must
	// increase"). `cumulus_pallet_aura_ext` (through the consensus hook) caps the blocks per slot
	// at the velocity.
	type AllowMultipleBlocksPerSlot = ConstBool<true>;
	type SlotDuration = ConstU64<{ SLOT_DURATION }>;
}

impl cumulus_pallet_aura_ext::Config for Runtime {}

impl pallet_authority_discovery::Config for Runtime {
	// As many as Aura: every collator has an authority discovery key in its session keys.
	type MaxAuthorities = ConstU32<100_000>;
}

parameter_types! {
	/// Account collecting the collators' share of fees.
	pub const PotId: PalletId = PalletId(*b"PotStake");
	/// The relay chain's staking admin body may manage collators.
	pub const StakingAdminBodyId: BodyId = BodyId::Defense;
}

/// Root or the relay chain's staking admin may run privileged collator selection operations.
pub type CollatorSelectionUpdateOrigin = EitherOfDiverse<
	EnsureRoot<AccountId>,
	EnsureXcm<IsVoiceOfBody<RelayLocation, StakingAdminBodyId>>,
>;

impl pallet_collator_selection::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type UpdateOrigin = CollatorSelectionUpdateOrigin;
	type PotId = PotId;
	type MaxCandidates = ConstU32<100>;
	type MinEligibleCollators = ConstU32<1>;
	type MaxInvulnerables = ConstU32<20>;
	// Should be a multiple of the session length.
	type KickThreshold = Period;
	type ValidatorId = <Self as frame_system::Config>::AccountId;
	type ValidatorIdOf = pallet_collator_selection::IdentityCollator;
	type ValidatorRegistration = Session;
	type WeightInfo = pallet_collator_selection::weights::SubstrateWeight<Runtime>;
}
