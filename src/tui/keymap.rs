//! The one keymap. Keys resolve to actions here, and the footer hints and the `?` overlay are
//! generated from the same table, so they never go stale.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::app::Tab;
use crate::domain::SiteAction;
use crate::domain::submission::Decision;
use crate::i18n::{
    Lang, Msg, fees as fmsg, people, photos as photo_msg, triage as tmsg, tui as msg,
};
use crate::store::ReadyItem;

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
}

impl Scope {
    pub const ALL: [Scope; 16] = [
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
    /// Help or a detail popup.
    Popup,
    /// A submission opened: triage keys work on it.
    Triage,
    /// The import form.
    Import,
    /// The photo check's path field (a text field).
    PhotoPath,
    /// The photo check's progress and results.
    PhotoList,
}

/// One row of the keymap table.
pub struct Entry<'a> {
    pub scope: Scope,
    pub binding: &'a Binding,
    pub action: Action,
    /// Shown in the footer when its scope is active.
    pub footer: bool,
}

/// Every binding, with defaults.
#[derive(Debug, Clone)]
pub struct Keymap {
    pub quit: Binding,
    pub help: Binding,
    pub tabs: Binding,
    pub next_tab: Binding,
    pub prev_tab: Binding,
    pub down: Binding,
    pub up: Binding,
    pub page_down: Binding,
    pub page_up: Binding,
    pub top: Binding,
    pub bottom: Binding,
    pub filter: Binding,
    pub open: Binding,
    pub back: Binding,
    pub filter_keep: Binding,
    pub filter_clear: Binding,
    pub filter_pop: Binding,
    pub add_plan: Binding,
    pub edit_plan: Binding,
    pub site_apply: Binding,
    pub site_approve: Binding,
    pub site_reject: Binding,
    pub site_suspend: Binding,
    pub accept: Binding,
    pub accept_valid: Binding,
    pub reject: Binding,
    pub needs_fix: Binding,
    pub next_pending: Binding,
    pub prev_pending: Binding,
    pub cycle_state: Binding,
    pub export_return: Binding,
    pub import: Binding,
    pub scan_inbox: Binding,
    pub import_start: Binding,
    pub complete: Binding,
    pub import_next: Binding,
    pub import_prev: Binding,
    pub reveal: Binding,
    pub sort: Binding,
    pub confirm_session: Binding,
    pub cancel_session: Binding,
    pub move_session: Binding,
    pub ready_software: Binding,
    pub ready_video: Binding,
    pub ready_room: Binding,
    pub next_choice: Binding,
    pub prev_choice: Binding,
    pub fees_view: Binding,
    pub fees_sort: Binding,
    pub fees_pay: Binding,
    pub fees_invoice: Binding,
    pub fees_reverse: Binding,
    pub save: Binding,
    pub next_field: Binding,
    pub prev_field: Binding,
    pub cancel: Binding,
    pub confirm: Binding,
    pub close: Binding,
    pub check: Binding,
    pub another_archive: Binding,
    /// Opens the photo check of the selected submission (on the audit log: of the entry's).
    pub check_photos: Binding,
}

