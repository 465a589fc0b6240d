//! XCM configuration.
//!
//! - **SCV is the native asset at `Here`** (`Location::here()` seen from ServiceChain; siblings
//!   see it as `(1, Parachain(2000))`). It is the only asset ServiceChain transacts: no foreign
//!   asset is accepted as a reserve deposit (`IsReserve = ()`) or teleport (`IsTeleporter =
//!   ()`), so a reserve transfer of DOT cannot mint SCV, and whatever is not SCV is refused.
//! - Execution is bought with SCV at the same price as transactions (`WeightToFee`); the fees
//!   go where transaction fees go ([`DealWithFees`]).
//! - Sending costs a delivery fee in SCV, growing with the message size and the queue's fee
//!   factor (`ExponentialPrice`, as on the system parachains), paid to the protocol treasury;
//!   Root's own messages are exempt.
//! - The barrier denies reserve transfers to the relay chain in every form, `InitiateTransfer`
//!   included, and `pallet_xcm` neither teleports nor reserve-transfers.
//! - `pallet_xcm` is charged with weights benchmarked for this runtime
//!   ([`crate::weights::pallet_xcm`]). XCM instructions are weighed with a fixed, conservative
//!   1e9 ref time each (`FixedWeightBounds`, as the parachain template does).

use crate::{
	configs::{monetary::DealWithFees, servicechain::ProtocolTreasuryAccount},
	AccountId, AllPalletsWithSystem, Balances, ParachainInfo, ParachainSystem, PolkadotXcm,
	Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, WeightToFee, XcmpQueue, MILLIUNIT,
};
use core::ops::ControlFlow;
use frame_support::{
	parameter_types,
	traits::{ConstU32, Contains, Disabled, Equals, Everything, Nothing, ProcessMessageError},
	weights::Weight,
};
use frame_system::EnsureRoot;
use pallet_xcm::XcmPassthrough;
use polkadot_parachain_primitives::primitives::Sibling;
use polkadot_runtime_common::xcm_sender::ExponentialPrice;
use xcm::latest::prelude::*;
use xcm_builder::{
	AccountId32Aliases, AllowExplicitUnpaidExecutionFrom, AllowTopLevelPaidExecutionFrom,
	CreateMatcher, DenyRecursively, DenyReserveTransferToRelayChain, DenyThenTry, EnsureXcmOrigin,
	FixedWeightBounds, FrameTransactionalProcessor, FungibleAdapter, IsConcrete, MatchXcm,
	ParentIsPreset, RelayChainAsNative, SendXcmFeeToAccount, SiblingParachainAsNative,
	SiblingParachainConvertsVia, SignedAccountId32AsNative, SignedToAccountId32,
	SovereignSignedViaLocation, TakeWeightCredit, TrailingSetTopicAsId, UsingComponents,
	WithComputedOrigin, WithUniqueTopic, XcmFeeManagerFromComponents,
};
use xcm_executor::{
	traits::{DenyExecution, Properties},
	XcmExecutor,
};

parameter_types! {
	/// The relay chain.
	pub const RelayLocation: Location = Location::parent();
	/// The relay network is not fixed, so ServiceChain can run on any test relay chain.
	pub const RelayNetwork: Option<NetworkId> = None;
	/// The origin of messages from the relay chain.
	pub RelayChainOrigin: RuntimeOrigin = cumulus_pallet_xcm::Origin::Relay.into();
	/// This chain's location in the consensus universe.
	pub UniversalLocation: InteriorLocation = Parachain(ParachainInfo::parachain_id().into()).into();
	/// SCV, the native token, as this chain's XCM executor sees it.
	pub const HereLocation: Location = Location::here();
	/// Delivery fees are paid in SCV.
	pub FeeAssetId: AssetId = AssetId(HereLocation::get());
	/// Delivery fee of a message, before its bytes: 0.003 SCV, about a small transaction's fee.
	pub const BaseDeliveryFee: u128 = 3 * MILLIUNIT;
	/// Delivery fee per byte of a message: the transaction byte fee.
	pub const DeliveryByteFee: u128 = crate::configs::monetary::TransactionByteFee::get();
	/// Where delivery fees go: the protocol treasury.
	pub TreasuryLocation: Location =
		AccountId32 { network: None, id: ProtocolTreasuryAccount::get().into() }.into();
	/// Root's own messages pay no delivery fee.
	pub RootLocation: Location = Location::here();
	/// One XCM instruction is weighed at 1_000_000_000 ref time (a conservative estimate).
	pub UnitWeightCost: Weight = Weight::from_parts(1_000_000_000, 64 * 1024);
	/// Most instructions in one XCM.
	pub const MaxInstructions: u32 = 100;
	/// Most assets in the holding register.
	pub const MaxAssetsIntoHolding: u32 = 64;
}

