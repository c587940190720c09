//! One folder per screen: its state, how it loads, its keys, and how it is drawn, behind the
//! [`Screen`](super::screen::Screen) trait. Screens import nothing from each other; what two
//! of them share lives in `tui/widgets/`.
//!
//! Adding a screen is one folder and one line in the list below: the line names the tab, the
//! module and its state type, which also declares `TITLE` (the tab's name) and `KEYS` (the
//! keymap scopes its keys are looked up in, most specific first) and `HELP_ALSO` (scopes the
//! `?` help shows besides, for the popups it opens).

pub mod photo_check;

/// Declares the screens in tab order: the modules, the [`Tab`] enum and the [`Screens`] the
/// console holds, with routing from a tab to its screen.
macro_rules! screens {
    ($($tab:ident => $module:ident :: $state:ident,)*) => {
        $(pub mod $module;)*

        /// The screens, in tab order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Tab {
            $($tab,)*
        }

        impl Tab {
            pub const ALL: [Tab; [$(stringify!($tab)),*].len()] = [$(Tab::$tab,)*];

            pub fn title(self) -> &'static crate::i18n::Msg {
                match self {
                    $(Tab::$tab => $module::$state::TITLE,)*
                }
            }

            /// The keymap scopes consulted on this screen, most specific first.
            pub fn keys(self) -> &'static [crate::tui::keymap::Scope] {
                match self {
                    $(Tab::$tab => $module::$state::KEYS,)*
                }
            }

            /// Scopes the `?` help shows on this screen besides its own: the popups it opens.
            pub fn help_also(self) -> &'static [crate::tui::keymap::Scope] {
                match self {
                    $(Tab::$tab => $module::$state::HELP_ALSO,)*
                }
            }
        }

        /// Every screen's state, one field per screen.
        #[derive(Default)]
        pub struct Screens {
            $(pub $module: $module::$state,)*
        }

        impl Screens {
            pub fn get(&self, tab: Tab) -> &dyn super::screen::Screen {
                match tab {
                    $(Tab::$tab => &self.$module,)*
                }
            }

            pub fn get_mut(&mut self, tab: Tab) -> &mut dyn super::screen::Screen {
                match tab {
                    $(Tab::$tab => &mut self.$module,)*
                }
            }
        }
    };
}

screens! {
    Overview => overview::OverviewState,
    Plans => plans::PlansState,
    Sites => sites::SitesState,
    Submissions => submissions::SubmissionsState,
    Sessions => sessions::SessionsState,
    Candidates => candidates::CandidatesState,
    Fees => fees::FeesState,
    Audit => audit::AuditState,
}

impl Tab {
    fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    pub fn next(self) -> Tab {
        Tab::ALL[(self.index() + 1) % Tab::ALL.len()]
    }

    pub fn prev(self) -> Tab {
        Tab::ALL[(self.index() + Tab::ALL.len() - 1) % Tab::ALL.len()]
    }
}
