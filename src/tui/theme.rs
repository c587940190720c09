//! Styles that carry meaning. With NO_COLOR set there are no colours at all; what must stay
//! visible (the selection, the header) is carried by REVERSED and BOLD instead.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::submission::SubmissionState;
use crate::domain::{SiteState, WindowState};

/// The console's styles; `color: false` honours NO_COLOR.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colours unless the NO_COLOR environment variable is set to anything non-empty.
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// The selected row: visible without colour.
    pub fn selected(&self) -> Style {
        let s = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        if self.color {
            Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        } else {
            s
        }
    }

    pub fn active_tab(&self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }

    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn header_row(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// Secondary text; DIM is an attribute, not a colour, so it stays under NO_COLOR.
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn focus(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// A site state: pending stands out, because it waits for staff.
    pub fn site(&self, s: SiteState) -> Style {
        match s {
            SiteState::Pending => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            SiteState::Approved => self.fg(Color::Green),
            SiteState::Rejected => self.fg(Color::Red),
            SiteState::Suspended => self.fg(Color::Magenta),
            SiteState::NotApplied => self.dim(),
        }
    }

    /// A submission state: what waits for staff stands out; what can never be accepted is red.
    /// Without colour the waiting ones stay BOLD, so the inbox still reads at a glance.
    pub fn submission(&self, s: SubmissionState) -> Style {
        use SubmissionState as S;
        match s {
            S::Pending => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            S::NeedsFix => self.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            S::Accepted => self.fg(Color::Green),
            S::Late | S::Early | S::Rejected => self.fg(Color::Red),
            S::SiteNotApproved => self.fg(Color::Cyan),
        }
    }

    pub fn window(&self, w: &WindowState) -> Style {
        match w {
            WindowState::Open { .. } => self.fg(Color::Green).add_modifier(Modifier::BOLD),
            WindowState::Upcoming { .. } => self.fg(Color::Cyan),
            WindowState::Closed { .. } => self.dim(),
        }
    }
}
