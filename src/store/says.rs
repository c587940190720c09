//! What a problem says, to and from the JSON kept in the database: a sentence's key and its
//! typed arguments, so a problem is rendered in the language of whoever reads it.

use serde_json::{Value, json};

use super::{Result, StoreError};
use crate::domain::Level;
use crate::domain::identity::{Gender, IdType};
use crate::domain::problem::{Arg, Says, Sentence};

/// The JSON of a sentence, or `None` for text kept as written (stored in `message`).
pub fn to_json(says: &Says) -> Option<String> {
    let Says::Sentence(s, args) = says else {
        return None;
    };
    // Pairs in a list, not an object: the arguments come back in the order they were said.
    let args: Vec<Value> = args.iter().map(|(k, v)| json!([k, arg(v)])).collect();
    Some(json!({ "sentence": s.key(), "args": args }).to_string())
}

fn arg(a: &Arg) -> Value {
    match a {
        Arg::Text(t) => json!({ "text": t }),
        Arg::Int(n) => json!({ "int": n }),
        Arg::Date(d) => json!({ "date": d.to_string() }),
        Arg::Gender(g) => json!({ "gender": g.en() }),
        Arg::IdType(t) => json!({ "id_type": t.zh() }),
        Arg::Level(l) => json!({ "level": l.key() }),
    }
}

/// What a stored problem says: its sentence when one was stored, else its message as written.
pub fn from_stored(says: Option<&str>, message: String) -> Result<Says> {
    let Some(json) = says else {
        return Ok(Says::Text(message));
    };
    let corrupt = || StoreError::Corrupt(format!("problem words {json:?}"));
    let v: Value = serde_json::from_str(json).map_err(|_| corrupt())?;
    let sentence = v["sentence"]
        .as_str()
        .and_then(Sentence::from_key)
        .ok_or_else(corrupt)?;
    let mut args = Vec::new();
    for pair in v["args"].as_array().ok_or_else(corrupt)? {
        let k = pair[0].as_str().ok_or_else(corrupt)?;
        args.push((k.to_string(), read_arg(&pair[1]).ok_or_else(corrupt)?));
    }
    Ok(Says::Sentence(sentence, args))
}

fn read_arg(v: &Value) -> Option<Arg> {
    let (kind, v) = v.as_object()?.iter().next()?;
    Some(match kind.as_str() {
        "text" => Arg::Text(v.as_str()?.to_string()),
        "int" => Arg::Int(v.as_i64()?),
        "date" => Arg::Date(v.as_str()?.parse().ok()?),
        "gender" => Arg::Gender(Gender::parse(v.as_str()?)?),
        "id_type" => Arg::IdType(IdType::parse(v.as_str()?)?),
        "level" => Arg::Level(v.as_str()?.parse::<Level>().ok()?),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn every_kind_of_argument_comes_back_as_it_went_in() {
        let says = Says::Sentence(
            Sentence::GenderMismatch,
            vec![
                ("a".into(), Arg::Text("张 三".into())),
                ("b".into(), Arg::Int(-3)),
                (
                    "c".into(),
                    Arg::Date(NaiveDate::from_ymd_opt(2003, 5, 1).unwrap()),
                ),
                ("d".into(), Arg::Gender(Gender::Female)),
                ("e".into(), Arg::IdType(IdType::Passport)),
                ("f".into(), Arg::Level(Level::Senior)),
            ],
        );
        let json = to_json(&says).unwrap();
        assert_eq!(from_stored(Some(&json), String::new()).unwrap(), says);
    }

    #[test]
    fn a_problem_stored_before_migration_008_reads_as_its_message() {
        let says = from_stored(None, "姓名为空".into()).unwrap();
        assert_eq!(says, Says::Text("姓名为空".into()));
    }

    #[test]
    fn unknown_words_are_reported_as_corrupt_not_guessed() {
        let bad = r#"{"sentence":"no_such","args":[]}"#;
        assert!(matches!(
            from_stored(Some(bad), String::new()),
            Err(StoreError::Corrupt(_))
        ));
    }
}