impl Default for Keymap {
    fn default() -> Keymap {
        use KeyCode as K;
        let k = Key::plain;
        Keymap {
            quit: Binding::new(&[Key::ch('q'), Key::ctrl('c')], &msg::KEY_QUIT),
            help: Binding::new(&[Key::ch('?')], &msg::KEY_HELP),
            // One digit per screen, following the tab order.
            tabs: Binding::new(
                &(1..=Tab::ALL.len() as u32)
                    .filter_map(|i| char::from_digit(i, 10))
                    .map(Key::ch)
                    .collect::<Vec<_>>(),
                &msg::KEY_TABS,
            ),
            next_tab: Binding::new(&[k(K::Tab)], &msg::KEY_NEXT_TAB),
            prev_tab: Binding::new(&[k(K::BackTab)], &msg::KEY_PREV_TAB),
            down: Binding::new(&[Key::ch('j'), k(K::Down)], &msg::KEY_DOWN),
            up: Binding::new(&[Key::ch('k'), k(K::Up)], &msg::KEY_UP),
            page_down: Binding::new(&[k(K::PageDown)], &msg::KEY_PAGE_DOWN),
            page_up: Binding::new(&[k(K::PageUp)], &msg::KEY_PAGE_UP),
            top: Binding::new(&[Key::ch('g'), k(K::Home)], &msg::KEY_TOP),
            bottom: Binding::new(&[Key::ch('G'), k(K::End)], &msg::KEY_BOTTOM),
            filter: Binding::new(&[Key::ch('/')], &msg::KEY_FILTER),
            open: Binding::new(&[k(K::Enter)], &msg::KEY_OPEN),
            back: Binding::new(&[k(K::Esc)], &msg::KEY_BACK),
            filter_keep: Binding::new(&[k(K::Enter)], &msg::KEY_FILTER_KEEP),
            filter_clear: Binding::new(&[k(K::Esc)], &msg::KEY_FILTER_CLEAR),
            filter_pop: Binding::new(&[k(K::Backspace)], &msg::KEY_FILTER_POP),
            add_plan: Binding::new(&[Key::ch('a')], &msg::KEY_ADD_PLAN),
            edit_plan: Binding::new(&[Key::ch('e')], &msg::KEY_EDIT_PLAN),
            site_apply: Binding::new(&[Key::ch('a')], &msg::KEY_SITE_APPLY),
            site_approve: Binding::new(&[Key::ch('p')], &msg::KEY_SITE_APPROVE),
            site_reject: Binding::new(&[Key::ch('r')], &msg::KEY_SITE_REJECT),
            site_suspend: Binding::new(&[Key::ch('s')], &msg::KEY_SITE_SUSPEND),
            // `c` is kept free on the Submissions screen for checking photos.
            accept: Binding::new(&[Key::ch('a')], &tmsg::KEY_ACCEPT),
            accept_valid: Binding::new(&[Key::ch('A')], &tmsg::KEY_ACCEPT_VALID),
            reject: Binding::new(&[Key::ch('r')], &tmsg::KEY_REJECT),
            needs_fix: Binding::new(&[Key::ch('f')], &tmsg::KEY_NEEDS_FIX),
            next_pending: Binding::new(&[Key::ch('n')], &tmsg::KEY_NEXT_PENDING),
            prev_pending: Binding::new(&[Key::ch('p')], &tmsg::KEY_PREV_PENDING),
            cycle_state: Binding::new(&[Key::ch('s')], &tmsg::KEY_CYCLE_STATE),
            export_return: Binding::new(&[Key::ch('e')], &tmsg::KEY_EXPORT),
            import: Binding::new(&[Key::ch('i')], &tmsg::KEY_IMPORT),
            scan_inbox: Binding::new(&[Key::ch('I')], &tmsg::KEY_INBOX),
            import_start: Binding::new(&[k(K::Enter)], &tmsg::KEY_START),
            complete: Binding::new(&[k(K::Tab)], &tmsg::KEY_COMPLETE),
            import_next: Binding::new(&[k(K::Down)], &msg::KEY_NEXT_FIELD),
            import_prev: Binding::new(&[k(K::Up), k(K::BackTab)], &msg::KEY_PREV_FIELD),
            reveal: Binding::new(&[Key::ch('v')], &people::KEY_REVEAL),
            sort: Binding::new(&[Key::ch('t')], &people::KEY_SORT),
            confirm_session: Binding::new(&[Key::ch('c')], &people::KEY_CONFIRM_SESSION),
            cancel_session: Binding::new(&[Key::ch('x')], &people::KEY_CANCEL_SESSION),
            move_session: Binding::new(&[Key::ch('m')], &people::KEY_MOVE_SESSION),
            ready_software: Binding::new(&[Key::ch('s')], &people::KEY_READY_SOFTWARE),
            ready_video: Binding::new(&[Key::ch('v')], &people::KEY_READY_VIDEO),
            ready_room: Binding::new(&[Key::ch('r')], &people::KEY_READY_ROOM),
            next_choice: Binding::new(&[k(K::Down)], &people::KEY_NEXT_CHOICE),
            prev_choice: Binding::new(&[k(K::Up)], &people::KEY_PREV_CHOICE),
            fees_view: Binding::new(&[Key::ch('v')], &fmsg::KEY_VIEW),
            fees_sort: Binding::new(&[Key::ch('t')], &fmsg::KEY_SORT),
            fees_pay: Binding::new(&[Key::ch('p')], &fmsg::KEY_PAY),
            fees_invoice: Binding::new(&[Key::ch('i')], &fmsg::KEY_INVOICE),
            fees_reverse: Binding::new(&[Key::ch('r')], &fmsg::KEY_REVERSE),
            save: Binding::new(&[k(K::Enter), Key::ctrl('s')], &msg::KEY_SAVE),
            next_field: Binding::new(&[k(K::Tab), k(K::Down)], &msg::KEY_NEXT_FIELD),
            prev_field: Binding::new(&[k(K::BackTab), k(K::Up)], &msg::KEY_PREV_FIELD),
            cancel: Binding::new(&[k(K::Esc)], &msg::KEY_CANCEL),
            confirm: Binding::new(&[k(K::Enter)], &msg::KEY_CONFIRM),
            close: Binding::new(&[k(K::Esc)], &msg::KEY_CLOSE),
            check: Binding::new(&[k(K::Enter)], &photo_msg::KEY_CHECK),
            another_archive: Binding::new(&[Key::ch('o')], &photo_msg::KEY_ANOTHER),
            check_photos: Binding::new(&[Key::ch('c')], &photo_msg::KEY_CHECK_PHOTOS),
        }
    }
}

