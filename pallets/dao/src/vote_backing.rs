//! `VoteBacking`: the slashing pallets (the service registry) cap a slashed account's votes.

use crate::{Config, Pallet, WeightInfo};
use frame_support::weights::Weight;
use servicechain_primitives::VoteBacking;

/// The slashing pallets (the service registry) cap a slashed account's votes through this.
impl<T: Config> VoteBacking<T::AccountId> for Pallet<T> {
	fn rebalance(who: &T::AccountId) {
		Self::do_rebalance(who)
	}

	fn rebalance_weight() -> Weight {
		T::WeightInfo::rebalance()
	}
}
