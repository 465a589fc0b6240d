//! Pallet configurations, one module per pallet or topic.

pub mod collators;
pub mod monetary;
pub mod servicechain;
pub mod system;
pub mod utility;
pub mod xcm_config;
pub mod xcmp;

pub use xcm_config::{RelayLocation, XcmOriginToTransactDispatchOrigin};