/// Converts a `Location` into a local `AccountId`.
pub type LocationToAccountId = (
	// The parent (relay chain) origin converts to the parent `AccountId`.
	ParentIsPreset<AccountId>,
	// Sibling parachain origins convert to an `AccountId` via `ParaId::into`.
	SiblingParachainConvertsVia<Sibling, AccountId>,
	// Local `AccountId32` locations alias directly to an `AccountId`.
	AccountId32Aliases<RelayNetwork, AccountId>,
);

/// Transacts SCV (at `Here`) through `Balances`; no other asset is known to this chain.
pub type LocalAssetTransactor =
	FungibleAdapter<Balances, IsConcrete<HereLocation>, LocationToAccountId, AccountId, ()>;

/// The delivery price of a message to the relay chain.
pub type PriceForParentDelivery =
	ExponentialPrice<FeeAssetId, BaseDeliveryFee, DeliveryByteFee, ParachainSystem>;

/// The delivery price of a message to a sibling parachain.
pub type PriceForSiblingDelivery =
	ExponentialPrice<FeeAssetId, BaseDeliveryFee, DeliveryByteFee, XcmpQueue>;

/// Converts an incoming XCM origin into a local dispatch origin.
pub type XcmOriginToTransactDispatchOrigin = (
	SovereignSignedViaLocation<LocationToAccountId, RuntimeOrigin>,
	RelayChainAsNative<RelayChainOrigin, RuntimeOrigin>,
	SiblingParachainAsNative<cumulus_pallet_xcm::Origin, RuntimeOrigin>,
	SignedAccountId32AsNative<RelayNetwork, RuntimeOrigin>,
	XcmPassthrough<RuntimeOrigin>,
);

/// The relay chain and its executive body.
pub struct ParentOrParentsExecutivePlurality;
impl Contains<Location> for ParentOrParentsExecutivePlurality {
	fn contains(location: &Location) -> bool {
		matches!(location.unpack(), (1, []) | (1, [Plurality { id: BodyId::Executive, .. }]))
	}
}

/// Denies `InitiateTransfer` to the relay chain: the XCM v5 form of the reserve transfers that
/// [`DenyReserveTransferToRelayChain`] denies (`InitiateReserveWithdraw`, `DepositReserveAsset`,
/// `TransferReserveAsset`). The relay chain knows no SCV, and ServiceChain holds no DOT to
/// withdraw from a reserve: such a transfer could only lose the assets.
pub struct DenyInitiateTransferToRelayChain;
impl DenyExecution for DenyInitiateTransferToRelayChain {
	fn deny_execution<RuntimeCall>(
		_origin: &Location,
		message: &mut [Instruction<RuntimeCall>],
		_max_weight: Weight,
		_properties: &mut Properties,
	) -> Result<(), ProcessMessageError> {
		message.matcher().match_next_inst_while(
			|_| true,
			|inst| match inst {
				InitiateTransfer {
					destination: Location { parents: 1, interior: Here }, ..
				} => Err(ProcessMessageError::Unsupported),
				_ => Ok(ControlFlow::Continue(())),
			},
		)?;
		Ok(())
	}
}

/// Which XCMs are executed: paid ones from anyone; unpaid ones from the relay chain. Reserve
/// transfers to the relay chain are denied first, also inside nested instructions.
pub type Barrier = TrailingSetTopicAsId<
	DenyThenTry<
		(
			DenyRecursively<DenyReserveTransferToRelayChain>,
			DenyRecursively<DenyInitiateTransferToRelayChain>,
		),
		(
			TakeWeightCredit,
			WithComputedOrigin<
				(
					AllowTopLevelPaidExecutionFrom<Everything>,
					AllowExplicitUnpaidExecutionFrom<ParentOrParentsExecutivePlurality>,
				),
				UniversalLocation,
				ConstU32<8>,
			>,
		),
	>,
>;

