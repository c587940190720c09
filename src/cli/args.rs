//! The command line's shape (clap). Names of sub-commands are fixed by docs/cli.md.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::domain::session::SessionState;
use crate::domain::submission::{Decision, SubmissionState};
use crate::domain::{SiteAction, SiteState};
use crate::i18n::Lang;

#[derive(Debug, Parser)]
#[command(
    name = "kaowu",
    version,
    about = "考务: 1+X 跨境电商 B2B 数据运营 exam back office"
)]
pub struct Cli {
    /// The database file (default: kaowu.db in the platform data directory).
    #[arg(long, env = "KAOWU_DB", global = true)]
    pub db: Option<PathBuf>,
    /// User-facing language.
    #[arg(long, env = "KAOWU_LANG", global = true, default_value = "zh")]
    pub lang: Lang,
    /// Machine-readable output: one JSON document on stdout.
    #[arg(long, global = true)]
    pub json: bool,
    /// Judge windows and deadlines as of TIME (RFC 3339 or "YYYY-MM-DD HH:MM", China time).
    #[arg(long, global = true, value_name = "TIME")]
    pub at: Option<String>,
    /// The staff name recorded in the audit log (default: the OS login name).
    #[arg(long = "as", global = true, value_name = "USER")]
    pub as_user: Option<String>,
    /// Open the console on a fresh demo database full of realistic data.
    #[arg(long)]
    pub demo: bool,
    /// The file name recorded for a FILE given as `-` (stdin), e.g. 报名表.xlsx.
    #[arg(long, global = true, value_name = "NAME")]
    pub file_name: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List plans with their registration window state.
    Plans,
    /// Add or edit a plan.
    #[command(subcommand)]
    Plan(PlanCommand),
    /// Schools and their site state.
    Sites {
        #[arg(long, value_parser = parse_site_state)]
        state: Option<SiteState>,
    },
    /// A site application decision.
    Site {
        #[arg(value_enum)]
        action: SiteActionArg,
        /// School id or exact name.
        school: String,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Validate a submission (附件1) against a plan; writes nothing.
    Check {
        file: PathBuf,
        /// Plan id or code (20211211-初级).
        #[arg(long)]
        plan: String,
        /// School id or exact name (to judge its site too).
        #[arg(long)]
        school: Option<String>,
        /// When the file was received: TIME, or `file` for the file's own time (default: now).
        #[arg(long, value_name = "TIME")]
        received_at: Option<String>,
    },
    /// Record a submission (附件1) for triage: all or nothing.
    Import {
        file: PathBuf,
        /// Plan id or code (20211211-初级).
        #[arg(long)]
        plan: String,
        /// School id or exact name.
        #[arg(long)]
        school: String,
        /// When the file was received: TIME, or `file` for the file's own time (default: now).
        #[arg(long, value_name = "TIME")]
        received_at: Option<String>,
    },
    /// Submissions with their state and counts, newest first.
    Submissions {
        /// Plan id or code (20211211-初级).
        #[arg(long)]
        plan: Option<String>,
        /// School id or exact name.
        #[arg(long)]
        school: Option<String>,
        #[arg(long, value_parser = parse_submission_state)]
        state: Option<SubmissionState>,
    },
    /// A triage decision on a submission.
    Decide {
        submission: i64,
        #[arg(value_enum)]
        decision: DecisionArg,
        /// Why (required for reject; the note to the school for needs-fix).
        #[arg(long)]
        reason: Option<String>,
        /// Accept only the rows without problems (the rest are not registered).
        #[arg(long)]
        valid_only: bool,
    },
    /// Head counts per session (a plan at a site) against the minimum of 20.
    Sessions {
        /// Plan id or code (20211211-初级).
        #[arg(long)]
        plan: Option<String>,
        /// Only schools of this province.
        #[arg(long)]
        province: Option<String>,
        #[arg(long, value_parser = parse_session_state)]
        state: Option<SessionState>,
        /// Largest shortfall first.
        #[arg(long)]
        by_shortfall: bool,
    },
    /// Confirm, cancel or move a session, or tick its readiness checklist.
    #[command(subcommand)]
    Session(SessionCommand),
    /// People registered in two plans whose exam slots overlap.
    Overlaps {
        /// Only overlaps involving this plan.
        #[arg(long)]
        plan: Option<String>,
    },
    /// Earlier exam results (for retakes).
    #[command(subcommand)]
    Results(ResultsCommand),
    /// A person's earlier results and registrations.
    History {
        /// The ID number (证件号码).
        id_number: String,
    },
    /// xlsx exports.
    #[command(subcommand)]
    Export(ExportCommand),
    /// A consistent copy of the live database (others may keep working).
    Backup { file: PathBuf },
    /// Write a blank template for schools: 附件1 (students) or 附件2 (schools).
    Template {
        #[arg(value_enum)]
        kind: crate::export::TemplateKind,
        /// The xlsx file to write.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// School basic information (附件2).
    #[command(subcommand)]
    Schools(SchoolsCommand),
    /// Photo archives (照片压缩包) schools keep for the platform import.
    #[command(subcommand)]
    Photos(PhotosCommand),
    /// Exam fees per school: charged, paid and outstanding; `fees set` and `fees site` set them.
    Fees {
        #[command(subcommand)]
        cmd: Option<FeesCommand>,
        /// Only this school (id or exact name).
        #[arg(long)]
        school: Option<String>,
    },
    /// Record a payment from a school (`pay reverse ID` corrects a mistake).
    Pay(EntryArgs),
    /// Payments and their reversals, with entry numbers.
    Payments {
        /// Only this school (id or exact name).
        #[arg(long)]
        school: Option<String>,
    },
    /// Issue or reverse (红冲) an invoice.
    #[command(subcommand)]
    Invoice(InvoiceCommand),
    /// Invoices by number.
    Invoices {
        /// Only this school (id or exact name).
        #[arg(long)]
        school: Option<String>,
    },
    /// Record a site service fee payout to a site (`payout reverse ID` corrects a mistake).
    Payout(EntryArgs),
    /// What each site is owed for its confirmed sessions, was paid, and is still owed.
    Payouts,
    /// The team: people, their roles and SSH keys (admin).
    Staff {
        #[command(subcommand)]
        cmd: Option<StaffCommand>,
        /// The authorized_keys file kaowu keeps (default: ~/.ssh/authorized_keys).
        #[arg(
            long,
            env = "KAOWU_AUTHORIZED_KEYS",
            global = true,
            value_name = "PATH"
        )]
        authorized_keys: Option<PathBuf>,
    },
    /// The forced command of a person's SSH key in authorized_keys (not for people to type).
    Serve {
        /// The person the key belongs to.
        #[arg(long)]
        staff: String,
    },
    /// The audit log, newest first.
    Audit {
        /// Words that must all appear in a row.
        filter: Vec<String>,
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
}

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Add a person with their roles and keys.
    Add {
        name: String,
        /// viewer, triage, sites, finance, admin (comma-separated).
        #[arg(long = "role", required = true, value_name = "ROLE[,ROLE…]")]
        roles: Vec<String>,
        /// An SSH public key, "ssh-ed25519 AAAA… comment" (repeat for more).
        #[arg(long = "key", value_name = "KEY")]
        keys: Vec<String>,
    },
    /// Add or remove one of a person's SSH keys.
    #[command(subcommand)]
    Key(KeyCommand),
    /// Stop a person: their keys stop working at once.
    Disable {
        name: String,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Allow a disabled person again.
    Enable { name: String },
    /// The people, their roles, keys and last activity.
    List,
    /// Write authorized_keys again from the staff list (after moving kaowu or the database).
    Sync,
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Give a person one more key.
    Add {
        name: String,
        /// "ssh-ed25519 AAAA… comment", or `-` to read it from stdin.
        key: String,
    },
    /// Remove a key by its fingerprint (SHA256:…, as `kaowu staff` lists it).
    Remove { name: String, fingerprint: String },
}

#[derive(Debug, Subcommand)]
pub enum FeesCommand {
    /// The exam fee per candidate of a level, in yuan (`180` or `180.50`).
    Set {
        /// 初级/中级/高级 or junior/intermediate/senior.
        level: String,
        amount: String,
    },
    /// The site service fee, in yuan, per candidate of a confirmed session or per session.
    Site {
        /// per-candidate or per-session.
        basis: String,
        amount: String,
    },
}

/// A payment or payout: `SCHOOL AMOUNT --ref TEXT`, or `reverse ID --reason TEXT`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct EntryArgs {
    #[command(subcommand)]
    pub reverse: Option<ReverseCommand>,
    /// School id or exact name.
    #[arg(required = true)]
    pub school: Option<String>,
    /// Yuan (`1800` or `1800.50`).
    #[arg(required = true)]
    pub amount: Option<String>,
    /// The bank reference or voucher number.
    #[arg(long = "ref", required = true, value_name = "TEXT")]
    pub reference: Option<String>,
    /// 对公转账, 现金, … (free text).
    #[arg(long, default_value = "")]
    pub method: String,
    /// The day the money moved, YYYY-MM-DD (default: today).
    #[arg(long)]
    pub date: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ReverseCommand {
    /// Correct a mistaken entry with a reversing entry (never edited or deleted).
    Reverse {
        /// The entry number (see `kaowu payments` / `kaowu payouts`).
        id: i64,
        #[arg(long)]
        reason: Option<String>,
        /// The day of the correction, YYYY-MM-DD (default: today).
        #[arg(long)]
        date: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum InvoiceCommand {
    /// Issue an invoice to a school; the buyer comes from 附件2 unless given.
    Issue {
        /// School id or exact name.
        school: String,
        /// Yuan (`3600` or `3600.50`).
        amount: String,
        /// The buyer's 抬头 for this invoice.
        #[arg(long)]
        title: Option<String>,
        /// The buyer's 纳税人识别号 for this invoice.
        #[arg(long)]
        tax_id: Option<String>,
    },
    /// Reverse (红冲) an invoice: a new invoice of the negative amount referring to it.
    Reverse {
        number: String,
        #[arg(long)]
        reason: Option<String>,
    },
    /// The seller (开票方) printed on every invoice and statement: set it once, or show it.
    Issuer {
        /// The seller's name, e.g. 北京水木学成教育科技有限公司 (omit to show the current one).
        name: Option<String>,
        /// The seller's 纳税人识别号.
        #[arg(long, requires = "name")]
        tax_id: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PhotosCommand {
    /// Check a photo archive against the candidates of a submission; nothing is extracted.
    Check {
        /// The .zip the school sent.
        zip: PathBuf,
        /// The submission whose candidates need photos.
        #[arg(long, conflicts_with_all = ["plan", "school"], required_unless_present_all = ["plan", "school"])]
        submission: Option<i64>,
        /// Plan id or code; with --school, the school's latest submission for the plan.
        #[arg(long, requires = "school")]
        plan: Option<String>,
        /// School id or exact name.
        #[arg(long, requires = "plan")]
        school: Option<String>,
        /// Pixels either way the 295×413 size may be off.
        #[arg(long, default_value_t = 0, value_name = "PX")]
        tolerance: u32,
    },
}

#[derive(Debug, Subcommand)]
pub enum SchoolsCommand {
    /// Load 附件2 rows: all or nothing, only when the file has no problems.
    Import {
        /// The 附件2 xlsx file.
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Add a plan.
    Add(PlanFields),
    /// Edit a plan; changing its window needs --reason.
    Edit {
        /// Plan id or code (20211211-初级).
        plan: String,
        #[command(flatten)]
        fields: PlanFields,
        #[arg(long)]
        reason: Option<String>,
    },
}

/// Plan fields; on edit, an absent field keeps its value.
#[derive(Debug, clap::Args)]
pub struct PlanFields {
    #[arg(long)]
    pub name: Option<String>,
    /// 初级/中级/高级 or junior/intermediate/senior.
    #[arg(long)]
    pub level: Option<String>,
    /// First day of registration (YYYY-MM-DD).
    #[arg(long)]
    pub opens: Option<String>,
    /// Last day of registration (YYYY-MM-DD).
    #[arg(long)]
    pub closes: Option<String>,
    /// Exam start ("YYYY-MM-DD HH:MM").
    #[arg(long)]
    pub exam_start: Option<String>,
    /// Exam end ("YYYY-MM-DD HH:MM").
    #[arg(long)]
    pub exam_end: Option<String>,
    /// DingTalk group name.
    #[arg(long)]
    pub group: Option<String>,
}

/// A session: a plan at a school.
#[derive(Debug, clap::Args)]
pub struct SessionArgs {
    /// Plan id or code (20211211-初级).
    pub plan: String,
    /// School id or exact name.
    pub school: String,
}

#[derive(Debug, Subcommand)]
pub enum SessionCommand {
    /// Confirm a session (refused under 20) and give its candidates admission numbers.
    Confirm(SessionArgs),
    /// Cancel a session (needs --reason); its candidates stay and can be moved.
    Cancel {
        #[command(flatten)]
        session: SessionArgs,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Move the session's candidates (all, or --candidates) to a plan of the same level.
    Move {
        #[command(flatten)]
        session: SessionArgs,
        /// The target plan (id or code).
        #[arg(long)]
        to: String,
        /// The target school (default: the same school).
        #[arg(long)]
        to_school: Option<String>,
        #[arg(long)]
        reason: Option<String>,
        /// Only these ID numbers, comma-separated.
        #[arg(long, value_delimiter = ',')]
        candidates: Option<Vec<String>>,
    },
    /// Tick a readiness item: software (teacher joined, software deployed), video (proctors
    /// trained), room (exam room set up).
    Ready {
        #[command(flatten)]
        session: SessionArgs,
        #[arg(value_enum)]
        item: ReadyArg,
        /// Mark it not done again.
        #[arg(long)]
        undo: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReadyArg {
    Software,
    Video,
    Room,
}

impl From<ReadyArg> for crate::store::ReadyItem {
    fn from(a: ReadyArg) -> Self {
        match a {
            ReadyArg::Software => crate::store::ReadyItem::Software,
            ReadyArg::Video => crate::store::ReadyItem::Video,
            ReadyArg::Room => crate::store::ReadyItem::Room,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SiteActionArg {
    Apply,
    Approve,
    Reject,
    Suspend,
}

impl From<SiteActionArg> for SiteAction {
    fn from(a: SiteActionArg) -> Self {
        match a {
            SiteActionArg::Apply => SiteAction::Apply,
            SiteActionArg::Approve => SiteAction::Approve,
            SiteActionArg::Reject => SiteAction::Reject,
            SiteActionArg::Suspend => SiteAction::Suspend,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum ResultsCommand {
    /// Load a results sheet (证件号码, 姓名, 证书等级, 考试计划 or 考试日期, 结果): all or nothing.
    Import { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The annotated return of a submission: the school's rows with every problem marked.
    Returns {
        submission: i64,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// The final roster of a confirmed session (refused under 20), full ID and phone numbers.
    Roster {
        #[command(flatten)]
        session: SessionArgs,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// A plan's candidates in the 附件1 layout for the national platform.
    Platform {
        #[arg(long)]
        plan: String,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// A school's statement (对账单): one line per candidate, payments, totals.
    Fees {
        /// School id or exact name.
        #[arg(long)]
        school: String,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// The invoice register (发票登记簿).
    Invoices {
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DecisionArg {
    Accept,
    Reject,
    NeedsFix,
}

impl From<DecisionArg> for Decision {
    fn from(d: DecisionArg) -> Self {
        match d {
            DecisionArg::Accept => Decision::Accept,
            DecisionArg::Reject => Decision::Reject,
            DecisionArg::NeedsFix => Decision::NeedsFix,
        }
    }
}

fn parse_submission_state(s: &str) -> Result<SubmissionState, String> {
    s.parse()
}

fn parse_session_state(s: &str) -> Result<SessionState, String> {
    s.parse()
}

fn parse_site_state(s: &str) -> Result<SiteState, String> {
    s.parse()
}