impl Keymap {
    /// The whole table: resolving keys, the footer and the help all read this.
    pub fn entries(&self) -> Vec<Entry<'_>> {
        use Scope as S;
        let e = |scope, binding, action, footer| Entry {
            scope,
            binding,
            action,
            footer,
        };
        vec![
            e(S::Global, &self.quit, Action::Quit, true),
            e(S::Global, &self.help, Action::Help, true),
            e(S::Global, &self.tabs, Action::GoTab(Tab::Overview), false),
            e(S::Global, &self.next_tab, Action::NextTab, false),
            e(S::Global, &self.prev_tab, Action::PrevTab, false),
            e(S::List, &self.down, Action::Down, false),
            e(S::List, &self.up, Action::Up, false),
            e(S::List, &self.page_down, Action::PageDown, false),
            e(S::List, &self.page_up, Action::PageUp, false),
            e(S::List, &self.top, Action::Top, false),
            e(S::List, &self.bottom, Action::Bottom, false),
            e(S::List, &self.filter, Action::Filter, true),
            e(S::List, &self.open, Action::Open, true),
            e(S::List, &self.back, Action::Back, false),
            e(S::Filter, &self.filter_keep, Action::FilterKeep, true),
            e(S::Filter, &self.filter_clear, Action::FilterClear, true),
            e(S::Filter, &self.filter_pop, Action::FilterPop, false),
            e(S::Plans, &self.add_plan, Action::AddPlan, true),
            e(S::Plans, &self.edit_plan, Action::EditPlan, true),
            e(
                S::Sites,
                &self.site_apply,
                Action::Site(SiteAction::Apply),
                true,
            ),
            e(
                S::Sites,
                &self.site_approve,
                Action::Site(SiteAction::Approve),
                true,
            ),
            e(
                S::Sites,
                &self.site_reject,
                Action::Site(SiteAction::Reject),
                true,
            ),
            e(
                S::Sites,
                &self.site_suspend,
                Action::Site(SiteAction::Suspend),
                true,
            ),
            e(
                S::Submissions,
                &self.accept,
                Action::Decide(Decision::Accept),
                true,
            ),
            e(
                S::Submissions,
                &self.reject,
                Action::Decide(Decision::Reject),
                true,
            ),
            e(
                S::Submissions,
                &self.needs_fix,
                Action::Decide(Decision::NeedsFix),
                true,
            ),
            e(
                S::Submissions,
                &self.accept_valid,
                Action::AcceptValidOnly,
                false,
            ),
            e(
                S::Submissions,
                &self.next_pending,
                Action::NextPending,
                true,
            ),
            e(
                S::Submissions,
                &self.prev_pending,
                Action::PrevPending,
                false,
            ),
            e(
                S::Submissions,
                &self.export_return,
                Action::ExportReturn,
                true,
            ),
            e(S::Submissions, &self.import, Action::Import, true),
            e(S::Submissions, &self.scan_inbox, Action::ScanInbox, false),
            e(S::Submissions, &self.cycle_state, Action::CycleState, false),
            e(S::Scroll, &self.down, Action::Down, false),
            e(S::Scroll, &self.up, Action::Up, false),
            e(S::Scroll, &self.page_down, Action::PageDown, false),
            e(S::Scroll, &self.page_up, Action::PageUp, false),
            e(S::Import, &self.import_start, Action::Confirm, true),
            e(S::Import, &self.complete, Action::Complete, true),
            e(S::Import, &self.import_next, Action::NextField, true),
            e(S::Import, &self.import_prev, Action::PrevField, false),
            e(S::Import, &self.cancel, Action::Back, true),
            e(S::Candidates, &self.reveal, Action::Reveal, true),
            e(
                S::Sessions,
                &self.confirm_session,
                Action::ConfirmSession,
                true,
            ),
            e(
                S::Sessions,
                &self.cancel_session,
                Action::CancelSession,
                true,
            ),
            e(S::Sessions, &self.move_session, Action::MoveSession, true),
            e(S::Sessions, &self.sort, Action::ToggleSort, true),
            e(
                S::Sessions,
                &self.ready_software,
                Action::Ready(ReadyItem::Software),
                false,
            ),
            e(
                S::Sessions,
                &self.ready_video,
                Action::Ready(ReadyItem::Video),
                false,
            ),
            e(
                S::Sessions,
                &self.ready_room,
                Action::Ready(ReadyItem::Room),
                false,
            ),
            e(S::Pick, &self.next_choice, Action::NextChoice, true),
            e(S::Pick, &self.prev_choice, Action::PrevChoice, false),
            e(S::Fees, &self.fees_view, Action::FeesView, true),
            e(S::Fees, &self.fees_sort, Action::FeesSort, true),
            e(S::Fees, &self.fees_pay, Action::Pay, true),
            e(S::Fees, &self.fees_invoice, Action::IssueInvoice, true),
            e(S::Fees, &self.fees_reverse, Action::Reverse, true),
            e(S::Form, &self.save, Action::Confirm, true),
            e(S::Form, &self.next_field, Action::NextField, true),
            e(S::Form, &self.prev_field, Action::PrevField, false),
            e(S::Form, &self.cancel, Action::Back, true),
            e(S::Modal, &self.confirm, Action::Confirm, true),
            e(S::Modal, &self.close, Action::Back, true),
            e(
                S::Submissions,
                &self.check_photos,
                Action::CheckPhotosSelected,
                true,
            ),
            e(S::PhotoPath, &self.complete, Action::Complete, true),
            e(S::PhotoPath, &self.check, Action::Confirm, true),
            e(S::PhotoPath, &self.cancel, Action::Back, true),
            e(S::PhotoList, &self.down, Action::Down, false),
            e(S::PhotoList, &self.up, Action::Up, false),
            e(S::PhotoList, &self.page_down, Action::PageDown, false),
            e(S::PhotoList, &self.page_up, Action::PageUp, false),
            e(S::PhotoList, &self.top, Action::Top, false),
            e(S::PhotoList, &self.bottom, Action::Bottom, false),
            e(
                S::PhotoList,
                &self.another_archive,
                Action::AnotherArchive,
                true,
            ),
            e(S::PhotoList, &self.close, Action::Back, true),
        ]
    }

    /// The scopes consulted in a mode, most specific first.
    pub fn scopes(mode: Mode) -> Vec<Scope> {
        match mode {
            Mode::Screen(Tab::Overview) => vec![Scope::Global],
            Mode::Screen(Tab::Plans) => vec![Scope::Plans, Scope::Global, Scope::List],
            Mode::Screen(Tab::Sites) => vec![Scope::Sites, Scope::Global, Scope::List],
            Mode::Screen(Tab::Submissions) => {
                vec![Scope::Submissions, Scope::Global, Scope::List]
            }
            Mode::Screen(Tab::Sessions) => vec![Scope::Sessions, Scope::Global, Scope::List],
            Mode::Screen(Tab::Candidates) => vec![Scope::Candidates, Scope::Global, Scope::List],
            Mode::Screen(Tab::Fees) => vec![Scope::Fees, Scope::Global, Scope::List],
            Mode::Screen(Tab::Audit) => vec![Scope::Global, Scope::List],
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
            Mode::Confirm { .. } => vec![Scope::Modal],
            Mode::Popup => vec![Scope::Modal, Scope::Global],
            Mode::PhotoPath => vec![Scope::PhotoPath],
            Mode::PhotoList => vec![Scope::PhotoList, Scope::Global],
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
            (Mode::Form | Mode::Import | Mode::Confirm { text: true, .. } | Mode::PhotoPath, _) => {
                Some(Action::Text((*ev).into()))
            }
            _ => None,
        }
    }

    /// `key what` pairs for the footer in a mode.
    pub fn footer(&self, mode: Mode, lang: Lang) -> Vec<(String, &'static str)> {
        let entries = self.entries();
        Self::scopes(mode)
            .into_iter()
            .flat_map(|s| {
                entries
                    .iter()
                    .filter(move |e| e.scope == s && e.footer)
                    .map(|e| (first_key(e.binding), lang.t(e.binding.what)))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// The help overlay's groups: a title and `keys what` lines per scope, for the scopes of
    /// the mode under the help and of what it opens (filter prompt, forms, target choices,
    /// modals): the whole keymap no longer fits one 80x24 screen.
    pub fn help(
        &self,
        lang: Lang,
        under: Mode,
    ) -> Vec<(&'static str, Vec<(String, &'static str)>)> {
        let entries = self.entries();
        let mut shown = Self::scopes(under);
        if shown.contains(&Scope::List) {
            shown.push(Scope::Filter);
        }
        match under {
            Mode::Screen(Tab::Plans) => shown.push(Scope::Form),
            Mode::Screen(Tab::Sessions) => shown.push(Scope::Pick),
            _ => {}
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
                    .map(|e| (e.binding.label(), lang.t(e.binding.what)))
                    .filter(|line| {
                        let new = !seen.contains(line);
                        if new {
                            seen.push(line.clone());
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
        let modes = Tab::ALL.into_iter().map(Mode::Screen).chain([
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
