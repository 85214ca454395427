//! cpdash: a terminal dashboard of Zhejiang's common-prosperity indicators.
//!
//! Layers, each importing only from those listed before it:
//! - [`model`]: regions, indicators, units, observations and the data set (no I/O, no terminal);
//! - [`metrics`]: the gap metrics of the six areas, computed from a data set;
//! - [`fit`], [`number`], [`strings`], [`palette`]: text in terminal cells, numbers, every display
//!   word in Chinese and English, the named colours;
//! - [`fsio`], [`load`], [`geo`]: files at the edges (atomic writes, the data files, boundaries);
//! - [`export`]: the reports and their formats;
//! - [`app`]: dashboard state, named actions, the key map (no drawing, no I/O);
//! - [`config`]: the optional `config.toml`, which sets up the app;
//! - [`ui`]: ratatui widgets drawing the app state (a pure function of it);
//! - [`terminal`]: the terminal session and event loop, which performs the app's effects;
//! - [`cli`]: the command line's definition.
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
pub mod ui;
