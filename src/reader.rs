//! Reading a case, and a profile's [`Tree`], from JSON-like values without
//! serde, for the page's WebAssembly.
//!
//! Why by hand: serde's derived readers are made again for every type of
//! the case and every kind of input, and with the reader of JS values they
//! were the largest part of the page's WebAssembly (about 25 KB of its
//! 90 KB gzip). This walk reads the same fields with the same defaults and
//! refuses the same values, and words each problem exactly as serde would
//! ("unknown variant `walk`, expected one of …", "missing field `days`"),
//! so that [`serde_error`] puts it into the same plain words as for the
//! CLI, naming the same field (`needs[2].end`). `tests/reader.rs` compares
//! it with the CLI's serde reader on right and wrong cases.
//!
//! The values come from any [`Input`]: a [`Tree`] (the page's JS values
//! arrive as the text of `JSON.stringify`, read by [`crate::json::parse`];
//! see `src/wasm.rs`), or, in the tests, serde_json's made into one. The
//! walk borrows the tree and copies only the texts it keeps: taking each
//! value apart by move left drop code for every field in the page's
//! WebAssembly (about 0.7 KB gzip more).

use crate::config;
use crate::error::{read_error, InputError, Wrong};
use crate::model::{
    Answer, Case, MonthlyNeed, Need, NeedKind, NightWindow, Notes, Person, Place, Settings,
};
use crate::profile::{Names, Tree};
use crate::time::{Date, Day, Days, TimeOfDay};

/// A JSON-like value that can become a [`Tree`]: the page's values are one
/// already (read from the text of `JSON.stringify` by [`crate::json::parse`]),
/// the tests' serde_json values are converted.
pub trait Input {
    fn into_tree(self) -> Tree;
}

impl Input for Tree {
    fn into_tree(self) -> Tree {
        self
    }
}

/// Reads a case, or gives the first problem with its field, as an error
/// for people.
pub fn read_case<V: Input>(value: V) -> Result<Case, InputError> {
    case(&value.into_tree()).map_err(Problem::into_error)
}

/// Reads any value into a [`Tree`] (a municipality profile, before it is
/// checked), refusing values nested deeper than
/// [`config::MAX_PROFILE_DEPTH`] before the stack could overflow.
pub fn read_tree<V: Input>(value: V) -> Result<Tree, InputError> {
    let value = value.into_tree();
    check_depth(&value, 0).map_err(Problem::into_error)?;
    Ok(value)
}

// ------------------------------------------------------------------------
// Problems, worded as serde words them
// ------------------------------------------------------------------------

/// A problem, and where: the field path is built from the inside out as
/// the problem passes up through each object key and list index.
struct Problem {
    field: String,
    wrong: Wrong,
}

type Read<T> = Result<T, Problem>;

impl Problem {
    fn new(wrong: Wrong) -> Problem {
        Problem {
            field: String::new(),
            wrong,
        }
    }
    fn into_error(self) -> InputError {
        read_error(self.field, self.wrong)
    }
    /// The same problem, one level further out: under `key` of an object.
    fn under_key(mut self, key: &str) -> Problem {
        self.field = if self.field.is_empty() {
            key.to_string()
        } else if self.field.starts_with('[') {
            key.to_string() + &self.field
        } else {
            key.to_string() + "." + &self.field
        };
        self
    }
    /// The same problem, one level further out: at `index` of a list.
    fn at_index(mut self, index: usize) -> Problem {
        let mut outer = String::from("[");
        outer += &crate::json::unsigned_text(index as u64);
        outer.push(']');
        self.field = if self.field.is_empty() || self.field.starts_with('[') {
            outer + &self.field
        } else {
            outer + "." + &self.field
        };
        self
    }
}

/// A number as serde sees one from JS: whole numbers (up to 2^53, where
/// every whole number is exact) as integers, so that `"age": 45` reads as
/// an i64 and `4.5` does not.
enum Number {
    Unsigned(u64),
    Signed(i64),
    Float(f64),
}

