//! Staff of a team on one server: their roles (the notice's division of work) and the SSH
//! public keys that identify them.

use std::fmt;
use std::str::FromStr;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use sha2::{Digest, Sha256};

/// What a person may do. Everyone with any role may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Reads everything, changes nothing.
    Viewer,
    /// Checks, imports and decides submissions; photos, results, sessions, rosters, returns.
    Triage,
    /// Decides site applications and loads schools (附件2).
    Sites,
    /// Fee schedule, payments, invoices, payouts, fee exports.
    Finance,
    /// Everything, plus plans, staff and backups.
    Admin,
}

/// Every role, in the order they are listed.
pub const ROLES: [Role; 5] = [
    Role::Viewer,
    Role::Triage,
    Role::Sites,
    Role::Finance,
    Role::Admin,
];

impl Role {
    /// The stable key used on the command line, in JSON and in the database.
    pub fn key(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Triage => "triage",
            Role::Sites => "sites",
            Role::Finance => "finance",
            Role::Admin => "admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Role, String> {
        ROLES
            .into_iter()
            .find(|r| r.key() == s.trim())
            .ok_or_else(|| {
                let keys: Vec<_> = ROLES.iter().map(|r| r.key()).collect();
                format!("unknown role {s:?} (roles: {})", keys.join(", "))
            })
    }
}

/// A person's set of roles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roles(Vec<Role>);

impl Roles {
    /// Every role: what the OS login on the server itself has.
    pub fn all() -> Roles {
        Roles(ROLES.to_vec())
    }

    /// The roles, sorted and without repeats.
    pub fn new(mut roles: Vec<Role>) -> Roles {
        roles.sort();
        roles.dedup();
        Roles(roles)
    }

    /// Whether these roles allow what needs `need`: admin allows everything, any role allows
    /// reading (viewer), otherwise the role itself is needed.
    pub fn grant(&self, need: Role) -> bool {
        self.0.contains(&Role::Admin)
            || self.0.contains(&need)
            || (need == Role::Viewer && !self.0.is_empty())
    }

    pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
        self.0.iter().copied()
    }

    /// `triage,finance`: the form stored and typed.
    pub fn keys(&self) -> String {
        self.0.iter().map(|r| r.key()).collect::<Vec<_>>().join(",")
    }
}

impl FromStr for Roles {
    type Err = String;
    /// `triage,finance` (commas or spaces); at least one role.
    fn from_str(s: &str) -> Result<Roles, String> {
        let roles = s
            .split([',', ' '])
            .filter(|w| !w.trim().is_empty())
            .map(Role::from_str)
            .collect::<Result<Vec<_>, _>>()?;
        if roles.is_empty() {
            return Err("no role given".into());
        }
        Ok(Roles::new(roles))
    }
}

/// Whether a person may log in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffState {
    Active,
    Disabled,
}

impl StaffState {
    pub fn key(self) -> &'static str {
        match self {
            StaffState::Active => "active",
            StaffState::Disabled => "disabled",
        }
    }
}

/// Why a staff name cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("a staff name cannot be empty")]
    Empty,
    #[error("a staff name cannot start with '-'")]
    Dash,
    #[error("a staff name cannot hold quotes, backslashes or control characters")]
    Character,
}

/// Checks a staff name: it is written into `authorized_keys` inside a quoted forced command, so
/// characters that would need escaping there (quotes, backslashes, control characters) are
/// refused rather than escaped. Spaces and Chinese are fine.
pub fn check_name(name: &str) -> Result<(), NameError> {
    if name.trim().is_empty() {
        Err(NameError::Empty)
    } else if name.starts_with('-') {
        Err(NameError::Dash)
    } else if name
        .chars()
        .any(|c| c.is_control() || matches!(c, '"' | '\'' | '\\' | '`'))
    {
        Err(NameError::Character)
    } else {
        Ok(())
    }
}

