//! Native voucher cryptography for the ServiceChain Node.js SDK, as an N-API addon: sr25519
//! signing and verification (schnorrkel, the `substrate` signing context, exactly as the runtime's
//! `MultiSignature::Sr25519` and `@polkadot/wasm-crypto`) and ed25519 verification
//! (ed25519-zebra, the runtime's verifier). The SDK (`client/src/native.js`) loads it when it
//! was built (`scripts/build-native.sh`) and falls back to WASM otherwise; the results are the
//! same, only faster (see docs/performance.md).
//!
//! Every function takes byte arrays and never panics on bad input: a key or signature of the
//! wrong length or encoding verifies as `false`, and signing with a malformed key is an error.

use napi::bindgen_prelude::{Buffer, Uint8Array};
use napi_derive::napi;
use schnorrkel::{PublicKey, SecretKey, Signature};

/// The signing context of Substrate's sr25519 signatures.
const SIGNING_CONTEXT: &[u8] = b"substrate";

/// Whether `signature` (64 bytes) is `public_key`'s (32 bytes) sr25519 signature of `message`.
#[napi]
pub fn sr25519_verify(signature: Uint8Array, message: Uint8Array, public_key: Uint8Array) -> bool {
	let (Ok(signature), Ok(public)) =
		(Signature::from_bytes(&signature), PublicKey::from_bytes(&public_key))
	else {
		return false;
	};
	public.verify_simple(SIGNING_CONTEXT, &message, &signature).is_ok()
}

/// Whether `signature` is `public_key`'s sr25519 signature of `message` or of `message` wrapped
/// in `<Bytes>…</Bytes>` (as browser wallets sign raw bytes): one call for a voucher's two forms.
#[napi]
pub fn sr25519_verify_either(
	signature: Uint8Array,
	message: Uint8Array,
	public_key: Uint8Array,
) -> bool {
	let (Ok(signature), Ok(public)) =
		(Signature::from_bytes(&signature), PublicKey::from_bytes(&public_key))
	else {
		return false;
	};
	public.verify_simple(SIGNING_CONTEXT, &message, &signature).is_ok()
		|| public.verify_simple(SIGNING_CONTEXT, &wrapped(&message), &signature).is_ok()
}

/// The sr25519 signature (64 bytes) of `message` by the key pair of `public_key` (32 bytes) and
/// `secret_key` (64 bytes, the ed25519-expanded form `@polkadot/keyring` pairs hold).
///
/// # Errors
/// A secret or public key of the wrong length or encoding.
#[napi]
pub fn sr25519_sign(
	public_key: Uint8Array,
	secret_key: Uint8Array,
	message: Uint8Array,
) -> napi::Result<Buffer> {
	let bad = |what: &str| napi::Error::from_reason(format!("invalid sr25519 {what}"));
	let secret = SecretKey::from_ed25519_bytes(&secret_key).map_err(|_| bad("secret key"))?;
	let public = PublicKey::from_bytes(&public_key).map_err(|_| bad("public key"))?;
	if secret.to_public() != public {
		return Err(bad("key pair: the public key is not the secret key's"));
	}
	let signature = secret.sign_simple(SIGNING_CONTEXT, &message, &public);
	Ok(signature.to_bytes().to_vec().into())
}

/// Whether `signature` (64 bytes) is `public_key`'s (32 bytes) ed25519 signature of `message`
/// or of `message` wrapped in `<Bytes>…</Bytes>`.
#[napi]
pub fn ed25519_verify_either(
	signature: Uint8Array,
	message: Uint8Array,
	public_key: Uint8Array,
) -> bool {
	let Ok(bytes) = <[u8; 64]>::try_from(&signature[..]) else {
		return false;
	};
	let signature = ed25519_zebra::Signature::from(bytes);
	let Ok(key) = ed25519_zebra::VerificationKey::try_from(&public_key[..]) else {
		return false;
	};
	key.verify(&signature, &message).is_ok() || key.verify(&signature, &wrapped(&message)).is_ok()
}

/// `message` inside `<Bytes>…</Bytes>`.
fn wrapped(message: &[u8]) -> Vec<u8> {
	[b"<Bytes>".as_slice(), message, b"</Bytes>".as_slice()].concat()
}