/// The XCM executor's configuration.
pub struct XcmConfig;
impl xcm_executor::Config for XcmConfig {
	type RuntimeCall = RuntimeCall;
	type XcmSender = XcmRouter;
	type XcmEventEmitter = PolkadotXcm;
	type AssetTransactor = LocalAssetTransactor;
	type OriginConverter = XcmOriginToTransactDispatchOrigin;
	/// No foreign asset is accepted from a reserve: ServiceChain transacts only SCV.
	type IsReserve = ();
	/// Teleporting is disabled.
	type IsTeleporter = ();
	type UniversalLocation = UniversalLocation;
	type Barrier = Barrier;
	type Weigher = FixedWeightBounds<UnitWeightCost, RuntimeCall, MaxInstructions>;
	/// Execution is bought with SCV, at the transaction fee's price; the fees are split like
	/// transaction fees.
	type Trader = UsingComponents<WeightToFee, HereLocation, AccountId, Balances, DealWithFees>;
	type ResponseHandler = PolkadotXcm;
	type AssetTrap = PolkadotXcm;
	type SubscriptionService = PolkadotXcm;
	type PalletInstancesInfo = AllPalletsWithSystem;
	type MaxAssetsIntoHolding = MaxAssetsIntoHolding;
	type AssetLocker = ();
	type AssetExchanger = ();
	/// Delivery and other XCM fees go to the protocol treasury; Root's are waived.
	type FeeManager = XcmFeeManagerFromComponents<
		Equals<RootLocation>,
		SendXcmFeeToAccount<Self::AssetTransactor, TreasuryLocation>,
	>;
	type MessageExporter = ();
	type UniversalAliases = Nothing;
	type CallDispatcher = RuntimeCall;
	type SafeCallFilter = Everything;
	type Aliasers = Nothing;
	type TransactionalProcessor = FrameTransactionalProcessor;
	type HrmpNewChannelOpenRequestHandler = ();
	type HrmpChannelAcceptedHandler = ();
	type HrmpChannelClosingHandler = ();
	type XcmRecorder = PolkadotXcm;
}

/// Converts a local signed origin into an XCM location.
pub type LocalOriginToLocation = SignedToAccountId32<RuntimeOrigin, AccountId, RelayNetwork>;

/// Routes outgoing XCMs: UMP to the relay chain, XCMP to siblings; both priced in SCV.
pub type XcmRouter = WithUniqueTopic<(
	cumulus_primitives_utility::ParentAsUmp<ParachainSystem, PolkadotXcm, PriceForParentDelivery>,
	XcmpQueue,
)>;

impl pallet_xcm::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type SendXcmOrigin = EnsureXcmOrigin<RuntimeOrigin, LocalOriginToLocation>;
	type XcmRouter = XcmRouter;
	type ExecuteXcmOrigin = EnsureXcmOrigin<RuntimeOrigin, LocalOriginToLocation>;
	// The dispatchable `execute` is disabled.
	type XcmExecuteFilter = Nothing;
	type XcmExecutor = XcmExecutor<XcmConfig>;
	/// Nothing is teleported: no chain accepts SCV teleports.
	type XcmTeleportFilter = Nothing;
	/// `pallet_xcm` does not reserve-transfer (SCV moves to siblings by XCM programs only).
	type XcmReserveTransferFilter = Nothing;
	type Weigher = FixedWeightBounds<UnitWeightCost, RuntimeCall, MaxInstructions>;
	type UniversalLocation = UniversalLocation;
	type RuntimeOrigin = RuntimeOrigin;
	type RuntimeCall = RuntimeCall;
	const VERSION_DISCOVERY_QUEUE_SIZE: u32 = 100;
	type AdvertisedXcmVersion = pallet_xcm::CurrentXcmVersion;
	type Currency = Balances;
	type CurrencyMatcher = ();
	type TrustedLockers = ();
	type SovereignAccountOf = LocationToAccountId;
	type MaxLockers = ConstU32<8>;
	/// Benchmarked for this runtime on the project's machine.
	type WeightInfo = crate::weights::pallet_xcm::WeightInfo<Runtime>;
	type AdminOrigin = EnsureRoot<AccountId>;
	type MaxRemoteLockConsumers = ConstU32<0>;
	type RemoteLockConsumerIdentifier = ();
	// Aliasing is disabled: `Aliasers` is `Nothing`.
	type AuthorizedAliasConsideration = Disabled;
}

impl cumulus_pallet_xcm::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type XcmExecutor = XcmExecutor<XcmConfig>;
}
