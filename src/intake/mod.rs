pub mod inbox;
pub mod photos;
