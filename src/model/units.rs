//! Units of sample values and their formatting, exactly as pprof prints them.
//!
//! Mirrors pprof's `internal/measurement`: three unit families (bytes, time, Google
//! compute units), unit sniffing from free-form strings (`"nanoseconds"`, `"Bytes"`, `"ms"`),
//! scaling between units, automatic unit choice, and the `ScaledLabel` and `Percentage`
//! text forms. Number formatting goes through [`go_fixed`] and [`go_general`], which
//! reproduce Go's `%.Nf` and `%.Ng` digit for digit.

use std::borrow::Cow;

struct Unit {
    name: &'static str,
    aliases: &'static [&'static str],
    factor: f64,
}

struct Family {
    units: &'static [Unit],
    default_name: &'static str,
    default_factor: f64,
}

const fn u(name: &'static str, aliases: &'static [&'static str], factor: f64) -> Unit {
    Unit {
        name,
        aliases,
        factor,
    }
}

static FAMILIES: [Family; 3] = [
    Family {
        units: &[
            u("B", &["b", "byte"], 1.0),
            u("kB", &["kb", "kbyte", "kilobyte"], 1024.0),
            u("MB", &["mb", "mbyte", "megabyte"], 1048576.0),
            u("GB", &["gb", "gbyte", "gigabyte"], 1073741824.0),
            u("TB", &["tb", "tbyte", "terabyte"], 1099511627776.0),
            u("PB", &["pb", "pbyte", "petabyte"], 1125899906842624.0),
        ],
        default_name: "B",
        default_factor: 1.0,
    },
    Family {
        units: &[
            u("ns", &["ns", "nanosecond"], 1.0),
            u("us", &["μs", "us", "microsecond"], 1e3),
            u("ms", &["ms", "millisecond"], 1e6),
            u("s", &["s", "sec", "second"], 1e9),
            u("hrs", &["hour", "hr"], 3.6e12),
        ],
        default_name: "s",
        default_factor: 1e9,
    },
    Family {
        units: &[
            u("n*GCU", &["nanogcu"], 1e-9),
            u("u*GCU", &["microgcu"], 1e-6),
            u("m*GCU", &["milligcu"], 1e-3),
            u("GCU", &["gcu"], 1.0),
            u("k*GCU", &["kilogcu"], 1e3),
            u("M*GCU", &["megagcu"], 1e6),
            u("G*GCU", &["gigagcu"], 1e9),
            u("T*GCU", &["teragcu"], 1e12),
            u("P*GCU", &["petagcu"], 1e15),
        ],
        default_name: "GCU",
        default_factor: 1.0,
    },
];

impl Family {
    /// pprof's `sniffUnit`: lower-case, drop one trailing "s" when longer than 2 bytes.
    fn sniff(&self, unit: &str) -> Option<&Unit> {
        let lower = unit.to_lowercase();
        let key = if lower.len() > 2 {
            lower.strip_suffix('s').unwrap_or(&lower)
        } else {
            &lower
        };
        self.units.iter().find(|u| u.aliases.contains(&key))
    }

    fn auto_scale(&self, v: f64) -> Option<(f64, &'static str)> {
        let mut f = 0.0;
        let mut name = "";
        for u in self.units {
            if u.factor >= f && v / u.factor >= 1.0 {
                f = u.factor;
                name = u.name;
            }
        }
        (f != 0.0).then(|| (v / f, name))
    }

    fn convert(&self, value: i64, from: &str, to: &str) -> Option<(f64, &'static str)> {
        let from = self.sniff(from)?;
        let v = value as f64 * from.factor;
        if to == "minimum" || to == "auto" {
            return Some(
                self.auto_scale(v)
                    .unwrap_or((v / self.default_factor, self.default_name)),
            );
        }
        Some(match self.sniff(to) {
            Some(t) => (v / t.factor, t.name),
            None => (v / self.default_factor, self.default_name),
        })
    }
}

/// Converts `value` in `from` units to `to` units (or, for `to` = `"minimum"`/`"auto"`, to
/// the largest unit of its family that keeps it ≥ 1). Returns the scaled value and the unit
/// name to print; unknown units give the value unchanged and an empty unit for
/// `count`/`sample`/`unit`/`minimum`/`auto`, else `to` itself. This is pprof's `Scale`.
pub fn scale<'a>(value: i64, from: &str, to: &'a str) -> (f64, Cow<'a, str>) {
    if value < 0 && value != i64::MIN {
        let (v, u) = scale(-value, from, to);
        return (-v, u);
    }
    for family in &FAMILIES {
        if let Some((v, u)) = family.convert(value, from, to) {
            return (v, Cow::Borrowed(u));
        }
    }
    match to {
        "count" | "sample" | "unit" | "minimum" | "auto" => (value as f64, Cow::Borrowed("")),
        _ => (value as f64, Cow::Borrowed(to)),
    }
}

/// Whether two unit strings belong to the same family (or are equal).
pub fn same_family(a: &str, b: &str) -> bool {
    a == b
        || FAMILIES
            .iter()
            .any(|f| f.sniff(a).is_some() && f.sniff(b).is_some())
}

