//! cpdash: a terminal dashboard of Zhejiang's common-prosperity indicators.
//!
//! The modules are layered, each importing only from lower layers: the table in the README's
//! "Code" section is their one description, and `tests/layers.rs` checks the code against it.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod app;
pub mod cli;
pub mod config;
pub mod export;
pub mod fit;
pub mod fsio;
#[cfg(any(test, feature = "fuzzing"))]
pub mod fuzz_targets;
pub mod geo;
pub mod load;
pub mod metrics;
pub mod model;
pub mod number;
pub mod palette;
pub mod strings;
pub mod summary;
pub mod synthetic;
pub mod terminal;
pub mod tidy;
pub mod ui;
