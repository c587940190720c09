//! The one keymap. Keys resolve to actions here, and the footer hints and the `?` overlay are
//! generated from the same table, so they never go stale.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::app::Tab;
use crate::domain::SiteAction;
use crate::domain::submission::Decision;
use crate::i18n::{
    Lang, Msg, desktop as dmsg, fees as fmsg, people, photos as photo_msg, triage as tmsg,
    tui as msg,
};
use crate::store::ReadyItem;

/// One line of the `?` overlay: the keys, what they do, and the action (whose role it needs).
pub type HelpLine = (String, &'static str, Action);

/// One key, as bound: a key code and whether Ctrl is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key { code, ctrl: false }
    }
    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
        }
    }

    /// Whether a key event from the terminal is this key. Shift is ignored for characters
    /// (the character already says it) and for BackTab (some terminals report it, some not).
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        ctrl == self.ctrl && ev.code == self.code
    }

    /// How the key is written in hints and help.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Backspace => "⌫".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }
}

/// Keys bound to one meaning, and what the help calls it.
#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: Vec<Key>,
    pub what: &'static Msg,
}

impl Binding {
    fn new(keys: &[Key], what: &'static Msg) -> Binding {
        Binding {
            keys: keys.to_vec(),
            what,
        }
    }

    /// The keys written as `j/↓`; a run of digit keys as `1-8`, so the tab keys stay short.
    pub fn label(&self) -> String {
        let digits: Vec<u32> = self
            .keys
            .iter()
            .filter_map(|k| match k.code {
                KeyCode::Char(c) if !k.ctrl => c.to_digit(10),
                _ => None,
            })
            .collect();
        if digits.len() == self.keys.len()
            && digits.len() > 2
            && digits.windows(2).all(|w| w[1] == w[0] + 1)
        {
            return format!("{}-{}", digits[0], digits[digits.len() - 1]);
        }
        self.keys
            .iter()
            .map(Key::label)
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// Where a binding applies. The help overlay is grouped by scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Global,
    List,
    Plans,
    Sites,
    Submissions,
    /// Scrolling an opened submission.
    Scroll,
    /// The import form.
    Import,
    Sessions,
    Candidates,
    Fees,
    Filter,
    Form,
    /// Choosing among a confirm modal's targets.
    Pick,
    /// The confirm modal and the detail/help popups: one pair of keys for all.
    Modal,
    /// The photo check's path field.
    PhotoPath,
    /// The photo check's progress and results.
    PhotoList,
    /// The path prompt loading 附件2.
    SchoolsPath,
    /// A confirm modal's note or reason field: several lines.
    Note,
}

impl Scope {
    pub const ALL: [Scope; 18] = [
        Scope::Global,
        Scope::List,
        Scope::Filter,
        Scope::Plans,
        Scope::Sites,
        Scope::Submissions,
        Scope::Scroll,
        Scope::Import,
        Scope::Sessions,
        Scope::Candidates,
        Scope::Fees,
        Scope::Form,
        Scope::Pick,
        Scope::Modal,
        Scope::PhotoPath,
        Scope::PhotoList,
        Scope::SchoolsPath,
        Scope::Note,
    ];

    pub fn title(self) -> &'static Msg {
        match self {
            Scope::Global => &msg::SCOPE_GLOBAL,
            Scope::List => &msg::SCOPE_LIST,
            Scope::Plans => &msg::SCOPE_PLANS,
            Scope::Sites => &msg::SCOPE_SITES,
            Scope::Submissions => &tmsg::SCOPE,
            Scope::Scroll => &tmsg::SCOPE_SCROLL,
            Scope::Import => &tmsg::SCOPE_IMPORT,
            Scope::Sessions => &people::SCOPE_SESSIONS,
            Scope::Candidates => &people::SCOPE_CANDIDATES,
            Scope::Pick => &people::SCOPE_PICK,
            Scope::Fees => &fmsg::SCOPE_FEES,
            Scope::Filter => &msg::SCOPE_FILTER,
            Scope::Form => &msg::SCOPE_FORM,
            Scope::Modal => &msg::SCOPE_MODAL,
            Scope::PhotoPath => &photo_msg::SCOPE_PHOTO_PATH,
            Scope::PhotoList => &photo_msg::SCOPE_PHOTO_LIST,
            Scope::SchoolsPath => &msg::SCHOOLS_IMPORT_TITLE,
            Scope::Note => &dmsg::SCOPE_NOTE,
        }
    }
}

