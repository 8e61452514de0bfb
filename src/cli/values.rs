//! Flag values as Go's `flag` and `strconv` packages read them: booleans, integers in any
//! of Go's bases, floats, and byte sizes (`2gb`).

use super::UsageError;

/// Go's `strconv.ParseBool`; a missing value means true.
pub(super) fn parse_bool(name: &str, value: Option<&str>) -> Result<bool, UsageError> {
    match value {
        None => Ok(true),
        Some("1" | "t" | "T" | "TRUE" | "true" | "True") => Ok(true),
        Some("0" | "f" | "F" | "FALSE" | "false" | "False") => Ok(false),
        Some(v) => Err(UsageError(format!(
            "invalid boolean value {v:?} for -{name}"
        ))),
    }
}

/// Go's `strconv.ParseInt(s, 0, 64)`: decimal, `0x` hex, `0o`/leading-0 octal, `0b` binary.
pub(super) fn parse_int(name: &str, s: &str) -> Result<i64, UsageError> {
    let err = || UsageError(format!("invalid value {s:?} for -{name}: not an integer"));
    let (neg, body) = match s.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let body = body.replace('_', "");
    let (radix, digits) = if let Some(d) = body.strip_prefix("0x").or(body.strip_prefix("0X")) {
        (16, d.to_string())
    } else if let Some(d) = body.strip_prefix("0b").or(body.strip_prefix("0B")) {
        (2, d.to_string())
    } else if let Some(d) = body.strip_prefix("0o").or(body.strip_prefix("0O")) {
        (8, d.to_string())
    } else if body.len() > 1 && body.starts_with('0') {
        (8, body[1..].to_string())
    } else {
        (10, body)
    };
    let v = i64::from_str_radix(&digits, radix).map_err(|_| err())?;
    Ok(if neg { -v } else { v })
}

/// A float flag's value (NaN refused).
pub(super) fn parse_float(name: &str, s: &str) -> Result<f64, UsageError> {
    s.parse::<f64>()
        .ok()
        .filter(|f| !f.is_nan())
        .ok_or_else(|| UsageError(format!("invalid value {s:?} for -{name}: not a number")))
}

/// A byte size such as `2gb`, `500MB`, `1048576`.
pub fn parse_size(s: &str) -> Option<u64> {
    let lower = s.trim().to_ascii_lowercase();
    let split = lower
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(lower.len());
    let (num, unit) = lower.split_at(split);
    let n: u64 = num.parse().ok()?;
    let mult: u64 = match unit.trim() {
        "" | "b" => 1,
        "kb" | "k" => 1 << 10,
        "mb" | "m" => 1 << 20,
        "gb" | "g" => 1 << 30,
        "tb" | "t" => 1 << 40,
        _ => return None,
    };
    n.checked_mul(mult)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_number_rules() {
        assert_eq!(parse_int("n", "0x10").ok(), Some(16));
        assert_eq!(parse_int("n", "010").ok(), Some(8));
        assert_eq!(parse_int("n", "-3").ok(), Some(-3));
        assert!(parse_int("n", "1.5").is_err());
        assert_eq!(parse_size("2gb"), Some(2 << 30));
        assert_eq!(parse_size("12"), Some(12));
        assert_eq!(parse_size("x"), None);
    }
}
