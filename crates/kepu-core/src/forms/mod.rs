//! The paper forms, one module each: data, check, CSV columns and print model.

pub mod anpai;
pub mod budget;
pub mod huizong;
pub mod renwu;
pub mod reward;
pub mod shenbao;
pub mod tongji;
