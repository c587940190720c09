//! What a key needs: the role a console action asks of the person at the keyboard. The store
//! enforces the roles on every write; this only lets the console say so before a key is
//! pressed (`?` lists a key the person lacks the role for as needing that role).

use super::action::Action;
use crate::domain::staff::Role;

/// The role `action` needs beyond reading, if any.
pub fn needs(action: &Action) -> Option<Role> {
    match action {
        Action::AddPlan | Action::EditPlan => Some(Role::Admin),
        // Loading 附件2 changes the schools sites are applied for: the store asks `sites` too.
        Action::Site(_) | Action::ImportSchools => Some(Role::Sites),
        Action::Decide(_)
        | Action::AcceptValidOnly
        | Action::ExportReturn
        | Action::SendReturn
        | Action::Receive
        | Action::Import
        | Action::ScanInbox
        | Action::CheckPhotos(_)
        | Action::CheckPhotosSelected
        | Action::AnotherArchive
        | Action::Reveal
        | Action::ConfirmSession
        | Action::CancelSession
        | Action::MoveSession
        | Action::Ready(_) => Some(Role::Triage),
        Action::Pay | Action::IssueInvoice | Action::Reverse => Some(Role::Finance),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::staff::Roles;
    use crate::domain::submission::Decision;

    #[test]
    fn a_finance_clerk_may_pay_but_not_decide_and_reading_needs_nothing() {
        let finance: Roles = "finance".parse().unwrap();
        let grants = |a: &Action| needs(a).is_none_or(|r| finance.grant(r));
        assert!(grants(&Action::Pay));
        assert!(!grants(&Action::Decide(Decision::Accept)));
        assert!(grants(&Action::Down) && grants(&Action::Open));
    }

    #[test]
    fn loading_schools_is_listed_as_needing_the_sites_role_like_the_store_asks() {
        let triage: Roles = "triage".parse().unwrap();
        assert_eq!(needs(&Action::ImportSchools), Some(Role::Sites));
        assert!(!needs(&Action::ImportSchools).is_none_or(|r| triage.grant(r)));
    }
}
