//! How the screen is drawn: from its own state and the `Ui`, never the store.

use super::*;

pub fn draw(s: &FeesState, f: &mut Frame, area: Rect, ui: &Ui) {
    let l = ui.lang;
    let th = ui.theme;
    let [top, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let mut spans = vec![Span::styled(format!(" {} ", l.t(&msg::COL_FEE)), th.key())];
    for (level, fee) in &s.schedule {
        let style = if fee.is_some() { th.ok() } else { th.error() };
        spans.push(Span::raw(format!("{} ", l.t(common::level(*level)))));
        spans.push(Span::styled(format!("{}  ", money(l, *fee)), style));
    }
    spans.push(Span::styled(format!("{} ", l.t(&msg::SITE_FEE)), th.key()));
    spans.push(Span::raw(match s.site_fee {
        Some(fee) => format!("{} {}", format_yuan(fee.amount), l.t(msg::basis(fee.basis))),
        None => l.t(&msg::NOT_SET_SHORT).to_string(),
    }));
    f.render_widget(Line::from(fit_spans(spans, top.width as usize)), top);

    let sort = if s.by_name {
        &msg::SORTED_NAME
    } else {
        &msg::SORTED_OUTSTANDING
    };
    // Only the rows the table shows are built (a national sitting lists 1,500 schools): the
    // same first row as the table's own scrolling from the top would show.
    let height = usize::from(list.height.saturating_sub(3)).max(1);
    let start = crate::tui::widgets::table::scroll_start(s.cursor.selected, height);
    let (title, header, widths, rows): (String, Vec<String>, Vec<Constraint>, Vec<Row>) =
        match s.view {
            FeesView::Balances => {
                let columns = Columns::new(list);
                let rows = s
                    .balances
                    .iter()
                    .skip(start)
                    .take(height)
                    .map(|b| {
                        let out = b.balance.outstanding();
                        let style = match out {
                            None => th.error(),
                            Some(o) if o > 0 => th.error(),
                            Some(o) if o < 0 => th.ok(),
                            Some(_) => th.dim(),
                        };
                        columns.row(
                            &b.school,
                            [b.paying, b.free_retakes],
                            [
                                money(l, b.balance.charged),
                                format_yuan(b.balance.paid),
                                money(l, out),
                            ],
                            style,
                        )
                    })
                    .collect();
                (
                    format!(
                        "{} · {}",
                        l.fill(&msg::VIEW_BALANCES, &[("n", &s.balances.len())]),
                        l.t(sort)
                    ),
                    columns.header(
                        l.t(&msg::COL_SCHOOL),
                        [l.t(&msg::COL_PAYING_SHORT), l.t(&msg::COL_FREE_SHORT)],
                        [
                            l.t(&msg::COL_CHARGED),
                            l.t(&msg::COL_PAID),
                            l.t(&msg::COL_OUTSTANDING),
                        ],
                    ),
                    columns.widths(),
                    rows,
                )
            }
            FeesView::Payments => {
                let name_w = list.width.saturating_sub(2 + 6 + 10 + MONEY_W + 16 + 5);
                let rows = s
                    .payments
                    .iter()
                    .skip(start)
                    .take(height)
                    .map(|p| {
                        let style = if p.reverses.is_some() || p.reversed_by.is_some() {
                            th.dim()
                        } else {
                            ratatui::style::Style::new()
                        };
                        let note = match (p.reverses, p.reversed_by) {
                            (Some(id), _) => l.fill(
                                &msg::REVERSES,
                                &[
                                    ("id", &id),
                                    ("reason", &p.reason.clone().unwrap_or_default()),
                                ],
                            ),
                            (_, Some(id)) => l.fill(&msg::REVERSED_BY, &[("id", &id)]),
                            _ => p.reference.clone(),
                        };
                        Row::new(vec![
                            Cell::from(format!("#{}", p.id)),
                            Cell::from(p.date.clone()),
                            Cell::from(fit(&p.school, name_w as usize)),
                            Cell::from(right(format_yuan(p.amount), MONEY_W)),
                            Cell::from(fit(&note, 16)),
                        ])
                        .style(style)
                    })
                    .collect();
                (
                    l.fill(&msg::VIEW_PAYMENTS, &[("n", &s.payments.len())]),
                    vec![
                        "#".to_string(),
                        l.t(&msg::COL_DATE).to_string(),
                        l.t(&msg::COL_SCHOOL).to_string(),
                        right(l.t(&msg::COL_AMOUNT).to_string(), MONEY_W),
                        l.t(&msg::COL_NOTE).to_string(),
                    ],
                    vec![
                        Constraint::Length(6),
                        Constraint::Length(10),
                        Constraint::Length(name_w),
                        Constraint::Length(MONEY_W),
                        Constraint::Length(16),
                    ],
                    rows,
                )
            }
            FeesView::Invoices => {
                let name_w = list.width.saturating_sub(2 + 14 + 10 + MONEY_W + 8 + 5);
                let rows = s
                    .invoices
                    .iter()
                    .skip(start)
                    .take(height)
                    .map(|i| {
                        let state = l.t(msg::invoice_state(i.state, i.refers_to.is_some()));
                        let style = if i.refers_to.is_some() || i.amount < 0 {
                            th.error()
                        } else {
                            ratatui::style::Style::new()
                        };
                        Row::new(vec![
                            Cell::from(i.number.clone()),
                            Cell::from(i.issued_at.get(..10).unwrap_or("").to_string()),
                            Cell::from(fit(&i.school, name_w as usize)),
                            Cell::from(Span::styled(right(format_yuan(i.amount), MONEY_W), style)),
                            Cell::from(state),
                        ])
                    })
                    .collect();
                (
                    l.fill(&msg::VIEW_INVOICES, &[("n", &s.invoices.len())]),
                    vec![
                        l.t(&msg::COL_NUMBER).to_string(),
                        l.t(&msg::COL_DATE).to_string(),
                        l.t(&msg::COL_SCHOOL).to_string(),
                        right(l.t(&msg::COL_AMOUNT).to_string(), MONEY_W),
                        l.t(&msg::COL_STATE).to_string(),
                    ],
                    vec![
                        Constraint::Length(14),
                        Constraint::Length(10),
                        Constraint::Length(name_w),
                        Constraint::Length(MONEY_W),
                        Constraint::Length(8),
                    ],
                    rows,
                )
            }
            FeesView::Payouts => {
                let columns = Columns::new(list);
                let rows = s
                    .sites
                    .iter()
                    .skip(start)
                    .take(height)
                    .map(|b| {
                        let out = b.outstanding();
                        let style = match out {
                            Some(o) if o <= 0 => th.dim(),
                            _ => th.error(),
                        };
                        columns.row(
                            &b.site,
                            [b.sessions, b.candidates],
                            [money(l, b.owed), format_yuan(b.paid), money(l, out)],
                            style,
                        )
                    })
                    .collect();
                (
                    format!(
                        "{} · {}",
                        l.fill(&msg::VIEW_PAYOUTS, &[("n", &s.sites.len())]),
                        l.t(sort)
                    ),
                    columns.header(
                        l.t(&msg::COL_SITE),
                        [l.t(&msg::COL_SESSIONS_SHORT), l.t(&msg::COL_CANDIDATES)],
                        [
                            l.t(&msg::COL_OWED),
                            l.t(&msg::COL_PAID_OUT),
                            l.t(&msg::COL_OUTSTANDING_OUT),
                        ],
                    ),
                    columns.widths(),
                    rows,
                )
            }
        };
    let selected = s.cursor.selected.checked_sub(start).filter(|i| *i < rows.len());
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(th.header_row()))
        .row_highlight_style(th.selected())
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(Span::styled(format!(" {title} "), th.title())),
        );
    let mut state = TableState::default().with_selected(selected);
    f.render_stateful_widget(table, list, &mut state);
}

/// Spans cut to `width` cells, the cut marked with "…" (never a sum cut unmarked: "¥3" would
/// read as three yuan).
fn fit_spans(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    use unicode_width::UnicodeWidthStr;
    let mut out = Vec::new();
    let mut used = 0;
    for span in spans {
        let w = span.content.width();
        if used + w <= width {
            used += w;
            out.push(span);
            continue;
        }
        let room = width.saturating_sub(used);
        out.push(Span::styled(fit(&span.content, room), span.style));
        break;
    }
    out
}
