// NOT YET GENERATED: the benchmarks of this pallet are the next step; until then only the
// mock runtime uses `()`. The pallet is not in the runtime.
#![allow(missing_docs)]
use frame_support::weights::Weight;
pub trait WeightInfo {
	fn open_channel() -> Weight;
	fn top_up() -> Weight;
	fn claim() -> Weight;
	fn claim_batch(n: u32) -> Weight;
	fn request_close() -> Weight;
	fn finalize_close() -> Weight;
	fn close() -> Weight;
	fn pay() -> Weight;
	fn set_parameters() -> Weight;
}
impl WeightInfo for () {
	fn open_channel() -> Weight {
		Weight::zero()
	}
	fn top_up() -> Weight {
		Weight::zero()
	}
	fn claim() -> Weight {
		Weight::zero()
	}
	fn claim_batch(_: u32) -> Weight {
		Weight::zero()
	}
	fn request_close() -> Weight {
		Weight::zero()
	}
	fn finalize_close() -> Weight {
		Weight::zero()
	}
	fn close() -> Weight {
		Weight::zero()
	}
	fn pay() -> Weight {
		Weight::zero()
	}
	fn set_parameters() -> Weight {
		Weight::zero()
	}
}
