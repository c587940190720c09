//! Problem codes of docs/cli.md: stable names tests and scripts match on.

use std::fmt;

/// A problem found in what a school sent. The key is the stable code of docs/cli.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProblemCode {
    MissingColumn,
    UnknownColumn,
    NameMissing,
    NameSpaces,
    IdTypeInvalid,
    IdLength,
    IdChars,
    IdRegion,
    IdBirthDate,
    IdChecksum,
    IdPrecisionLost,
    IdAge,
    GenderMismatch,
    BirthDateMismatch,
    PhoneInvalid,
    CertNameMismatch,
    LevelMismatch,
    PlanMismatch,
    DuplicateInFile,
    DuplicateInPlan,
    NameConflict,
    SlotOverlap,
    RetakeWithoutFail,
    /// Not marked 补考, but a failed result at this level is on record: counted as a retake
    /// (head count, fees) and flagged, without making the row invalid.
    RetakeNotMarked,
    FileUnreadable,
    PhotoMissing,
    PhotoOrphan,
    PhotoBadName,
    PhotoFormat,
    PhotoExtMismatch,
    PhotoTooLarge,
    PhotoDimensions,
    PhotoBackground,
    PhotoCorrupt,
    PhotoDuplicate,
    ArchiveUnsafeEntry,
    ArchiveTooLarge,
    ArchiveUnreadable,
    SchoolFieldMissing,
    SchoolPhoneInvalid,
}

impl ProblemCode {
    /// Every code.
    pub const ALL: [ProblemCode; 40] = {
        use ProblemCode::*;
        [
            MissingColumn,
            UnknownColumn,
            NameMissing,
            NameSpaces,
            IdTypeInvalid,
            IdLength,
            IdChars,
            IdRegion,
            IdBirthDate,
            IdChecksum,
            IdPrecisionLost,
            IdAge,
            GenderMismatch,
            BirthDateMismatch,
            PhoneInvalid,
            CertNameMismatch,
            LevelMismatch,
            PlanMismatch,
            DuplicateInFile,
            DuplicateInPlan,
            NameConflict,
            SlotOverlap,
            RetakeWithoutFail,
            RetakeNotMarked,
            FileUnreadable,
            PhotoMissing,
            PhotoOrphan,
            PhotoBadName,
            PhotoFormat,
            PhotoExtMismatch,
            PhotoTooLarge,
            PhotoDimensions,
            PhotoBackground,
            PhotoCorrupt,
            PhotoDuplicate,
            ArchiveUnsafeEntry,
            ArchiveTooLarge,
            ArchiveUnreadable,
            SchoolFieldMissing,
            SchoolPhoneInvalid,
        ]
    };

    /// The stable code, e.g. `id_checksum`.
    pub fn key(self) -> &'static str {
        use ProblemCode::*;
        match self {
            MissingColumn => "missing_column",
            UnknownColumn => "unknown_column",
            NameMissing => "name_missing",
            NameSpaces => "name_spaces",
            IdTypeInvalid => "id_type_invalid",
            IdLength => "id_length",
            IdChars => "id_chars",
            IdRegion => "id_region",
            IdBirthDate => "id_birth_date",
            IdChecksum => "id_checksum",
            IdPrecisionLost => "id_precision_lost",
            IdAge => "id_age",
            GenderMismatch => "gender_mismatch",
            BirthDateMismatch => "birth_date_mismatch",
            PhoneInvalid => "phone_invalid",
            CertNameMismatch => "cert_name_mismatch",
            LevelMismatch => "level_mismatch",
            PlanMismatch => "plan_mismatch",
            DuplicateInFile => "duplicate_in_file",
            DuplicateInPlan => "duplicate_in_plan",
            NameConflict => "name_conflict",
            SlotOverlap => "slot_overlap",
            RetakeWithoutFail => "retake_without_fail",
            RetakeNotMarked => "retake_not_marked",
            FileUnreadable => "file_unreadable",
            PhotoMissing => "photo_missing",
            PhotoOrphan => "photo_orphan",
            PhotoBadName => "photo_bad_name",
            PhotoFormat => "photo_format",
            PhotoExtMismatch => "photo_ext_mismatch",
            PhotoTooLarge => "photo_too_large",
            PhotoDimensions => "photo_dimensions",
            PhotoBackground => "photo_background",
            PhotoCorrupt => "photo_corrupt",
            PhotoDuplicate => "photo_duplicate",
            ArchiveUnsafeEntry => "archive_unsafe_entry",
            ArchiveTooLarge => "archive_too_large",
            ArchiveUnreadable => "archive_unreadable",
            SchoolFieldMissing => "school_field_missing",
            SchoolPhoneInvalid => "school_phone_invalid",
        }
    }

    /// The code for a stable key.
    pub fn from_key(key: &str) -> Option<ProblemCode> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }
}

impl fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// One problem: where (sheet row and column header, if any), which code, and a plain message
/// already in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The sheet's own 1-based row number; `None` for a file-level problem.
    pub row: Option<u32>,
    /// The column's header text as in the template (e.g. `证件号码`); `None` when not a cell's.
    pub column: Option<String>,
    pub code: ProblemCode,
    pub message: String,
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
    }
}
