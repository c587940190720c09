//! Problem codes of docs/cli.md (stable names tests and scripts match on) and what a problem
//! says, in no language: a sentence of the catalog and its typed arguments.

use std::fmt;

use chrono::NaiveDate;

use super::Level;
use super::identity::{Gender, IdType};
use super::keyed::keyed;

keyed! {
    /// A problem found in what a school sent. The key is the stable code of docs/cli.md.
    pub enum ProblemCode {
        MissingColumn = "missing_column",
        UnknownColumn = "unknown_column",
        SeveralSheets = "several_sheets",
        NameMissing = "name_missing",
        NameSpaces = "name_spaces",
        NameChars = "name_chars",
        NameLength = "name_length",
        IdTypeInvalid = "id_type_invalid",
        IdLength = "id_length",
        IdChars = "id_chars",
        IdRegion = "id_region",
        IdBirthDate = "id_birth_date",
        IdChecksum = "id_checksum",
        IdPrecisionLost = "id_precision_lost",
        IdAge = "id_age",
        GenderMismatch = "gender_mismatch",
        BirthDateMismatch = "birth_date_mismatch",
        PhoneInvalid = "phone_invalid",
        CertNameMismatch = "cert_name_mismatch",
        LevelMismatch = "level_mismatch",
        PlanMismatch = "plan_mismatch",
        DuplicateInFile = "duplicate_in_file",
        DuplicateInPlan = "duplicate_in_plan",
        NameConflict = "name_conflict",
        SlotOverlap = "slot_overlap",
        RetakeWithoutFail = "retake_without_fail",
        /// Not marked 补考, but a failed result at this level is on record: counted as a retake
        /// (head count, fees) and flagged, without making the row invalid.
        RetakeNotMarked = "retake_not_marked",
        FileUnreadable = "file_unreadable",
        PhotoMissing = "photo_missing",
        PhotoOrphan = "photo_orphan",
        PhotoBadName = "photo_bad_name",
        PhotoFormat = "photo_format",
        PhotoExtMismatch = "photo_ext_mismatch",
        PhotoTooLarge = "photo_too_large",
        PhotoDimensions = "photo_dimensions",
        PhotoBackground = "photo_background",
        PhotoCorrupt = "photo_corrupt",
        PhotoDuplicate = "photo_duplicate",
        ArchiveUnsafeEntry = "archive_unsafe_entry",
        ArchiveTooLarge = "archive_too_large",
        ArchiveUnreadable = "archive_unreadable",
        SchoolFieldMissing = "school_field_missing",
        SchoolPhoneInvalid = "school_phone_invalid",
    }
}

impl fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

keyed! {
    /// Which sentence of the catalog says a problem: a code can be said several ways (an
    /// empty cell, a wrong value). The key is stored with the problem, so keys never change.
    pub enum Sentence {
        NameMissing = "name_missing",
        NameNotText = "name_not_text",
        NameSpaces = "name_spaces",
        NameChars = "name_chars",
        NameLength = "name_length",
        IdTypeInvalid = "id_type_invalid",
        IdEmpty = "id_empty",
        IdFifteenDigits = "id_fifteen_digits",
        IdOtherDocument = "id_other_document",
        IdForeignPermanent = "id_foreign_permanent",
        IdBirthAfterToday = "id_birth_after_today",
        IdStoredAsNumber = "id_stored_as_number",
        IdFifteenAsNumber = "id_fifteen_as_number",
        PhoneNotMobile = "phone_not_mobile",
        SeveralSheets = "several_sheets",
        IdLength = "id_length",
        IdCharsGb = "id_chars_gb",
        IdCharsPassport = "id_chars_passport",
        IdCharsOther = "id_chars_other",
        IdRegion = "id_region",
        IdRegionPermit = "id_region_permit",
        IdBirthNotReal = "id_birth_not_real",
        IdBirthFuture = "id_birth_future",
        IdChecksum = "id_checksum",
        IdPrecisionLost = "id_precision_lost",
        IdAge = "id_age",
        GenderUnreadable = "gender_unreadable",
        GenderMismatch = "gender_mismatch",
        BirthUnreadable = "birth_unreadable",
        BirthMismatch = "birth_mismatch",
        PhoneEmpty = "phone_empty",
        PhoneInvalid = "phone_invalid",
        CertNameEmpty = "cert_name_empty",
        CertNameMismatch = "cert_name_mismatch",
        LevelEmpty = "level_empty",
        LevelMismatch = "level_mismatch",
        PlanEmpty = "plan_empty",
        PlanMismatch = "plan_mismatch",
        PlanOther = "plan_other",
        DuplicateInFile = "duplicate_in_file",
        DuplicateInPlan = "duplicate_in_plan",
        NameConflictInFile = "name_conflict_in_file",
        NameConflictKnown = "name_conflict_known",
        SlotOverlap = "slot_overlap",
        RetakeWithoutFail = "retake_without_fail",
        RetakeNotMarked = "retake_not_marked",
        NoHeader = "no_header",
        ColumnMissing = "column_missing",
        ColumnUnknown = "column_unknown",
        ColumnDuplicate = "column_duplicate",
        SchoolFieldMissing = "school_field_missing",
        SchoolPhoneInvalid = "school_phone_invalid",
        SchoolDuplicate = "school_duplicate",
    }
}

/// A typed argument of a sentence: words (a gender, an ID type, a level) are named in the
/// reader's language when the sentence is rendered, everything else is shown as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Int(i64),
    Date(NaiveDate),
    Gender(Gender),
    IdType(IdType),
    Level(Level),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<u32> for Arg {
    fn from(n: u32) -> Arg {
        Arg::Int(n.into())
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<NaiveDate> for Arg {
    fn from(d: NaiveDate) -> Arg {
        Arg::Date(d)
    }
}

/// What a problem says, in no language yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Says {
    /// A sentence of the catalog and its named arguments, rendered in the reader's language.
    Sentence(Sentence, Vec<(String, Arg)>),
    /// Text as it was written: problems stored before migration 008 kept only their message
    /// (in the importer's language), and a file that cannot be read says why in the words of
    /// the reader that gave up.
    Text(String),
}

impl Says {
    /// A sentence without arguments.
    pub fn just(s: Sentence) -> Says {
        Says::Sentence(s, Vec::new())
    }

    /// A sentence with its arguments.
    pub fn with<const N: usize>(s: Sentence, args: [(&str, Arg); N]) -> Says {
        Says::Sentence(
            s,
            args.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
        )
    }
}

/// One problem: where (sheet row and column header, if any), which code, and what it says,
/// rendered in the reader's language by `i18n::problems::text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The sheet's own 1-based row number; `None` for a file-level problem.
    pub row: Option<u32>,
    /// The column's header text as in the template (e.g. `证件号码`); `None` when not a cell's.
    pub column: Option<String>,
    pub code: ProblemCode,
    pub says: Says,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_round_trip() {
        let mut keys: Vec<&str> = ProblemCode::ALL.iter().map(|c| c.key()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), ProblemCode::ALL.len());
        for c in ProblemCode::ALL {
            assert_eq!(ProblemCode::from_key(c.key()), Some(c));
        }
        let mut sentences: Vec<&str> = Sentence::ALL.iter().map(|s| s.key()).collect();
        sentences.sort();
        sentences.dedup();
        assert_eq!(sentences.len(), Sentence::ALL.len());
    }
}
