//! The WebAssembly bridge, run in Node by `wasm-bindgen-test-runner`.
//!
//! Run: `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
//! cargo test --target wasm32-unknown-unknown --no-default-features
//! --features wasm --test wasm_node` (`.ci/test` does this). Natively the
//! file is empty, so `cargo test` skips it.
#![cfg(target_arch = "wasm32")]

mod wasm_bridge;
