//! OSC 52: text onto the desktop's clipboard through the terminal, over SSH.
//!
//! `ESC ] 52 ; c ; <base64> BEL` is understood by Xshell, Windows Terminal, WindTerm, Tabby and
//! most others (see the README's table); a terminal that does not understand it ignores it
//! silently, which is why the console also shows the text. Multiplexers stand between the
//! console and that terminal and need the sequence wrapped (see [`Mux`]).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// What stands between the console and the terminal emulator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mux {
    None,
    /// tmux takes a bare OSC 52 from applications only with `set-clipboard on`, and passes a
    /// DCS-wrapped one through only with `allow-passthrough on` (the default before 3.3):
    /// both are sent, so either setting works.
    Tmux,
    /// GNU screen passes DCS strings through, but cuts them at 768 bytes (256 before 4.2):
    /// the sequence goes in pieces of at most 256 bytes, each in its own DCS.
    Screen,
}

impl Mux {
    /// From `$TMUX` (set inside tmux, whatever `$TERM` says) and `$TERM` (`screen…` otherwise).
    pub fn detect(tmux: Option<&str>, term: Option<&str>) -> Mux {
        if tmux.is_some_and(|t| !t.is_empty()) {
            Mux::Tmux
        } else if term.is_some_and(|t| t.starts_with("screen")) {
            Mux::Screen
        } else {
            Mux::None
        }
    }

    /// From this process's environment.
    pub fn from_env() -> Mux {
        let tmux = std::env::var("TMUX").ok();
        let term = std::env::var("TERM").ok();
        Mux::detect(tmux.as_deref(), term.as_deref())
    }
}

/// Longest DCS piece GNU screen has always passed, wrapper included.
const SCREEN_PIECE: usize = 256;

/// The bytes that put `text` on the clipboard through `mux`.
pub fn sequence(text: &str, mux: Mux) -> Vec<u8> {
    let bare = format!("\x1b]52;c;{}\x07", STANDARD.encode(text.as_bytes())).into_bytes();
    match mux {
        Mux::None => bare,
        Mux::Tmux => {
            let mut out = bare.clone();
            out.extend_from_slice(b"\x1bPtmux;");
            for &b in &bare {
                // Inside tmux's passthrough every ESC is doubled.
                if b == 0x1b {
                    out.push(0x1b);
                }
                out.push(b);
            }
            out.extend_from_slice(b"\x1b\\");
            out
        }
        Mux::Screen => {
            let mut out = Vec::with_capacity(bare.len() + bare.len() / 60 + 8);
            for piece in bare.chunks(SCREEN_PIECE - 4) {
                out.extend_from_slice(b"\x1bP");
                out.extend_from_slice(piece);
                out.extend_from_slice(b"\x1b\\");
            }
            out
        }
    }
}

/// The texts of every bare OSC 52 clipboard write in `bytes`, decoded: what a terminal would
/// put on the clipboard. For tests on a terminal's raw output.
pub fn decode_all(bytes: &[u8]) -> Vec<String> {
    const START: &[u8] = b"\x1b]52;c;";
    let mut found = Vec::new();
    let mut rest = bytes;
    while let Some(at) = find(rest, START) {
        let body = &rest[at + START.len()..];
        let Some(end) = body.iter().position(|&b| b == 0x07 || b == 0x1b) else {
            break;
        };
        if let Ok(raw) = STANDARD.decode(&body[..end]) {
            found.push(String::from_utf8_lossy(&raw).into_owned());
        }
        rest = &body[end..];
    }
    found
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPLY: &str = "浙江商贸职业学院：报名表需修改\n第7行 证件号码：校验位错误\n";

    #[test]
    fn a_bare_sequence_decodes_to_the_text() {
        let seq = sequence(REPLY, Mux::None);
        assert!(seq.starts_with(b"\x1b]52;c;"));
        assert!(seq.ends_with(b"\x07"));
        assert_eq!(decode_all(&seq), vec![REPLY.to_string()]);
    }

    #[test]
    fn inside_tmux_the_sequence_is_also_passed_through_with_escs_doubled() {
        let seq = sequence(REPLY, Mux::Tmux);
        let bare = sequence(REPLY, Mux::None);
        assert!(seq.starts_with(&bare), "the bare one for set-clipboard on");
        let wrapped = &seq[bare.len()..];
        assert!(wrapped.starts_with(b"\x1bPtmux;\x1b\x1b]52;c;"));
        assert!(wrapped.ends_with(b"\x07\x1b\\"));
        // Unwrapping as tmux does gives the bare sequence back.
        let inner = &wrapped[b"\x1bPtmux;".len()..wrapped.len() - 2];
        let mut undoubled = Vec::new();
        let mut i = 0;
        while i < inner.len() {
            if inner[i] == 0x1b {
                assert_eq!(inner.get(i + 1), Some(&0x1b), "every ESC doubled");
                i += 1;
            }
            undoubled.push(inner[i]);
            i += 1;
        }
        assert_eq!(undoubled, bare);
    }

    #[test]
    fn inside_screen_long_text_goes_in_pieces_screen_passes() {
        let long = "第7行 证件号码：校验位错误\n".repeat(40);
        let seq = sequence(&long, Mux::Screen);
        let bare = sequence(&long, Mux::None);
        let mut joined = Vec::new();
        for piece in seq.split(|&b| b == b'\\').filter(|p| !p.is_empty()) {
            // Each piece: ESC P, at most 252 bytes, ESC (the backslash was the split).
            assert!(piece.starts_with(b"\x1bP"), "{piece:?}");
            assert!(piece.len() < SCREEN_PIECE);
            joined.extend_from_slice(&piece[2..piece.len() - 1]);
        }
        assert!(bare.len() > SCREEN_PIECE, "the test needs several pieces");
        assert_eq!(joined, bare);
    }

    #[test]
    fn tmux_wins_over_a_screen_term_and_plain_terminals_get_the_bare_form() {
        assert_eq!(
            Mux::detect(Some("/tmp/tmux-0/default,1,0"), Some("screen-256color")),
            Mux::Tmux
        );
        assert_eq!(
            Mux::detect(None, Some("screen.xterm-256color")),
            Mux::Screen
        );
        assert_eq!(Mux::detect(Some(""), Some("xterm-256color")), Mux::None);
        assert_eq!(Mux::detect(None, None), Mux::None);
    }
}
