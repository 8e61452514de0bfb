//! Flame graph colours: a frame's fill is derived from its package name alone, so one
//! package has one colour in every profile, view and run, whatever order frames come in.
//!
//! Consumes a package key (see `names::package_name`; pprof uses the file's directory
//! for file-only frames) and a [`Palette`]; produces [`Rgb`] values and CSS strings. Boxes
//! stay light with dark text in both page themes. Must not touch the browser, use
//! randomness or depend on a hasher whose output may change (`std`'s `DefaultHasher`).

/// An sRGB colour, 8 bits a channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Rgb {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
}

impl Rgb {
    /// The colour with these channels.
    pub const fn new(r: u8, g: u8, b: u8) -> Self {
        Rgb { r, g, b }
    }

    /// CSS hex notation, lower case: `#rrggbb`.
    pub fn css(&self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// Each channel moved `num/den` of the way towards `to`, rounded to nearest.
    fn mix(self, to: Rgb, num: u16, den: u16) -> Rgb {
        let ch = |a: u8, b: u8| {
            let (a, b) = (u16::from(a), u16::from(b));
            let v = (a * (den - num) + b * num + den / 2) / den;
            u8::try_from(v).unwrap_or(u8::MAX)
        };
        Rgb::new(ch(self.r, to.r), ch(self.g, to.g), ch(self.b, to.b))
    }

    /// Rec. 601 luma, 0..=255.
    fn luma(self) -> u8 {
        let v = (299 * u32::from(self.r) + 587 * u32::from(self.g) + 114 * u32::from(self.b) + 500)
            / 1000;
        u8::try_from(v).unwrap_or(u8::MAX)
    }
}

/// The set of fills frames are coloured from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Palette {
    /// The default: light pastels all around the hue circle, as pprof draws them
    /// (`hsl(h, 50%, 80%)`, hue stepped by the golden ratio), black text reads on all.
    #[default]
    Warm,
    /// Paul Tol's "light" qualitative scheme (<https://personal.sron.nl/~pault/>,
    /// "Colour schemes and templates", designed for labelled cells with black text and
    /// distinct for colour-blind viewers), without its pale grey, which would read as a
    /// [`dimmed`] frame.
    ColourBlind,
}

/// Paul Tol's light scheme: light blue, orange, light yellow, pink, light cyan, mint,
/// pear, olive.
const TOL_LIGHT: [Rgb; 8] = [
    Rgb::new(0x77, 0xaa, 0xdd),
    Rgb::new(0xee, 0x88, 0x66),
    Rgb::new(0xee, 0xdd, 0x88),
    Rgb::new(0xff, 0xaa, 0xbb),
    Rgb::new(0x99, 0xdd, 0xff),
    Rgb::new(0x44, 0xbb, 0x99),
    Rgb::new(0xbb, 0xcc, 0x33),
    Rgb::new(0xaa, 0xaa, 0x00),
];

/// 64-bit FNV-1a (offset basis 0xcbf29ce484222325, prime 0x100000001b3) of `bytes`:
/// fixed by its definition, so colours never change between runs, builds or targets.
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The fill of a frame whose package (colour key) is `package`.
///
/// The key is hashed with 64-bit FNV-1a over its UTF-8 bytes. [`Palette::Warm`] takes the
/// hash's top 20 bits as a colour number `n` (pprof's range) and uses pprof's
/// `makeColor`: hue = fractional part of `(n + 1) · φ` turns, saturation 50%, lightness
/// 80%. [`Palette::ColourBlind`] picks one of its eight colours by the hash's top 32 bits
/// (FNV-1a's low bits mix worst).
pub fn frame_colour(package: &str, palette: Palette) -> Rgb {
    let hash = fnv1a64(package.as_bytes());
    match palette {
        Palette::Warm => {
            let n = (hash >> 44) + 1;
            // frac(n·φ) = frac(n·(φ−1)); (φ−1)·2^64 = 0x9e3779b97f4a7c15.
            let turn = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
            // The top 53 bits are exact in an f64.
            let hue = (turn >> 11) as f64 / (1u64 << 53) as f64 * 360.0;
            hsl(hue, 0.5, 0.8)
        }
        Palette::ColourBlind => {
            let i = usize::try_from((hash >> 32) % TOL_LIGHT.len() as u64).unwrap_or(0);
            TOL_LIGHT[i]
        }
    }
}

