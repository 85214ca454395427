//! The dashboard's state and behaviour, with no drawing: named actions, the key map, the search,
//! and the state they change. Tested without a terminal.

pub mod action;
pub mod keymap;
pub mod search;
pub mod state;

pub use action::Action;
pub use keymap::Keymap;
pub use state::{App, MapScope, Pane, Sort, View};
