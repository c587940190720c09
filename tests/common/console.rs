//! The console driven as staff drive it: real keys through the keymap in the current mode,
//! drawn at 80x24 on a TestBackend and read back as text.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kaowu::domain::school::SchoolInfo;
use kaowu::domain::time;
use kaowu::i18n::Lang;
use kaowu::store::{Actor, Store};
use kaowu::tui::{App, Effect, Tab, Theme, draw, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A console on `store` in Chinese and colour, `wangjuan` at the instant `at` (fixed, as with
/// `--at`).
pub fn app_at(store: Store, at: &str) -> App {
    app_with(store, at, Lang::Zh, true)
}

pub fn app_with(store: Store, at: &str, lang: Lang, color: bool) -> App {
    App::new(
        store,
        lang,
        time::parse_time(at).unwrap(),
        true,
        Actor("wangjuan".into()),
        Theme { color },
    )
}

/// A school as the registry lists it; the phone is the same made-up number for all.
pub fn school(name: &str, province: &str, city: &str, contact: &str) -> SchoolInfo {
    SchoolInfo {
        name: name.into(),
        province: province.into(),
        city: city.into(),
        contact: contact.into(),
        phone: "17744566186".into(),
        ..Default::default()
    }
}

/// One key press, through the keymap in the app's current mode.
pub fn press(app: &mut App, code: KeyCode) -> Option<Effect> {
    press_mod(app, code, KeyModifiers::NONE)
}

pub fn press_mod(app: &mut App, code: KeyCode, mods: KeyModifiers) -> Option<Effect> {
    let action = app.keymap.resolve(app.mode(), &KeyEvent::new(code, mods))?;
    update(app, action)
}

/// Types `text` key by key.
pub fn chars(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// The number key of a screen: tabs are numbered in their order, which grows with the product.
pub fn tab_key(tab: Tab) -> KeyCode {
    let n = Tab::ALL.iter().position(|t| *t == tab).unwrap() as u32 + 1;
    KeyCode::Char(char::from_digit(n, 10).unwrap())
}

/// Switches to `tab` with its number key.
pub fn go(app: &mut App, tab: Tab) {
    press(app, tab_key(tab));
    assert_eq!(app.tab, tab);
}

pub fn terminal(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| draw(f, app)).unwrap();
    t
}

/// The screen as plain text at `w`x`h`.
pub fn text(t: &Terminal<TestBackend>) -> String {
    super::screen_text(t.backend().buffer())
}

/// The whole 80x24 screen as plain text.
pub fn screen(app: &App) -> String {
    text(&terminal(app, 80, 24))
}

/// The line under the screen (empty when none).
pub fn flash(app: &App) -> String {
    app.flash
        .as_ref()
        .map(|f| f.text.clone())
        .unwrap_or_default()
}

/// The error shown in the top confirm modal (empty when none).
pub fn confirm_error(app: &App) -> String {
    match app.modals.last() {
        Some(kaowu::tui::Modal::Confirm(c)) => c.error.clone().unwrap_or_default(),
        _ => String::new(),
    }
}