/// CSS's HSL to RGB (`hue` in degrees, `saturation` and `lightness` in 0..=1), each
/// channel rounded to nearest (halves up, as browsers do).
fn hsl(hue: f64, saturation: f64, lightness: f64) -> Rgb {
    let chroma = (1.0 - (2.0 * lightness - 1.0).abs()) * saturation;
    let sector = hue.rem_euclid(360.0) / 60.0;
    let x = chroma * (1.0 - (sector.rem_euclid(2.0) - 1.0).abs());
    let (r, g, b) = match sector as u8 {
        0 => (chroma, x, 0.0),
        1 => (x, chroma, 0.0),
        2 => (0.0, chroma, x),
        3 => (0.0, x, chroma),
        4 => (x, 0.0, chroma),
        _ => (chroma, 0.0, x),
    };
    let m = lightness - chroma / 2.0;
    // The small epsilon keeps exact halves (0.9 · 255 = 229.5) from rounding down
    // through binary representation error.
    let ch = |v: f64| ((v + m) * 255.0 + 0.5 + 1e-9).floor().clamp(0.0, 255.0) as u8;
    Rgb::new(ch(r), ch(g), ch(b))
}

/// The fill of an inlined frame: the frame's [`frame_colour`] `c` taken 40% of the way
/// to white, so it stays in the same hue family but reads as lighter.
pub fn inlined(c: Rgb) -> Rgb {
    c.mix(Rgb::new(0xff, 0xff, 0xff), 2, 5)
}

/// The fill of a frame that does not match the current search: `c` almost fully
/// desaturated (a fifth of its own colour left over its luma grey) and then lightened
/// halfway towards a light grey (`#e4e4e4`); black text still reads on it.
pub fn dimmed(c: Rgb) -> Rgb {
    let luma = c.luma();
    let grey = c.mix(Rgb::new(luma, luma, luma), 4, 5);
    grey.mix(Rgb::new(0xe4, 0xe4, 0xe4), 1, 2)
}

/// The colour of frame labels, on every palette, variant and theme: black, as in pprof.
pub const fn text_colour() -> Rgb {
    Rgb::new(0, 0, 0)
}