fn number(x: f64) -> Number {
    const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_992.0;
    if x.fract() == 0.0 && x.abs() <= MAX_SAFE_INTEGER {
        if x >= 0.0 {
            Number::Unsigned(x as u64)
        } else {
            Number::Signed(x as i64)
        }
    } else {
        Number::Float(x)
    }
}

/// "invalid type: string \"x\", expected u8".
fn refused<T>(_shape: &Tree, expected: &str) -> Read<T> {
    Err(Problem::new(Wrong::Expected(expected.to_string())))
}

/// "invalid value: integer `300`, expected u8".
fn out_of_range<T>(_x: f64, expected: &str) -> Read<T> {
    Err(Problem::new(Wrong::Expected(expected.to_string())))
}

/// The choices as serde's message lists them, without its quotes:
/// "a", "a or b", "a, b, c". A plain loop, not `join`: the standard
/// library's join is about 1 KB of the page's WebAssembly.
pub(crate) fn choices(names: &[&str]) -> String {
    let between = if names.len() == 2 { " or " } else { ", " };
    let mut text = String::new();
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            text.push_str(between);
        }
        text.push_str(name);
    }
    text
}

fn unknown_field<T>(key: &str) -> Read<T> {
    Err(Problem::new(Wrong::UnknownField(key.to_string())).under_key(key))
}

fn missing(name: &str) -> Problem {
    Problem::new(Wrong::MissingField(name.to_string()))
}

// ------------------------------------------------------------------------
// The shapes of the case
// ------------------------------------------------------------------------

/// A struct's fields, in the order written, or the problem with it.
fn object<'t>(shape: &'t Tree, expected: &str) -> Read<&'t [(String, Tree)]> {
    match shape {
        Tree::Map(fields) => Ok(fields),
        other => refused(other, expected),
    }
}

/// A list, each item read by `item` (through the one walk in [`each`]).
fn list<T>(shape: &Tree, mut item: impl FnMut(&Tree) -> Read<T>) -> Read<Vec<T>> {
    let mut items = Vec::new();
    each(shape, &mut |v| {
        items.push(item(v)?);
        Ok(())
    })?;
    Ok(items)
}

/// Reads each item of a list with `item`; problems are named at the item's
/// index. Takes `item` as `&mut dyn`, not generic, so the page's
/// WebAssembly has one copy of the walk rather than one per item type.
fn each(shape: &Tree, item: &mut dyn FnMut(&Tree) -> Read<()>) -> Read<()> {
    match shape {
        Tree::List(values) => {
            for (i, v) in values.iter().enumerate() {
                item(v).map_err(|e| e.at_index(i))?;
            }
            Ok(())
        }
        other => refused(other, "a sequence"),
    }
}

fn option<T>(shape: &Tree, some: impl Fn(&Tree) -> Read<T>) -> Read<Option<T>> {
    match shape {
        Tree::Null => Ok(None),
        other => some(other).map(Some),
    }
}

fn text(shape: &Tree) -> Read<String> {
    match shape {
        Tree::Text(s) => Ok(s.clone()),
        other => refused(other, "a string"),
    }
}

fn flag(shape: &Tree) -> Read<bool> {
    match shape {
        Tree::Bool(b) => Ok(*b),
        other => refused(other, "a boolean"),
    }
}

/// A whole number from 0 to `max`, named as serde names its type ("u8").
fn unsigned(shape: &Tree, max: u64, expected: &str) -> Read<u64> {
    match shape {
        Tree::Number(x) => match number(*x) {
            Number::Unsigned(n) if n <= max => Ok(n),
            Number::Unsigned(_) | Number::Signed(_) => out_of_range(*x, expected),
            Number::Float(_) => refused(shape, expected),
        },
        other => refused(other, expected),
    }
}

fn whole(shape: &Tree) -> Read<i64> {
    match shape {
        Tree::Number(x) => match number(*x) {
            Number::Unsigned(n) => Ok(n as i64),
            Number::Signed(n) => Ok(n),
            Number::Float(_) => refused(shape, "i64"),
        },
        other => refused(other, "i64"),
    }
}