/// What has the keyboard right now; decides which scopes are consulted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A list screen of this tab.
    Screen(Tab),
    /// The filter prompt.
    Filter,
    /// A form of text fields.
    Form,
    /// The confirm modal; `text` when it holds a reason field, `pick` when it offers targets.
    Confirm { text: bool, pick: bool },
    /// The help.
    Popup,
    /// The detail popup of an item of this tab's list: the screen's own keys act on it.
    Detail(Tab),
    /// A submission opened: triage keys work on it.
    Triage,
    /// The import form.
    Import,
    /// The photo check's path field (a text field).
    PhotoPath,
    /// The photo check's progress and results.
    PhotoList,
    /// The path prompt loading 附件2.
    SchoolsPath,
}

/// One row of the keymap table: where it applies, its keys, what they mean, and how the help
/// names it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub scope: Scope,
    pub binding: Binding,
    pub action: Action,
    /// Shown in the footer when its scope is active.
    pub footer: bool,
}

/// The one table of bindings: resolving keys, the footer, the help and the hints inside popups
/// all read it. A binding is one row; a key that means the same in several scopes (Esc closes)
/// is one row per scope, so each scope's footer keeps its own order.
#[derive(Debug, Clone)]
pub struct Keymap {
    pub entries: Vec<Entry>,
}

/// Shown in the footer, or only in the `?` help.
const FOOT: bool = true;
const HELP: bool = false;