/// WCAG 2 contrast ratio of two colours (for tests of legibility).
#[cfg(test)]
pub(crate) fn contrast(a: Rgb, b: Rgb) -> f64 {
    let lum = |c: Rgb| {
        let lin = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b)
    };
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> Vec<String> {
        let mut keys: Vec<String> = (0..2000).map(|i| format!("github.com/p{i}/pkg")).collect();
        keys.extend(["", "main", "runtime", "std", "日本", "é", "::", "/"].map(String::from));
        keys
    }

    #[test]
    fn css_is_hex() {
        assert_eq!(Rgb::new(0, 0x0f, 0xff).css(), "#000fff");
        assert_eq!(text_colour().css(), "#000000");
    }

    #[test]
    fn fnv1a_matches_its_definition() {
        // Published FNV-1a 64 test vectors.
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn hsl_matches_css() {
        // What browsers compute for pprof's hsl(h, 50%, 80%).
        assert_eq!(hsl(0.0, 0.5, 0.8), Rgb::new(230, 179, 179));
        assert_eq!(hsl(120.0, 0.5, 0.8), Rgb::new(179, 230, 179));
        assert_eq!(hsl(240.0, 0.5, 0.8), Rgb::new(179, 179, 230));
        assert_eq!(hsl(60.0, 0.5, 0.8), Rgb::new(230, 230, 179));
        assert_eq!(hsl(300.0, 0.5, 0.8), Rgb::new(230, 179, 230));
        assert_eq!(hsl(359.999, 0.5, 0.8), Rgb::new(230, 179, 179));
        assert_eq!(hsl(360.0, 0.5, 0.8), hsl(0.0, 0.5, 0.8));
    }

    #[test]
    fn colours_are_stable() {
        // Fixed forever: a change here recolours every flame graph users know. The
        // values were computed independently (Python: FNV-1a, colorsys.hls_to_rgb).
        for (key, warm, colour_blind) in [
            ("main", "#e6b3d4", "#eedd88"),
            ("runtime", "#e6bdb3", "#99ddff"),
            ("", "#e6c3b3", "#99ddff"),
            ("std", "#b3e6ce", "#ee8866"),
            ("日本", "#e6d8b3", "#44bb99"),
        ] {
            assert_eq!(frame_colour(key, Palette::Warm).css(), warm, "{key}");
            assert_eq!(frame_colour(key, Palette::ColourBlind).css(), colour_blind);
        }
        assert_eq!(Palette::default(), Palette::Warm);
        for k in keys() {
            for p in [Palette::Warm, Palette::ColourBlind] {
                assert_eq!(frame_colour(&k, p), frame_colour(&k.clone(), p));
            }
        }
    }

    #[test]
    fn colours_spread() {
        let keys = keys();
        let warm: std::collections::HashSet<Rgb> = keys
            .iter()
            .map(|k| frame_colour(k, Palette::Warm))
            .collect();
        assert!(warm.len() > 250, "{}", warm.len());
        let mut counts = [0usize; TOL_LIGHT.len()];
        for k in &keys {
            let c = frame_colour(k, Palette::ColourBlind);
            let i = TOL_LIGHT.iter().position(|&t| t == c);
            counts[i.unwrap_or_else(|| panic!("{c:?} not in the palette"))] += 1;
        }
        // Each of the 8 colours gets roughly its eighth (≈250) of the keys.
        assert!(
            counts.iter().all(|&n| (180..320).contains(&n)),
            "{counts:?}"
        );
    }

    #[test]
    fn black_text_reads_on_every_fill() {
        let text = text_colour();
        let mut fills: Vec<Rgb> = TOL_LIGHT.to_vec();
        fills.extend((0..360).map(|h| hsl(f64::from(h), 0.5, 0.8)));
        for c in fills {
            // WCAG AAA for the fill and its inlined variant, AA once dimmed.
            assert!(contrast(c, text) >= 7.0, "{c:?}");
            assert!(contrast(inlined(c), text) >= 7.0, "{c:?}");
            assert!(contrast(dimmed(c), text) >= 7.0, "{c:?}");
        }
    }

    #[test]
    fn variants_differ_visibly() {
        for c in TOL_LIGHT
            .iter()
            .copied()
            .chain([hsl(0.0, 0.5, 0.8), hsl(200.0, 0.5, 0.8)])
        {
            let (i, d) = (inlined(c), dimmed(c));
            assert!(i != c && d != c && i != d);
            // Lighter, with the same channel order (hue family).
            assert!(i.r >= c.r && i.g >= c.g && i.b >= c.b);
            let order = |x: Rgb| (x.r >= x.g, x.g >= x.b, x.r >= x.b);
            assert_eq!(order(i), order(c), "{c:?}");
            // Dimmed: almost grey.
            let spread = |x: Rgb| x.r.max(x.g).max(x.b) - x.r.min(x.g).min(x.b);
            assert!(spread(d) * 5 <= spread(c).max(5), "{c:?} {d:?}");
            assert_eq!(inlined(Rgb::new(255, 255, 255)), Rgb::new(255, 255, 255));
        }
    }
}
