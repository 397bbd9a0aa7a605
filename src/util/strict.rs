//! Structs read from objects only.
//!
//! serde's derived `Deserialize` for a struct also accepts a list of its
//! fields in order: `[]` reads as a case with every field at its default, and
//! `{"person": []}` as an empty person. A file like that is a mistake, not a
//! case, and the page and the CLI must both say so. serde has no attribute
//! for it, so each model struct derives its reader with
//! `#[serde(remote = "Self")]` (which makes the derived code an inherent
//! `Self::deserialize`) and [`objects_only!`] adds the trait impl that calls
//! it through [`ObjectOnly`]: a deserializer that asks for a map, so a list
//! is refused as "invalid type: sequence, expected struct …" at its field.

use serde::de::{Deserializer, Visitor};

/// A deserializer that hands every request to `D` as a request for a map.
pub struct ObjectOnly<D>(pub D);

impl<'de, D: Deserializer<'de>> Deserializer<'de> for ObjectOnly<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// `Serialize` and `Deserialize` for structs declared with
/// `#[derive(Serialize, Deserialize)] #[serde(remote = "Self")]`: written as
/// derived, read from an object only (see the module's doc).
#[macro_export]
macro_rules! objects_only {
    (read only: $($t:ty),* $(,)?) => {$(
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <$t>::deserialize($crate::util::strict::ObjectOnly(d))
            }
        }
    )*};
    ($($t:ty),* $(,)?) => {$(
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                <$t>::serialize(self, s)
            }
        }
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <$t>::deserialize($crate::util::strict::ObjectOnly(d))
            }
        }
    )*};
}
