//! The lines kaowu keeps in the service account's `authorized_keys`: one per key of an active
//! person, each forcing `kaowu --db DB serve --staff NAME` (gitolite's pattern). Every other
//! line of the file is someone else's and is kept byte for byte.

/// One key line to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant<'a> {
    pub name: &'a str,
    /// `TYPE BASE64 comment`.
    pub key: &'a str,
}

/// Where the forced command finds kaowu and its database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target<'a> {
    /// The kaowu program (an absolute path).
    pub program: &'a str,
    /// The database (an absolute path).
    pub db: &'a str,
}

/// Why a path cannot be put into a forced command.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the path {0:?} holds a quote, backslash or control character")]
pub struct UnsafePath(pub String);

/// Quotes one word for the POSIX shell sshd runs the forced command with. Words never hold
/// `"` or `\` (names and paths with them are refused), so the result needs no escaping inside
/// the option's double quotes.
fn quote(word: &str) -> String {
    if !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:@+=,".contains(c))
    {
        word.to_string()
    } else {
        format!("'{word}'")
    }
}

fn safe(word: &str) -> bool {
    !word
        .chars()
        .any(|c| c.is_control() || matches!(c, '"' | '\'' | '\\' | '`'))
}

impl Target<'_> {
    /// Refuses paths that would need escaping in the forced command.
    pub fn check(&self) -> Result<(), UnsafePath> {
        for p in [self.program, self.db] {
            if !safe(p) {
                return Err(UnsafePath(p.to_string()));
            }
        }
        Ok(())
    }

    /// `command="<kaowu> --db <db> serve --staff <name>",restrict,pty <key>`. `restrict` turns
    /// off forwarding of ports, agents and X11; `pty` gives the console its terminal back.
    pub fn line(&self, g: &Grant<'_>) -> String {
        format!(
            "command=\"{} --db {} serve --staff {}\",restrict,pty {}",
            quote(self.program),
            quote(self.db),
            quote(g.name),
            g.key
        )
    }

    /// Whether `line` is one kaowu wrote for this database.
    pub fn is_ours(&self, line: &str) -> bool {
        let Some(rest) = line.trim_start().strip_prefix("command=\"") else {
            return false;
        };
        let Some(command) = rest.split('"').next() else {
            return false;
        };
        let Some(words) = shlex::split(command) else {
            return false;
        };
        matches!(
            words.iter().map(String::as_str).collect::<Vec<_>>().as_slice(),
            [_, "--db", db, "serve", "--staff", _] if *db == self.db
        )
    }

    /// The file's new text: every line that is not ours kept as it was (line ends included),
    /// ours replaced by `grants`, written where the first of ours stood (or at the end).
    pub fn rewrite(&self, old: &str, grants: &[Grant<'_>]) -> String {
        let ours: String = grants.iter().map(|g| self.line(g) + "\n").collect();
        let mut out = String::with_capacity(old.len() + ours.len());
        let mut placed = false;
        for line in old.split_inclusive('\n') {
            if self.is_ours(line.trim_end_matches(['\n', '\r'])) {
                if !placed {
                    out.push_str(&ours);
                    placed = true;
                }
            } else {
                out.push_str(line);
            }
        }
        if !placed {
            // A last line without its newline would run into ours.
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(&ours);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Target = Target {
        program: "/usr/local/bin/kaowu",
        db: "/srv/kaowu/kaowu.db",
    };
    const KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB6FZWyYQIEgcqWNSq1puRKD8nbnsabkR9ILy0erT3RE 王娟@laptop";

    #[test]
    fn a_line_forces_serve_for_the_person_quoted_for_the_shell() {
        let line = T.line(&Grant {
            name: "王 娟",
            key: KEY,
        });
        assert_eq!(
            line,
            format!(
                "command=\"/usr/local/bin/kaowu --db /srv/kaowu/kaowu.db serve --staff '王 娟'\",restrict,pty {KEY}"
            )
        );
        assert!(T.is_ours(&line));
        let other_db = Target {
            db: "/srv/other.db",
            ..T
        };
        assert!(
            !other_db.is_ours(&line),
            "another database's lines are not ours"
        );
    }

    #[test]
    fn a_rewrite_keeps_every_other_line_byte_for_byte() {
        let mine = T.line(&Grant {
            name: "old",
            key: KEY,
        });
        let old = format!(
            "# admin's own key\r\nssh-ed25519 AAAA admin@box\r\n{mine}\n\nfrom=\"10.0.0.1\" ssh-rsa BBBB backup"
        );
        let new = T.rewrite(
            &old,
            &[Grant {
                name: "王娟",
                key: KEY,
            }],
        );
        assert_eq!(
            new,
            format!(
                "# admin's own key\r\nssh-ed25519 AAAA admin@box\r\n{}\n\nfrom=\"10.0.0.1\" ssh-rsa BBBB backup",
                T.line(&Grant {
                    name: "王娟",
                    key: KEY
                })
            )
        );
        let none = T.rewrite(&new, &[]);
        assert_eq!(
            none,
            "# admin's own key\r\nssh-ed25519 AAAA admin@box\r\n\nfrom=\"10.0.0.1\" ssh-rsa BBBB backup"
        );
        let again = T.rewrite(
            &none,
            &[Grant {
                name: "a",
                key: KEY,
            }],
        );
        assert!(again.starts_with(&none), "{again}");
        assert!(again.ends_with(&format!(
            "backup\n{}\n",
            T.line(&Grant {
                name: "a",
                key: KEY
            })
        )));
    }

    #[test]
    fn paths_needing_escapes_are_refused() {
        assert!(T.check().is_ok());
        let bad = Target {
            db: "/srv/a\"b.db",
            ..T
        };
        assert!(bad.check().is_err());
    }
}
