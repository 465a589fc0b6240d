//! Sets the linker flags an N-API addon needs on the platform (the Node.js symbols are resolved
//! when Node.js loads the library).
fn main() {
	napi_build::setup();
}
