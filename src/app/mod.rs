//! The dashboard's state and behaviour, with no drawing and no I/O: named actions, the key map,
//! the search, and the state they change. An action that must reach outside (an export, quitting)
//! comes back as an [`Effect`] for the terminal loop to perform. Tested without a terminal.
//!
//! The state is split by what it is for: [`Navigation`] (where the user is), [`Overlays`] (search,
//! help, message), [`ViewCache`] (everything a frame shows, computed in [`App::refresh`] so that
//! drawing only reads) and [`Settings`] (what the dashboard was started with). Input goes
//! through layers ([`input`]): a popup, the search box, the table of a level, the main screen.

pub mod action;
pub mod analysis;
mod effect;
mod frame;
mod input;
pub mod keys;
pub mod layout;
mod mouse;
pub mod navigation;
pub mod region_table;
pub mod search;
mod state;
pub mod view_cache;

pub use action::{Action, Mode};
pub use effect::{Effect, TableExport};
pub use frame::FrameInfo;
pub use keys::{Key, KeyCode, Keymap};
pub use mouse::{Mouse, MouseKind};
pub use navigation::{Bottom, MapScope, Navigation, Pane, Sort, View, MAX_PINS};
pub use region_table::{Column, Level, TableNav};
pub use state::{App, Overlays, Popup, SearchState, Settings, MESSAGE_LOG};
pub use view_cache::{MapView, RegionRow, ViewCache};