fn float(shape: &Tree) -> Read<f64> {
    match shape {
        Tree::Number(x) => Ok(match number(*x) {
            Number::Unsigned(n) => n as f64,
            Number::Signed(n) => n as f64,
            Number::Float(x) => x,
        }),
        other => refused(other, "f64"),
    }
}

/// One of an enum's names ("personal"), as serde's derive reads it, from
/// the enum's one name table ([`Names`], shared with the profile reader).
fn choice<E: Names>(shape: &Tree, enum_name: &str) -> Read<E> {
    let (names, values) = E::NAMES;
    position(shape, names, enum_name).map(|i| values[i])
}

/// Where the text is among `names`. Not generic over the enum, so the page's
/// WebAssembly has one copy of it, not one per enum (about 0.5 KB gzip).
fn position(shape: &Tree, names: &[&str], enum_name: &str) -> Read<usize> {
    match shape {
        Tree::Text(s) => match names.iter().position(|n| *n == s) {
            Some(i) => Ok(i),
            None => Err(Problem::new(Wrong::UnknownVariant {
                choices: choices(names),
                value: s.clone(),
            })),
        },
        other => refused(other, &("enum ".to_string() + enum_name)),
    }
}

fn time(shape: &Tree) -> Read<TimeOfDay> {
    let s = text(shape)?;
    TimeOfDay::parse(&s).ok_or_else(|| Problem::new(Wrong::BadTime(s.clone())))
}

fn date(shape: &Tree) -> Read<Date> {
    let s = text(shape)?;
    Date::parse(&s).ok_or_else(|| Problem::new(Wrong::BadDate(s.clone())))
}

fn answer(shape: &Tree) -> Read<Answer> {
    choice(shape, "Answer")
}

fn need_kind(shape: &Tree) -> Read<NeedKind> {
    choice(shape, "NeedKind")
}

fn place(shape: &Tree) -> Read<Place> {
    choice(shape, "Place")
}

fn days(shape: &Tree) -> Read<Days> {
    let days = list(shape, |s| choice::<Day>(s, "Day"))?;
    Ok(days.into_iter().collect())
}

/// Reads each field of a struct with `field`, which answers `false` for a
/// name it does not know; problems are named under the field's key. Takes
/// `field` as `&mut dyn`, not generic, so the page's WebAssembly has one
/// copy of this walk rather than one per struct.
fn fields(
    shape: &Tree,
    expected: &str,
    field: &mut dyn FnMut(&str, &Tree) -> Read<bool>,
) -> Read<()> {
    for (key, value) in object(shape, expected)? {
        match field(key, value) {
            Ok(true) => {}
            Ok(false) => return unknown_field(key),
            Err(e) => return Err(e.under_key(key)),
        }
    }
    Ok(())
}

