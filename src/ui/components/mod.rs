//! Reusable components (one public component per file, named after it). They must not
//! reach storage or the clock; pages and hooks pass what they need.

pub mod pattern_picture;
pub mod stage_picture;

pub use pattern_picture::PatternPicture;
pub use stage_picture::StagePicture;
