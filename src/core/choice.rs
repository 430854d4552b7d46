//! The `choice!` macro: closed enums with one stable snake_case (or rule-id) spelling each,
//! used for every answer value, effect and id. It must not allow a second spelling.

/// A closed set of values with one external id each (implemented by `choice!`).
pub trait Choice: Sized + Copy + Ord + 'static {
    /// Every value, in declaration order.
    const ALL: &'static [Self];
    /// Every external id, in declaration order (the id of `ALL[i]` is `IDS[i]`).
    const IDS: &'static [&'static str];
    /// Parses an external id.
    fn from_id(s: &str) -> Option<Self>;
    /// The external id.
    fn id(self) -> &'static str;
}

/// Declares a closed enum whose variants each have one external id.
///
/// Generates `ALL`, `IDS`, `id()`, `from_id()`, `Display`, and serde impls that use the id.
/// Declaration order is the enum's `Ord`, which the core relies on (effect strength,
/// output order of sets).
macro_rules! choice {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $id:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Every external id, in declaration order.
            pub const IDS: &'static [&'static str] = &[$($id),+];

            /// The external id (JSON spelling).
            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }

            /// Parses an external id; `None` when it is not one of [`Self::IDS`].
            pub fn from_id(s: &str) -> Option<Self> {
                match s { $($id => Some($name::$variant),)+ _ => None }
            }
        }

        impl $crate::core::choice::Choice for $name {
            const ALL: &'static [$name] = $name::ALL;
            const IDS: &'static [&'static str] = $name::IDS;
            fn from_id(s: &str) -> Option<Self> {
                $name::from_id(s)
            }
            fn id(self) -> &'static str {
                $name::id(self)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.id())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.id())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <String as serde::Deserialize>::deserialize(d)?;
                $name::from_id(&s)
                    .ok_or_else(|| <D::Error as serde::de::Error>::unknown_variant(&s, $name::IDS))
            }
        }
    };
}

pub(crate) use choice;
