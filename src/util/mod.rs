//! Plumbing: small pieces the domain modules use, knowing nothing of BPA.
//!
//! Nothing here imports anything else from the crate, so every domain
//! module may use it and no cycle can run through it.

pub mod strict;
pub mod terminal;