/// An SSH public key as written in `authorized_keys`: `TYPE BASE64 [comment]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey {
    /// `ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256`, …
    pub kind: String,
    /// The base64 text of the key blob, as given.
    pub base64: String,
    pub comment: String,
    blob: Vec<u8>,
}

/// Why a text is not an SSH public key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error(
        "an SSH public key reads \"TYPE BASE64 [comment]\", e.g. \"ssh-ed25519 AAAAC3Nz… 王娟@laptop\""
    )]
    Shape,
    #[error("this is a private key: give the public one (the .pub file)")]
    Private,
    #[error("unsupported key type {0:?} (ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256/384/521, sk-…)")]
    Kind(String),
    #[error("the key's base64 text is damaged (cut short or mistyped?)")]
    Base64,
    #[error("the key says {outer:?} but its data holds a {inner:?} key")]
    Mismatch { outer: String, inner: String },
    #[error("the key's data is damaged (cut short or mistyped?)")]
    Blob,
}

/// Key types OpenSSH accepts in `authorized_keys`, with the number of fields their blob holds
/// after the type name.
const KINDS: &[(&str, usize)] = &[
    ("ssh-ed25519", 1),
    ("ssh-rsa", 2),
    ("ecdsa-sha2-nistp256", 2),
    ("ecdsa-sha2-nistp384", 2),
    ("ecdsa-sha2-nistp521", 2),
    ("sk-ssh-ed25519@openssh.com", 2),
    ("sk-ecdsa-sha2-nistp256@openssh.com", 3),
];

impl FromStr for PublicKey {
    type Err = KeyError;
    fn from_str(s: &str) -> Result<PublicKey, KeyError> {
        let s = s.trim();
        if s.contains("PRIVATE KEY") {
            return Err(KeyError::Private);
        }
        if s.contains(['\n', '\r']) {
            return Err(KeyError::Shape);
        }
        let mut words = s.split_whitespace();
        let (Some(kind), Some(b64)) = (words.next(), words.next()) else {
            return Err(KeyError::Shape);
        };
        let comment = words.collect::<Vec<_>>().join(" ");
        let Some(&(_, fields)) = KINDS.iter().find(|(k, _)| *k == kind) else {
            // Options before the key (`restrict ssh-ed25519 …`) are kaowu's to write.
            return Err(if KINDS.iter().any(|(k, _)| *k == b64) {
                KeyError::Shape
            } else {
                KeyError::Kind(kind.into())
            });
        };
        let blob = STANDARD.decode(b64).map_err(|_| KeyError::Base64)?;
        let parts = ssh_strings(&blob).ok_or(KeyError::Blob)?;
        let inner = String::from_utf8_lossy(parts[0]).into_owned();
        if inner != kind {
            return Err(KeyError::Mismatch {
                outer: kind.into(),
                inner,
            });
        }
        if parts.len() != 1 + fields || parts[1..].iter().any(|p| p.is_empty()) {
            return Err(KeyError::Blob);
        }
        if kind == "ssh-ed25519" && parts[1].len() != 32 {
            return Err(KeyError::Blob);
        }
        Ok(PublicKey {
            kind: kind.into(),
            base64: b64.into(),
            comment,
            blob,
        })
    }
}

/// Splits an SSH wire-format blob into its length-prefixed strings; `None` when a length runs
/// past the end or nothing is there.
fn ssh_strings(mut blob: &[u8]) -> Option<Vec<&[u8]>> {
    let mut out = Vec::new();
    while !blob.is_empty() {
        let len = u32::from_be_bytes(blob.get(..4)?.try_into().ok()?) as usize;
        let field = blob.get(4..4 + len)?;
        out.push(field);
        blob = &blob[4 + len..];
    }
    (!out.is_empty()).then_some(out)
}

impl PublicKey {
    /// `SHA256:…`, as `ssh-keygen -lf` prints it.
    pub fn fingerprint(&self) -> String {
        format!(
            "SHA256:{}",
            STANDARD_NO_PAD.encode(Sha256::digest(&self.blob))
        )
    }

