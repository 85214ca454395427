//! cpdash: a terminal dashboard of Zhejiang's common-prosperity indicators.
//!
//! Layers, from the inside out:
//! - [`model`]: regions, indicators, observations and the data set (no I/O, no terminal);
//! - [`metrics`]: the gap metrics of the six areas, computed from a data set;
//! - [`load`]: reading and writing the data files, and the bundled data;
//! - [`config`]: the optional `config.toml`;
//! - [`app`]: dashboard state, named actions and the key map (no drawing);
//! - [`ui`]: ratatui widgets that draw the app state.

pub mod app;
pub mod config;
pub mod export;
pub mod geo;
pub mod load;
pub mod metrics;
pub mod model;
pub mod summary;
pub mod synthetic;
pub mod terminal;
pub mod ui;
