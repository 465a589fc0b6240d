//! Hex as the chain's JSON tools write it (`0x`-prefixed, lower case), for the binaries that
//! read snapshots and chain specs.

/// The bytes of `0x…` (or bare) hex; an error names the first bad digit pair.
pub fn decode(s: &str) -> Result<Vec<u8>, String> {
	let s = s.strip_prefix("0x").unwrap_or(s);
	(0..s.len())
		.step_by(2)
		.map(|i| u8::from_str_radix(s.get(i..i + 2).unwrap_or("zz"), 16).map_err(|e| e.to_string()))
		.collect()
}

/// `0x`-prefixed lower-case hex of `bytes`.
pub fn encode(bytes: &[u8]) -> String {
	let mut out = String::with_capacity(2 + bytes.len() * 2);
	out.push_str("0x");
	for b in bytes {
		out.push_str(&format!("{b:02x}"));
	}
	out
}
