//! One way to declare a keyed enum: variants with a stable key (stored in the database, typed
//! on the command line, matched by scripts), the list of all of them in order, and the way back
//! from a key. Display and parsing of other names stay with each enum, since they differ.

/// Declares `enum Name { Variant = "key", … }` with `ALL`, `key()` and `from_key()`.
///
/// ```ignore
/// keyed! {
///     /// A colour.
///     pub enum Colour { Red = "red", Blue = "blue" }
/// }
/// ```
macro_rules! keyed {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $key:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: [$name; [$($key),+].len()] = [$($name::$variant),+];

            /// The stable key.
            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key),+
                }
            }

            /// The variant of a stable key.
            pub fn from_key(key: &str) -> Option<$name> {
                match key {
                    $($key => Some($name::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

pub(crate) use keyed;

#[cfg(test)]
mod tests {
    keyed! {
        enum Colour {
            Red = "red",
            Blue = "blue",
        }
    }

    #[test]
    fn keys_round_trip_in_declaration_order() {
        assert_eq!(Colour::ALL, [Colour::Red, Colour::Blue]);
        for c in Colour::ALL {
            assert_eq!(Colour::from_key(c.key()), Some(c));
        }
        assert_eq!(Colour::from_key("green"), None);
    }
}
