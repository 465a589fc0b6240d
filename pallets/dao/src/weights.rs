// NOT YET GENERATED: replaced by scripts/benchmark-weights.sh output.
#![allow(missing_docs)]
use frame_support::weights::Weight;
pub trait WeightInfo {
	fn create_dao(m: u32) -> Weight;
	fn propose(l: u32) -> Weight;
	fn vote() -> Weight;
	fn close_proposal(m: u32) -> Weight;
	fn execute_proposal(l: u32) -> Weight;
	fn cancel_proposal(m: u32) -> Weight;
	fn unlock() -> Weight;
	fn add_member() -> Weight;
	fn remove_member() -> Weight;
	fn set_shares() -> Weight;
	fn update_config() -> Weight;
	fn spend() -> Weight;
	fn distribute(m: u32) -> Weight;
	fn dispatch_as_treasury() -> Weight;
	fn dispatch_as_root() -> Weight;
	fn set_parameters() -> Weight;
}
impl WeightInfo for () {
	fn create_dao(_: u32) -> Weight {
		Weight::zero()
	}
	fn propose(_: u32) -> Weight {
		Weight::zero()
	}
	fn vote() -> Weight {
		Weight::zero()
	}
	fn close_proposal(_: u32) -> Weight {
		Weight::zero()
	}
	fn execute_proposal(_: u32) -> Weight {
		Weight::zero()
	}
	fn cancel_proposal(_: u32) -> Weight {
		Weight::zero()
	}
	fn unlock() -> Weight {
		Weight::zero()
	}
	fn add_member() -> Weight {
		Weight::zero()
	}
	fn remove_member() -> Weight {
		Weight::zero()
	}
	fn set_shares() -> Weight {
		Weight::zero()
	}
	fn update_config() -> Weight {
		Weight::zero()
	}
	fn spend() -> Weight {
		Weight::zero()
	}
	fn distribute(_: u32) -> Weight {
		Weight::zero()
	}
	fn dispatch_as_treasury() -> Weight {
		Weight::zero()
	}
	fn dispatch_as_root() -> Weight {
		Weight::zero()
	}
	fn set_parameters() -> Weight {
		Weight::zero()
	}
}