    /// `TYPE BASE64 comment`, as it goes at the end of an `authorized_keys` line.
    pub fn line(&self) -> String {
        if self.comment.is_empty() {
            format!("{} {}", self.kind, self.base64)
        } else {
            format!("{} {} {}", self.kind, self.base64, self.comment)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Made with `ssh-keygen -t ed25519 -C 王娟@laptop`; `ssh-keygen -lf` printed the fingerprint.
    const ED25519: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB6FZWyYQIEgcqWNSq1puRKD8nbnsabkR9ILy0erT3RE 王娟@laptop";
    const ED25519_FP: &str = "SHA256:L/x3kgnxoCne04VJEqHxzRWR6Mgau8t3pcLlQKw3QGc";

    #[test]
    fn a_key_reads_with_its_comment_and_fingerprint_as_ssh_keygen_prints_it() {
        let k: PublicKey = ED25519.parse().unwrap();
        assert_eq!(k.kind, "ssh-ed25519");
        assert_eq!(k.comment, "王娟@laptop");
        assert_eq!(k.fingerprint(), ED25519_FP);
        assert_eq!(k.line(), ED25519);
    }

    #[test]
    fn a_key_whose_type_disagrees_with_its_data_is_refused() {
        let lie = ED25519.replacen("ssh-ed25519", "ssh-rsa", 1);
        assert_eq!(
            lie.parse::<PublicKey>(),
            Err(KeyError::Mismatch {
                outer: "ssh-rsa".into(),
                inner: "ssh-ed25519".into()
            })
        );
    }

    #[test]
    fn damaged_or_misshapen_keys_are_refused() {
        let cut = &ED25519[..61];
        assert_eq!(
            ED25519[..60].parse::<PublicKey>(),
            Err(KeyError::Blob),
            "cut on a base64 boundary"
        );
        assert_eq!(cut.parse::<PublicKey>(), Err(KeyError::Base64));
        assert_eq!("ssh-ed25519".parse::<PublicKey>(), Err(KeyError::Shape));
        assert_eq!(
            "ssh-dss AAAA".parse::<PublicKey>(),
            Err(KeyError::Kind("ssh-dss".into()))
        );
        assert_eq!(
            format!("restrict {ED25519}").parse::<PublicKey>(),
            Err(KeyError::Shape)
        );
        assert_eq!(
            "-----BEGIN OPENSSH PRIVATE KEY-----".parse::<PublicKey>(),
            Err(KeyError::Private)
        );
        // Valid base64 of a blob whose length field runs past its end.
        let short = format!(
            "ssh-ed25519 {}",
            STANDARD.encode(b"\0\0\0\x0bssh-ed25519\0\0\0\x20abc")
        );
        assert_eq!(short.parse::<PublicKey>(), Err(KeyError::Blob));
    }

    #[test]
    fn roles_read_from_a_list_and_admin_or_any_role_grants_reading() {
        let r: Roles = "finance, triage".parse().unwrap();
        assert_eq!(r.keys(), "triage,finance");
        assert!(r.grant(Role::Viewer));
        assert!(r.grant(Role::Finance));
        assert!(!r.grant(Role::Sites));
        assert!(!r.grant(Role::Admin));
        assert!("admin".parse::<Roles>().unwrap().grant(Role::Sites));
        assert!(!Roles::default().grant(Role::Viewer));
        assert!("clerk".parse::<Roles>().is_err());
        assert!("".parse::<Roles>().is_err());
    }

    #[test]
    fn names_that_would_need_escaping_in_authorized_keys_are_refused() {
        assert_eq!(check_name("王 娟"), Ok(()));
        assert_eq!(check_name("a\"b"), Err(NameError::Character));
        assert_eq!(check_name("--db"), Err(NameError::Dash));
        assert_eq!(check_name(" "), Err(NameError::Empty));
    }
}
