//! The dashboard's state and behaviour, with no drawing: named actions, the key map, and the
//! state they change. Tested without a terminal.

pub mod action;
pub mod keymap;

pub use action::Action;
pub use keymap::Keymap;