impl Default for Keymap {
    fn default() -> Keymap {
        use KeyCode as K;
        use Scope as S;
        let k = Key::plain;
        let ch = Key::ch;
        // One digit per screen, following the tab order.
        let tabs: Vec<Key> = (1..=Tab::ALL.len() as u32)
            .filter_map(|i| char::from_digit(i, 10))
            .map(Key::ch)
            .collect();
        let row = |scope, keys: &[Key], action, what: &'static Msg, footer| Entry {
            scope,
            binding: Binding::new(keys, what),
            action,
            footer,
        };
        #[rustfmt::skip]
        let entries = vec![
            row(S::Global, &[ch('q'), Key::ctrl('c')], Action::Quit, &msg::KEY_QUIT, FOOT),
            row(S::Global, &[ch('?')], Action::Help, &msg::KEY_HELP, FOOT),
            row(S::Global, &tabs, Action::GoTab(Tab::Overview), &msg::KEY_TABS, HELP),
            row(S::Global, &[k(K::Tab)], Action::NextTab, &msg::KEY_NEXT_TAB, HELP),
            row(S::Global, &[k(K::BackTab)], Action::PrevTab, &msg::KEY_PREV_TAB, HELP),
            row(S::List, &[ch('j'), k(K::Down)], Action::Down, &msg::KEY_DOWN, HELP),
            row(S::List, &[ch('k'), k(K::Up)], Action::Up, &msg::KEY_UP, HELP),
            row(S::List, &[k(K::PageDown)], Action::PageDown, &msg::KEY_PAGE_DOWN, HELP),
            row(S::List, &[k(K::PageUp)], Action::PageUp, &msg::KEY_PAGE_UP, HELP),
            row(S::List, &[ch('g'), k(K::Home)], Action::Top, &msg::KEY_TOP, HELP),
            row(S::List, &[ch('G'), k(K::End)], Action::Bottom, &msg::KEY_BOTTOM, HELP),
            row(S::List, &[ch('/')], Action::Filter, &msg::KEY_FILTER, FOOT),
            row(S::List, &[k(K::Enter)], Action::Open, &msg::KEY_OPEN, FOOT),
            row(S::List, &[k(K::Esc)], Action::Back, &msg::KEY_BACK, HELP),
            row(S::Filter, &[k(K::Enter)], Action::FilterKeep, &msg::KEY_FILTER_KEEP, FOOT),
            row(S::Filter, &[k(K::Esc)], Action::FilterClear, &msg::KEY_FILTER_CLEAR, FOOT),
            row(S::Filter, &[k(K::Backspace)], Action::FilterPop, &msg::KEY_FILTER_POP, HELP),
            row(S::Plans, &[ch('a')], Action::AddPlan, &msg::KEY_ADD_PLAN, FOOT),
            row(S::Plans, &[ch('e')], Action::EditPlan, &msg::KEY_EDIT_PLAN, FOOT),
            row(S::Plans, &[ch('y')], Action::Copy, &dmsg::KEY_COPY_REMINDER, FOOT),
            row(S::Plans, &[ch('Y')], Action::CopyNotice, &dmsg::KEY_COPY_NOTICE, HELP),
            row(S::Sites, &[ch('a')], Action::Site(SiteAction::Apply), &msg::KEY_SITE_APPLY, FOOT),
            row(S::Sites, &[ch('p')], Action::Site(SiteAction::Approve), &msg::KEY_SITE_APPROVE, FOOT),
            row(S::Sites, &[ch('r')], Action::Site(SiteAction::Reject), &msg::KEY_SITE_REJECT, FOOT),
            row(S::Sites, &[ch('s')], Action::Site(SiteAction::Suspend), &msg::KEY_SITE_SUSPEND, FOOT),
            row(S::Sites, &[ch('i')], Action::ImportSchools, &msg::KEY_IMPORT_SCHOOLS, FOOT),
            // `c` is kept free on the Submissions screen for checking photos.
            row(S::Submissions, &[ch('a')], Action::Decide(Decision::Accept), &tmsg::KEY_ACCEPT, FOOT),
            row(S::Submissions, &[ch('r')], Action::Decide(Decision::Reject), &tmsg::KEY_REJECT, FOOT),
            row(S::Submissions, &[ch('f')], Action::Decide(Decision::NeedsFix), &tmsg::KEY_NEEDS_FIX, FOOT),
            row(S::Submissions, &[ch('A')], Action::AcceptValidOnly, &tmsg::KEY_ACCEPT_VALID, HELP),
            row(S::Submissions, &[ch('n')], Action::NextPending, &tmsg::KEY_NEXT_PENDING, FOOT),
            row(S::Submissions, &[ch('p')], Action::PrevPending, &tmsg::KEY_PREV_PENDING, HELP),
            row(S::Submissions, &[ch('e')], Action::ExportReturn, &tmsg::KEY_EXPORT, FOOT),
            row(S::Submissions, &[ch('i')], Action::Import, &tmsg::KEY_IMPORT, FOOT),
            row(S::Submissions, &[ch('I')], Action::ScanInbox, &tmsg::KEY_INBOX, HELP),
            row(S::Submissions, &[ch('s')], Action::CycleState, &tmsg::KEY_CYCLE_STATE, HELP),
            row(S::Submissions, &[ch('y')], Action::Copy, &dmsg::KEY_COPY_REPLY, HELP),
            row(S::Submissions, &[ch('u')], Action::Receive, &dmsg::KEY_RECEIVE, HELP),
            row(S::Submissions, &[ch('D')], Action::SendReturn, &dmsg::KEY_SEND, HELP),
            row(S::Scroll, &[ch('j'), k(K::Down)], Action::Down, &msg::KEY_DOWN, HELP),
            row(S::Scroll, &[ch('k'), k(K::Up)], Action::Up, &msg::KEY_UP, HELP),
            row(S::Scroll, &[k(K::PageDown)], Action::PageDown, &msg::KEY_PAGE_DOWN, HELP),
            row(S::Scroll, &[k(K::PageUp)], Action::PageUp, &msg::KEY_PAGE_UP, HELP),
            row(S::Import, &[k(K::Enter)], Action::Confirm, &tmsg::KEY_START, FOOT),
            row(S::Import, &[k(K::Tab)], Action::Complete, &tmsg::KEY_COMPLETE, FOOT),
            row(S::Import, &[k(K::Down)], Action::NextField, &msg::KEY_NEXT_FIELD, FOOT),
            row(S::Import, &[k(K::Up), k(K::BackTab)], Action::PrevField, &msg::KEY_PREV_FIELD, HELP),
            row(S::Import, &[k(K::Esc)], Action::Back, &msg::KEY_CANCEL, FOOT),
            row(S::Candidates, &[ch('v')], Action::Reveal, &people::KEY_REVEAL, FOOT),
            row(S::Candidates, &[ch('y')], Action::Copy, &dmsg::KEY_COPY_ID, FOOT),
            row(S::Sessions, &[ch('c')], Action::ConfirmSession, &people::KEY_CONFIRM_SESSION, FOOT),
            row(S::Sessions, &[ch('x')], Action::CancelSession, &people::KEY_CANCEL_SESSION, FOOT),
            row(S::Sessions, &[ch('m')], Action::MoveSession, &people::KEY_MOVE_SESSION, FOOT),
            row(S::Sessions, &[ch('t')], Action::ToggleSort, &people::KEY_SORT, FOOT),
            row(S::Sessions, &[ch('s')], Action::Ready(ReadyItem::Software), &people::KEY_READY_SOFTWARE, HELP),
            row(S::Sessions, &[ch('v')], Action::Ready(ReadyItem::Video), &people::KEY_READY_VIDEO, HELP),
            row(S::Sessions, &[ch('r')], Action::Ready(ReadyItem::Room), &people::KEY_READY_ROOM, HELP),
            row(S::Pick, &[k(K::Down)], Action::NextChoice, &people::KEY_NEXT_CHOICE, FOOT),
            row(S::Pick, &[k(K::Up)], Action::PrevChoice, &people::KEY_PREV_CHOICE, HELP),
            row(S::Fees, &[ch('v')], Action::FeesView, &fmsg::KEY_VIEW, FOOT),
            row(S::Fees, &[ch('t')], Action::FeesSort, &fmsg::KEY_SORT, FOOT),
            row(S::Fees, &[ch('p')], Action::Pay, &fmsg::KEY_PAY, FOOT),
            row(S::Fees, &[ch('i')], Action::IssueInvoice, &fmsg::KEY_INVOICE, FOOT),
            row(S::Fees, &[ch('r')], Action::Reverse, &fmsg::KEY_REVERSE, FOOT),
            row(S::Form, &[k(K::Enter), Key::ctrl('s')], Action::Confirm, &msg::KEY_SAVE, FOOT),
            row(S::Form, &[k(K::Tab), k(K::Down)], Action::NextField, &msg::KEY_NEXT_FIELD, FOOT),
            row(S::Form, &[k(K::BackTab), k(K::Up)], Action::PrevField, &msg::KEY_PREV_FIELD, HELP),
            row(S::Form, &[k(K::Esc)], Action::Back, &msg::KEY_CANCEL, FOOT),
            row(S::Note, &[Key::ctrl('j')], Action::NewLine, &dmsg::KEY_NEWLINE, FOOT),
            row(S::Modal, &[k(K::Enter)], Action::Confirm, &msg::KEY_CONFIRM, FOOT),
            row(S::Modal, &[k(K::Esc)], Action::Back, &msg::KEY_CLOSE, FOOT),
            row(S::Submissions, &[ch('c')], Action::CheckPhotosSelected, &photo_msg::KEY_CHECK_PHOTOS, FOOT),
            row(S::PhotoPath, &[k(K::Tab)], Action::Complete, &tmsg::KEY_COMPLETE, FOOT),
            row(S::PhotoPath, &[k(K::Enter)], Action::Confirm, &photo_msg::KEY_CHECK, FOOT),
            row(S::PhotoPath, &[k(K::Esc)], Action::Back, &msg::KEY_CANCEL, FOOT),
            row(S::PhotoList, &[ch('j'), k(K::Down)], Action::Down, &msg::KEY_DOWN, HELP),
            row(S::PhotoList, &[ch('k'), k(K::Up)], Action::Up, &msg::KEY_UP, HELP),
            row(S::PhotoList, &[k(K::PageDown)], Action::PageDown, &msg::KEY_PAGE_DOWN, HELP),
            row(S::PhotoList, &[k(K::PageUp)], Action::PageUp, &msg::KEY_PAGE_UP, HELP),
            row(S::PhotoList, &[ch('g'), k(K::Home)], Action::Top, &msg::KEY_TOP, HELP),
            row(S::PhotoList, &[ch('G'), k(K::End)], Action::Bottom, &msg::KEY_BOTTOM, HELP),
            row(S::PhotoList, &[ch('o')], Action::AnotherArchive, &photo_msg::KEY_ANOTHER, FOOT),
            row(S::PhotoList, &[k(K::Esc)], Action::Back, &msg::KEY_CLOSE, FOOT),
            row(S::SchoolsPath, &[k(K::Enter)], Action::Confirm, &tmsg::KEY_START, FOOT),
            row(S::SchoolsPath, &[k(K::Tab)], Action::Complete, &tmsg::KEY_COMPLETE, FOOT),
            row(S::SchoolsPath, &[k(K::Esc)], Action::Back, &msg::KEY_CANCEL, FOOT),
        ];
        Keymap { entries }
    }
}

