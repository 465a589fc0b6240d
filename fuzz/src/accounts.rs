//! The fuzzer's 20 accounts: the six well-known sr25519 dev accounts (Alice, Bob and Charlie
//! are the development protocol DAO's members), six more sr25519 keys, four ed25519 and four
//! ecdsa keys. Every account signs its extrinsics and its vouchers with its own scheme.

use servicechain_runtime::AccountId;
use sp_core::{ecdsa, ed25519, sr25519, Pair};
use sp_runtime::{traits::IdentifyAccount, MultiSignature, MultiSigner};

/// Number of accounts the fuzzer drives.
pub const ACCOUNTS: usize = 20;

/// One key pair of any of the three schemes `MultiSignature` accepts (boxed: the pairs differ
/// in size by hundreds of bytes).
#[derive(Clone)]
pub enum Key {
	/// Schnorrkel.
	Sr(Box<sr25519::Pair>),
	/// Edwards.
	Ed(Box<ed25519::Pair>),
	/// secp256k1, the account being the blake2 hash of the compressed public key.
	Ec(Box<ecdsa::Pair>),
}

impl Key {
	/// Signs `message` the way `MultiSignature::verify` checks it for this key's account.
	pub fn sign(&self, message: &[u8]) -> MultiSignature {
		match self {
			Key::Sr(p) => MultiSignature::Sr25519(p.sign(message)),
			Key::Ed(p) => MultiSignature::Ed25519(p.sign(message)),
			Key::Ec(p) => MultiSignature::Ecdsa(p.sign(message)),
		}
	}

	/// The account this key controls.
	pub fn account(&self) -> AccountId {
		match self {
			Key::Sr(p) => MultiSigner::from(p.public()).into_account(),
			Key::Ed(p) => MultiSigner::from(p.public()).into_account(),
			Key::Ec(p) => MultiSigner::from(p.public()).into_account(),
		}
	}

	/// The scheme's name, for reports.
	pub fn scheme(&self) -> &'static str {
		match self {
			Key::Sr(_) => "sr25519",
			Key::Ed(_) => "ed25519",
			Key::Ec(_) => "ecdsa",
		}
	}
}

/// The keys, index = the account index actions refer to.
pub fn keys() -> Vec<Key> {
	let mut keys = Vec::with_capacity(ACCOUNTS);
	let sr = |uri: &str| Key::Sr(Box::new(sr25519::Pair::from_string(uri, None).expect("uri")));
	for name in ["Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie"] {
		keys.push(sr(&format!("//{name}")));
	}
	for i in 0..6 {
		keys.push(sr(&format!("//fuzz//sr//{i}")));
	}
	for i in 0..4 {
		let uri = format!("//fuzz//ed//{i}");
		keys.push(Key::Ed(Box::new(ed25519::Pair::from_string(&uri, None).expect("uri"))));
	}
	for i in 0..4 {
		let uri = format!("//fuzz//ec//{i}");
		keys.push(Key::Ec(Box::new(ecdsa::Pair::from_string(&uri, None).expect("uri"))));
	}
	debug_assert_eq!(keys.len(), ACCOUNTS);
	keys
}
