//! Builds the runtime to WASM with substrate-wasm-builder (compact and compressed blobs).

#[cfg(all(feature = "std", feature = "metadata-hash"))]
fn main() {
	// Token symbol and decimals are embedded in the metadata digest that `CheckMetadataHash`
	// verifies, so offline signers can show amounts in SCV.
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash("SCV", 18)
		.build();
}

#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
fn main() {
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

/// The wasm builder is deactivated when compiling this crate for wasm itself.
#[cfg(not(feature = "std"))]
fn main() {}