impl Keymap {
    /// The table, in order: resolving keys, the footer and the help all read this.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The binding of an action in a scope, for the key hints drawn inside popups.
    /// Every hint asks for a row of the table above; a missing one is a programming error
    /// caught by the tests, and draws as an empty hint rather than a panic.
    pub fn binding(&self, scope: Scope, action: &Action) -> &Binding {
        static NONE: Binding = Binding {
            keys: Vec::new(),
            what: &msg::KEY_HELP,
        };
        self.entries
            .iter()
            .find(|e| e.scope == scope && e.action == *action)
            .map_or(&NONE, |e| &e.binding)
    }

    /// The scopes consulted in a mode, most specific first.
    pub fn scopes(mode: Mode) -> Vec<Scope> {
        match mode {
            Mode::Screen(tab) => tab.keys().to_vec(),
            Mode::Triage => vec![
                Scope::Submissions,
                Scope::Modal,
                Scope::Scroll,
                Scope::Global,
            ],
            Mode::Import => vec![Scope::Import],
            Mode::Filter => vec![Scope::Filter],
            Mode::Form => vec![Scope::Form],
            Mode::Confirm { pick: true, .. } => vec![Scope::Pick, Scope::Modal],
            Mode::Confirm { text: true, .. } => vec![Scope::Modal, Scope::Note],
            Mode::Confirm { .. } => vec![Scope::Modal],
            Mode::Popup => vec![Scope::Modal, Scope::Global],
            // What the list lets staff do to the selected item works on it opened too (the
            // site detail names approve and reject: `p`/`r` must do them there).
            Mode::Detail(tab) => tab
                .keys()
                .iter()
                .copied()
                .filter(|s| !matches!(s, Scope::Global | Scope::List))
                .chain([Scope::Modal, Scope::Global])
                .collect(),
            Mode::PhotoPath => vec![Scope::PhotoPath],
            Mode::PhotoList => vec![Scope::PhotoList, Scope::Global],
            Mode::SchoolsPath => vec![Scope::SchoolsPath],
        }
    }

