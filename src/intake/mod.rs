pub mod inbox;