fn case(shape: &Tree) -> Read<Case> {
    let mut c = Case::default();
    fields(shape, "struct Case", &mut |key, v| {
        match key {
            "version" => c.version = unsigned(v, u64::from(u32::MAX), "u32")? as u32,
            "person" => c.person = person(v)?,
            "needs" => c.needs = list(v, need)?,
            "monthly" => c.monthly = list(v, monthly)?,
            "settings" => c.settings = settings(v)?,
            "notes" => c.notes = notes(v)?,
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(c)
}

fn person(shape: &Tree) -> Read<Person> {
    let mut p = Person::default();
    fields(shape, "struct Person", &mut |key, v| {
        match key {
            "age" => p.age = option(v, whole)?,
            "long_lasting" => p.long_lasting = option(v, answer)?,
            "granted_before_67" => p.granted_before_67 = option(v, answer)?,
            "applicant" => p.applicant = option(v, |s| choice(s, "Applicant"))?,
            "arbeidsleder" => p.arbeidsleder = option(v, |s| choice(s, "Arbeidsleder"))?,
            "current_services" => p.current_services = list(v, |s| choice(s, "CurrentService"))?,
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(p)
}

fn need(shape: &Tree) -> Read<Need> {
    let (mut kind, mut days_of, mut start, mut end) = (None, None, None, None);
    let (mut crosses_midnight, mut helpers, mut place_of) = (false, 1, Place::Home);
    let (mut continuous, mut label) = (false, String::new());
    fields(shape, "struct Need", &mut |key, v| {
        match key {
            "kind" => kind = Some(need_kind(v)?),
            "days" => days_of = Some(days(v)?),
            "start" => start = Some(time(v)?),
            "end" => end = Some(time(v)?),
            "crosses_midnight" => crosses_midnight = flag(v)?,
            "helpers" => helpers = unsigned(v, u64::from(u8::MAX), "u8")? as u8,
            "place" => place_of = place(v)?,
            "continuous" => continuous = flag(v)?,
            "label" => label = text(v)?,
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(Need {
        kind: kind.ok_or_else(|| missing("kind"))?,
        days: days_of.ok_or_else(|| missing("days"))?,
        start: start.ok_or_else(|| missing("start"))?,
        end: end.ok_or_else(|| missing("end"))?,
        crosses_midnight,
        helpers,
        place: place_of,
        continuous,
        label,
    })
}

fn monthly(shape: &Tree) -> Read<MonthlyNeed> {
    let (mut kind, mut hours) = (None, None);
    let (mut place_of, mut label) = (Place::Home, String::new());
    fields(shape, "struct MonthlyNeed", &mut |key, v| {
        match key {
            "kind" => kind = Some(need_kind(v)?),
            "hours_per_month" => hours = Some(float(v)?),
            "place" => place_of = place(v)?,
            "label" => label = text(v)?,
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(MonthlyNeed {
        kind: kind.ok_or_else(|| missing("kind"))?,
        hours_per_month: hours.ok_or_else(|| missing("hours_per_month"))?,
        place: place_of,
        label,
    })
}

fn settings(shape: &Tree) -> Read<Settings> {
    let mut s = Settings::default();
    fields(shape, "struct Settings", &mut |key, v| {
        match key {
            "night" => s.night = option(v, night)?,
            "assessment_date" => s.assessment_date = option(v, date)?,
            "lang" => s.lang = option(v, text)?,
            "municipality" => s.municipality = option(v, text)?,
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(s)
}

fn night(shape: &Tree) -> Read<NightWindow> {
    let (mut start, mut end) = (None, None);
    fields(shape, "struct NightWindow", &mut |key, v| {
        match key {
            "start" => start = Some(time(v)?),
            "end" => end = Some(time(v)?),
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(NightWindow {
        start: start.ok_or_else(|| missing("start"))?,
        end: end.ok_or_else(|| missing("end"))?,
    })
}

fn notes(shape: &Tree) -> Read<Notes> {
    let mut n = Notes::default();
    fields(shape, "struct Notes", &mut |key, v| {
        let slot = match key {
            "goal" => &mut n.goal,
            "help" => &mut n.help,
            "arbeidsleder" => &mut n.arbeidsleder,
            "aids" => &mut n.aids,
            "other" => &mut n.other,
            _ => return Ok(false),
        };
        *slot = text(v)?;
        Ok(true)
    })?;
    Ok(n)
}

// ------------------------------------------------------------------------
// Any value, as a profile's tree
// ------------------------------------------------------------------------

/// Checks that a profile's tree nests no deeper than
/// [`config::MAX_PROFILE_DEPTH`], naming the first value too deep.
fn check_depth(value: &Tree, depth: usize) -> Read<()> {
    if depth >= config::MAX_PROFILE_DEPTH {
        return Err(Problem::new(Wrong::TooDeep));
    }
    match value {
        Tree::List(items) => {
            for (i, v) in items.iter().enumerate() {
                check_depth(v, depth + 1).map_err(|e| e.at_index(i))?;
            }
        }
        Tree::Map(fields) => {
            for (k, v) in fields {
                check_depth(v, depth + 1).map_err(|e| e.under_key(k))?;
            }
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn choices_are_listed_as_serde_lists_them() {
        assert_eq!(super::choices(&[]), "");
        assert_eq!(super::choices(&["a"]), "a");
        assert_eq!(super::choices(&["a", "b"]), "a or b");
        assert_eq!(super::choices(&["a", "b", "c"]), "a, b, c");
    }
}