/// pprof's `ScaledLabel`: the value scaled to `to`, printed with two decimals, a trailing
/// `.00` removed, and the unit appended; zero prints as `0`.
pub fn scaled_label(value: i64, from: &str, to: &str) -> String {
    let (v, unit) = scale(value, from, to);
    let text = go_fixed(v, 2);
    let text = text.strip_suffix(".00").unwrap_or(&text);
    if text == "0" || text == "-0" {
        return "0".to_string();
    }
    format!("{text}{unit}")
}

/// pprof's `Label`: [`scaled_label`] with automatic unit choice.
pub fn label(value: i64, unit: &str) -> String {
    scaled_label(value, unit, "auto")
}

/// pprof's `Percentage`: `|value/total|` as a 6-character percentage (`"  100%"`,
/// `"12.34%"`, `" 0.5%"`, `"0.017%"`); zero total gives `"    0%"`.
pub fn percentage(value: i64, total: i64) -> String {
    let ratio = if total != 0 {
        (value as f64 / total as f64).abs() * 100.0
    } else {
        0.0
    };
    if (99.95..=100.05).contains(&ratio) {
        "  100%".to_string()
    } else if ratio >= 1.0 {
        format!("{:>5}%", go_fixed(ratio, 2))
    } else {
        format!("{:>5}%", go_general(ratio, 2))
    }
}

/// Go's `%.{decimals}f`.
pub fn go_fixed(v: f64, decimals: usize) -> String {
    if v.is_nan() {
        return "NaN".to_string();
    }
    if v.is_infinite() {
        return if v > 0.0 { "+Inf" } else { "-Inf" }.to_string();
    }
    // Rust and Go both round the exact binary value half-to-even.
    format!("{v:.decimals$}")
}

/// Go's `%.{precision}g` (strconv.FormatFloat with format 'g' and an explicit precision).
pub fn go_general(v: f64, precision: usize) -> String {
    if v.is_nan() {
        return "NaN".to_string();
    }
    if v.is_infinite() {
        return if v > 0.0 { "+Inf" } else { "-Inf" }.to_string();
    }
    let precision = precision.max(1);
    let sign = if v.is_sign_negative() { "-" } else { "" };
    if v == 0.0 {
        return format!("{sign}0");
    }
    let e = format!("{:.*e}", precision - 1, v.abs());
    let (mantissa, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
    }
    let nd = digits.len() as i32;
    let dp = exp + 1;
    let mut eprec = precision as i32;
    if eprec > nd && nd >= dp {
        eprec = nd;
    }
    if exp < -4 || exp >= eprec {
        let mut out = format!("{sign}{}", &digits[..1]);
        if nd > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let (esign, eabs) = if exp < 0 { ('-', -exp) } else { ('+', exp) };
        out.push_str(&format!("e{esign}{eabs:02}"));
        return out;
    }
    let body = if dp <= 0 {
        format!("0.{}{}", "0".repeat((-dp) as usize), digits)
    } else if dp >= nd {
        format!("{}{}", digits, "0".repeat((dp - nd) as usize))
    } else {
        format!("{}.{}", &digits[..dp as usize], &digits[dp as usize..])
    };
    format!("{sign}{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn general_matches_go() {
        // Expected strings printed by Go's fmt.Sprintf("%.2g", v).
        let cases = [
            (0.125, "0.12"),
            (0.5, "0.5"),
            (1.0, "1"),
            (0.015, "0.015"),
            (12.345, "12"),
            (99.995, "1e+02"),
            (0.0125, "0.013"),
            (0.00001234, "1.2e-05"),
            (0.995, "0.99"),
            (0.0, "0"),
            (0.0001, "0.0001"),
            (123456.0, "1.2e+05"),
        ];
        for (v, want) in cases {
            assert_eq!(go_general(v, 2), want, "{v}");
        }
    }

    #[test]
    fn percentage_matches_pprof() {
        assert_eq!(percentage(1, 1), "  100%");
        assert_eq!(percentage(0, 5), "    0%");
        assert_eq!(percentage(1, 0), "    0%");
        assert_eq!(percentage(4, 24029), "0.017%");
        assert_eq!(percentage(1, 200), "  0.5%");
        assert_eq!(percentage(-3, 4), "75.00%");
    }

    #[test]
    fn scaled_labels_match_pprof() {
        assert_eq!(scaled_label(1_100_000_000, "nanoseconds", "s"), "1.10s");
        assert_eq!(scaled_label(2_000_000_000, "nanoseconds", "auto"), "2s");
        assert_eq!(scaled_label(20 << 20, "bytes", "kB"), "20480kB");
        assert_eq!(scaled_label(0, "bytes", "MB"), "0");
        assert_eq!(scaled_label(5, "count", "minimum"), "5");
        assert_eq!(scaled_label(7, "cycles", "count"), "7");
        assert_eq!(scaled_label(-1_500_000, "ns", "ms"), "-1.50ms");
        assert_eq!(scaled_label(3_600_000_000_000, "ns", "auto"), "1hrs");
    }

    #[test]
    fn sniffing_follows_pprof_quirks() {
        assert_eq!(scale(1, "Bytes", "auto").1, "B");
        assert_eq!(scale(1500, "milliseconds", "auto").1, "s");
        // "μs" is 3 bytes long, so pprof strips its "s" and no longer recognises it.
        assert_eq!(scale(1, "μs", "ns").1, "ns");
        assert_eq!(scale(1, "μs", "ns").0, 1.0);
        assert!(same_family("ms", "nanoseconds"));
        assert!(!same_family("bytes", "count"));
    }
}
