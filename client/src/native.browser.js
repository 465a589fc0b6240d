// In a browser there is no native addon: the SDK signs and verifies with WASM (package.json's
// `browser` field puts this file in place of native.js for bundlers).
export const NATIVE_ADDON = null;
export const native = null;
export const nativeLoadError = null;
