//! The DAO origin and the `EnsureOrigin` implementations other pallets use.

use crate::DaoId;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::marker::PhantomData;
use frame_support::traits::{EnsureOrigin, Get};
use scale_info::TypeInfo;

/// The origin of a DAO acting as itself: a passed proposal dispatched by `execute_proposal`.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum DaoOrigin {
	/// The DAO with this id.
	Dao(DaoId),
}

/// Succeeds only for the origin of the DAO `ID::get()` (e.g. the protocol DAO, id 0).
pub struct EnsureDao<ID>(PhantomData<ID>);

impl<O, ID> EnsureOrigin<O> for EnsureDao<ID>
where
	O: Into<Result<DaoOrigin, O>> + From<DaoOrigin>,
	ID: Get<DaoId>,
{
	type Success = DaoId;

	fn try_origin(o: O) -> Result<DaoId, O> {
		match o.into() {
			Ok(DaoOrigin::Dao(id)) if id == ID::get() => Ok(id),
			Ok(other) => Err(O::from(other)),
			Err(o) => Err(o),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<O, ()> {
		Ok(O::from(DaoOrigin::Dao(ID::get())))
	}
}

/// Succeeds for the origin of any DAO, with its id.
pub struct EnsureAnyDao;

impl<O> EnsureOrigin<O> for EnsureAnyDao
where
	O: Into<Result<DaoOrigin, O>> + From<DaoOrigin>,
{
	type Success = DaoId;

	fn try_origin(o: O) -> Result<DaoId, O> {
		o.into().map(|DaoOrigin::Dao(id)| id)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<O, ()> {
		Ok(O::from(DaoOrigin::Dao(0)))
	}
}