    /// The action a key means in a mode, if any. Ctrl-C quits everywhere; in text modes an
    /// unbound key is typed into the field.
    pub fn resolve(&self, mode: Mode, ev: &KeyEvent) -> Option<Action> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        if Key::ctrl('c').matches(ev) {
            return Some(Action::Quit);
        }
        let entries = self.entries();
        for scope in Self::scopes(mode) {
            for entry in entries.iter().filter(|e| e.scope == scope) {
                if let Some(pos) = entry.binding.keys.iter().position(|k| k.matches(ev)) {
                    return Some(match entry.action {
                        Action::GoTab(_) => Action::GoTab(*Tab::ALL.get(pos)?),
                        ref a => a.clone(),
                    });
                }
            }
        }
        let plain = !ev
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match (mode, ev.code) {
            (Mode::Filter, KeyCode::Char(c)) if plain => Some(Action::FilterPush(c)),
            (
                Mode::Form
                | Mode::Import
                | Mode::Confirm { text: true, .. }
                | Mode::PhotoPath
                | Mode::SchoolsPath,
                _,
            ) => Some(Action::Text((*ev).into())),
            _ => None,
        }
    }

    /// `key what` pairs for the footer in a mode, of the actions `offered` says work now.
    pub fn footer(
        &self,
        mode: Mode,
        lang: Lang,
        offered: &dyn Fn(&Action) -> bool,
    ) -> Vec<(String, &'static str)> {
        let entries = self.entries();
        Self::scopes(mode)
            .into_iter()
            .flat_map(|s| {
                entries
                    .iter()
                    .filter(move |e| e.scope == s && e.footer && offered(&e.action))
                    .map(|e| (first_key(&e.binding), lang.t(e.binding.what)))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// The help overlay's groups: a title and `keys what` lines per scope, for the scopes of
    /// the mode under the help and of what it opens (filter prompt, forms, target choices,
    /// modals): the whole keymap no longer fits one 80x24 screen.
    pub fn help(&self, lang: Lang, under: Mode) -> Vec<(&'static str, Vec<HelpLine>)> {
        let entries = self.entries();
        let mut shown = Self::scopes(under);
        if shown.contains(&Scope::List) {
            shown.push(Scope::Filter);
        }
        if let Mode::Screen(tab) = under {
            shown.extend_from_slice(tab.help_also());
        }
        shown.extend([Scope::Global, Scope::Modal]);
        // A line already shown under an earlier scope (the list moves a popup reuses) is not
        // repeated, so the help fits one 80x24 screen.
        let mut seen: Vec<(String, &'static str)> = Vec::new();
        Scope::ALL
            .into_iter()
            .filter(|s| shown.contains(s))
            .filter_map(|s| {
                let lines: Vec<_> = entries
                    .iter()
                    .filter(|e| e.scope == s)
                    .map(|e| (e.binding.label(), lang.t(e.binding.what), e.action.clone()))
                    .filter(|(keys, what, _)| {
                        let line = (keys.clone(), *what);
                        let new = !seen.contains(&line);
                        if new {
                            seen.push(line);
                        }
                        new
                    })
                    .collect();
                (!lines.is_empty()).then(|| (lang.t(s.title()), lines))
            })
            .collect()
    }
}

fn first_key(b: &Binding) -> String {
    b.keys.first().map(Key::label).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two meanings for one key in the same mode would make one of them unreachable.
    #[test]
    fn no_key_means_two_things_in_one_mode() {
        let km = Keymap::default();
        let entries = km.entries();
        let modes = Tab::ALL
            .into_iter()
            .map(Mode::Screen)
            .chain(Tab::ALL.into_iter().map(Mode::Detail))
            .chain([
                Mode::Filter,
                Mode::Form,
                Mode::Triage,
                Mode::Import,
                Mode::Confirm {
                    text: true,
                    pick: false,
                },
                Mode::Confirm {
                    text: true,
                    pick: true,
                },
                Mode::Popup,
                Mode::PhotoPath,
                Mode::PhotoList,
                Mode::SchoolsPath,
            ]);
        for mode in modes {
            let keys: Vec<Key> = Keymap::scopes(mode)
                .into_iter()
                .flat_map(|s| entries.iter().filter(move |e| e.scope == s))
                .flat_map(|e| e.binding.keys.iter().copied())
                .collect();
            for (i, k) in keys.iter().enumerate() {
                assert!(
                    !keys[i + 1..].contains(k),
                    "{} twice in {mode:?}",
                    k.label()
                );
            }
        }
    }

    /// The key hints drawn inside popups (forms, confirm, import, help) look their rows up;
    /// a row renamed or removed would leave a blank hint.
    #[test]
    fn every_popup_hint_is_a_row_of_the_table() {
        let km = Keymap::default();
        let hints = [
            (Scope::Form, Action::Confirm),
            (Scope::Form, Action::NextField),
            (Scope::Form, Action::Back),
            (Scope::Modal, Action::Confirm),
            (Scope::Modal, Action::Back),
            (Scope::Pick, Action::NextChoice),
            (Scope::Pick, Action::PrevChoice),
            (Scope::Import, Action::Confirm),
            (Scope::Import, Action::Complete),
            (Scope::Import, Action::NextField),
            (Scope::Import, Action::Back),
        ];
        for (scope, action) in hints {
            assert!(
                !km.binding(scope, &action).keys.is_empty(),
                "{action:?} in {scope:?} has no row"
            );
        }
    }

    #[test]
    fn keys_resolve_by_mode() {
        let km = Keymap::default();
        let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(
            km.resolve(Mode::Screen(Tab::Sites), &key('a')),
            Some(Action::Site(SiteAction::Apply))
        );
        assert_eq!(
            km.resolve(Mode::Screen(Tab::Plans), &key('a')),
            Some(Action::AddPlan)
        );
        assert_eq!(km.resolve(Mode::Screen(Tab::Overview), &key('a')), None);
        assert_eq!(
            km.resolve(Mode::Screen(Tab::Audit), &key('3')),
            Some(Action::GoTab(Tab::Sites))
        );
        // Number keys follow the tab order, whatever its length.
        let last = Tab::ALL.len() as u32;
        let last_key = key(char::from_digit(last, 10).unwrap());
        assert_eq!(
            km.resolve(Mode::Screen(Tab::Plans), &last_key),
            Some(Action::GoTab(Tab::ALL[Tab::ALL.len() - 1]))
        );
        assert_eq!(
            km.resolve(Mode::Screen(Tab::Candidates), &key('v')),
            Some(Action::Reveal)
        );
        assert_eq!(
            km.resolve(Mode::Screen(Tab::Sessions), &key('v')),
            Some(Action::Ready(ReadyItem::Video))
        );
        assert_eq!(
            km.resolve(Mode::Filter, &key('q')),
            Some(Action::FilterPush('q'))
        );
        assert!(matches!(
            km.resolve(Mode::Form, &key('q')),
            Some(Action::Text(_))
        ));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(km.resolve(Mode::Form, &ctrl_c), Some(Action::Quit));
    }
}
