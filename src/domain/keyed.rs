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

/// Display as the key and parse a (trimmed) key, for enums whose text is their key.
macro_rules! keyed_text {
    ($name:ident, $what:literal) => {
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.key())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;

            /// Reads a key; the error names the keys there are.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::from_key(s.trim()).ok_or_else(|| {
                    let keys: Vec<&str> = $name::ALL.iter().map(|v| v.key()).collect();
                    format!(concat!("unknown ", $what, " {:?}: {}"), s, keys.join(", "))
                })
            }
        }
    };
}

pub(crate) use keyed;
pub(crate) use keyed_text;

#[cfg(test)]
mod tests {
    keyed! {
        enum Colour {
            Red = "red",
            Blue = "blue",
        }
    }

    keyed_text!(Colour, "colour");

    #[test]
    fn text_is_the_key_and_a_wrong_key_names_the_right_ones() {
        assert_eq!(Colour::Blue.to_string(), "blue");
        assert_eq!(" red ".parse::<Colour>(), Ok(Colour::Red));
        assert_eq!(
            "green".parse::<Colour>(),
            Err("unknown colour \"green\": red, blue".to_string())
        );
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
