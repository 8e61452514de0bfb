//! Property tests of the query's two spellings: the link format (`state::url`) and the CLI's
//! flags (`Query::to_flags`, `cli::parse`). Any view state survives being written to a link
//! and read back (every query, view, zoom, function, search, sort and flame option); links
//! of every older format version read as their upgraders say; any query survives the flags;
//! no fragment, argument list or query, however broken, makes anything panic.

mod filter_support;

use pprofview::cli::{self, Command};
use pprofview::layout::Orientation;
use pprofview::query::SiblingOrder;
use pprofview::query::{
    label_table, top_table, CallTree, Field, Granularity, Prepared, Query, FIELDS,
};
use pprofview::render::Palette;
use pprofview::session::{TopColumn, TopSort};
use pprofview::state::display::ViewOptions;
use pprofview::state::{UrlState, View};
use proptest::prelude::*;
use std::sync::Arc;

/// Any text, including the characters the format uses (`&`, `=`, `#`, `%`, `+`, spaces).
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9./:?&=#%+ ()|\\\\^$*-]{0,24}",
        any::<String>().prop_map(|s| s.chars().take(24).collect()),
    ]
}

fn url() -> impl Strategy<Value = String> {
    prop_oneof![
        "https://[a-z]{1,8}\\.internal/[a-z0-9/._%?&=+ -]{0,20}",
        "[a-z0-9_-]{1,8}(/[a-z0-9_.-]{1,8}){0,2}\\.pb\\.gz",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn fragment_round_trip(state in view_state()) {
        let (back, warnings) = UrlState::parse(&state.to_fragment());
        // Only the kept keys of later versions are reported.
        prop_assert_eq!(warnings.len(), state.kept.len(), "{:?}", warnings);
        prop_assert_eq!(back, state);
    }

    // A version-1 link (one `p` for the zoom and the callers view's function) opens the
    // same view: the function is the last name of `p` in the callers and peek views.
    #[test]
    fn version_1_links_upgrade(state in view_state(), versioned in any::<bool>()) {
        let v1 = UrlState { function: String::new(), ..state };
        let fragment = v1.to_fragment();
        let fragment = fragment.strip_prefix("v=2").unwrap_or(&fragment);
        let fragment = if versioned { format!("v=1{fragment}") } else { fragment.trim_start_matches('&').to_string() };
        let (back, _) = UrlState::parse(&fragment);
        let mut want = v1.clone();
        if matches!(v1.view, View::Sandwich | View::Peek) {
            want.function = v1.p.last().cloned().unwrap_or_default();
        }
        prop_assert_eq!(back, want);
    }

    #[test]
    fn any_fragment_parses(fragment in any::<String>()) {
        let (state, _) = UrlState::parse(&fragment);
        // Whatever it read, it can write and read again to the same state.
        let (again, _) = UrlState::parse(&state.to_fragment());
        prop_assert_eq!(again, state);
    }
}

/// Every view state a page can reach: profiles (URLs, or local file names when none),
/// any query, any available view, zoom path, function, search, table sort and flame
/// options, and keys of later versions kept as they were.
fn view_state() -> impl Strategy<Value = UrlState> {
    let views = vec![
        View::Flame,
        View::Top,
        View::Sandwich,
        View::Peek,
        View::Source,
        View::Traces,
        View::Tags,
        View::Details,
    ];
    let columns: Vec<TopColumn> = TopColumn::ALL.into_iter().chain(TopColumn::DIFF).collect();
    let name = || text().prop_filter("a frame has a name", |n| !n.is_empty());
    (
        (
            prop::collection::vec(url(), 0..3),
            prop::collection::vec(name(), 0..2),
        ),
        query(prop_oneof![regex_text(), meta_text()].boxed()),
        (
            prop::sample::select(views),
            text(),
            prop::collection::vec(name(), 0..4),
            text(),
        ),
        (
            prop::option::of((prop::sample::select(columns), any::<bool>())),
            any::<[bool; 3]>(),
        ),
        (
            prop::collection::vec(("[a-z]{1,3}", text()), 0..3),
            prop::collection::vec("[0-9a-f]{16}", 0..3),
            "([A-Za-z0-9_-]{4,40})?",
            prop_oneof![
                Just(String::new()),
                "https://[a-z]{1,8}\\.example/[a-z/]{0,8}\\{file\\}",
                "[a-z]{0,4}/?\\{file\\}(\\?[a-z&=%+ ]{0,6})?",
            ],
        ),
    )
        .prop_map(
            |(
                (urls, files),
                query,
                (view, q, p, function),
                (sort, flame),
                (kept, sha, embed, src),
            )| {
                let kept = kept
                    .into_iter()
                    .filter(|(k, _)| {
                        ![
                            "v", "url", "view", "q", "p", "fn", "file", "sort", "order", "orient",
                            "palette", "sha", "src", "embed",
                        ]
                        .contains(&k.as_str())
                    })
                    .filter(|(k, _)| Field::by_link(k).is_none())
                    .collect();
                // An embedded profile is the link's profile: no URL, no file name beside it.
                let embed = if urls.is_empty() {
                    embed
                } else {
                    String::new()
                };
                UrlState {
                    files: if urls.is_empty() && embed.is_empty() {
                        files
                    } else {
                        Vec::new()
                    },
                    embed,
                    urls,
                    query,
                    view,
                    q,
                    p,
                    function,
                    src,
                    sha,
                    options: ViewOptions {
                        sort: sort.map(|(column, descending)| TopSort { column, descending }),
                        order: if flame[0] {
                            SiblingOrder::ByName
                        } else {
                            SiblingOrder::ByWeight
                        },
                        orientation: if flame[1] {
                            Orientation::Flame
                        } else {
                            Orientation::Icicle
                        },
                        palette: if flame[2] {
                            Palette::ColourBlind
                        } else {
                            Palette::Warm
                        },
                    },
                    kept,
                }
            },
        )
}

/// Regex text as users type it: escaped arbitrary text and pieces with the characters links
/// and flags treat specially (`&`, `=`, `%`, `+`, space, `;`, `,`, `#`), unicode, classes,
/// anchors. Mostly valid Go regexes; the rest are refused, which the properties check too.
fn regex_text() -> BoxedStrategy<String> {
    let piece = prop_oneof![
        4 => any::<String>().prop_map(|s| regex::escape(&s.chars().take(6).collect::<String>())),
        9 => prop::sample::select(vec![
            "&", "=", "%", "a+", " ", ";", ",", "é", "日本", "%20", "%3D", "a|b", "(x)", "[a-z]",
            "^", "$", ".*", "\\.", "\\d", "#", "x?", "-", "--", "~", "\\Q+*\\E", "k=", "\\b",
            "1kb:", ":64mb", "main\\.", "(?i)Foo", "[&=]", "\\pL", "{",
        ])
        .prop_map(str::to_string),
        // Rarely, what no regex accepts.
        1 => prop::sample::select(vec!["(", "[", ")", "*"]).prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..5)
        .prop_map(|p| p.concat())
        .boxed()
}

/// Text with every regex metacharacter, for inputs that are mostly not valid regexes.
fn meta_text() -> BoxedStrategy<String> {
    prop_oneof![
        r"[\\\[\](){}^$.|*+?:&~<>QEdswbpPkx0-9a-z=,;% -]{0,12}",
        any::<String>().prop_map(|s| s.chars().take(12).collect()),
    ]
    .boxed()
}

fn granularity() -> impl Strategy<Value = Option<Granularity>> {
    prop::option::of(prop::sample::select(vec![
        Granularity::Functions,
        Granularity::FileFunctions,
        Granularity::Files,
        Granularity::Lines,
        Granularity::Addresses,
    ]))
}

/// 0–2 base profiles: URLs (`https://h/p3.pb.gz`, or with the characters links escape)
/// and relative paths (`x.pb.gz`).
fn bases() -> impl Strategy<Value = Vec<String>> {
    let one = prop_oneof![
        2 => (0..100u32).prop_map(|n| format!("https://h/p{n}.pb.gz")),
        2 => "[a-z0-9_-]{1,8}\\.pb\\.gz",
        1 => url(),
    ];
    prop::collection::vec(one, 0..3)
}

/// A query with `text` in every text field, random flags and granularity, and a
/// comparison: base profiles (`-base`), or, only when there are none, `-diff_base` ones;
/// `-normalize` (also without a base, which validation refuses) and `-drop_negative`.
fn query(text: BoxedStrategy<String>) -> impl Strategy<Value = Query> {
    let opt = move || prop_oneof![1 => Just(String::new()), 1 => text.clone()];
    (
        (opt(), opt(), opt(), opt(), opt(), opt()),
        (opt(), opt(), opt(), opt(), opt(), opt()),
        (any::<[bool; 3]>(), granularity(), "[a-z_0-9 =&%+-]{0,8}"),
        (bases(), bases(), any::<[bool; 2]>()),
    )
        .prop_map(
            |((f, i, h, s, sf, pf), (tf, ti, ts, th, tr, tl), (b, g, si), (base, diff, cmp))| {
                Query {
                    sample_index: si,
                    mean: b[0],
                    granularity: g,
                    noinlines: b[1],
                    focus: f,
                    ignore: i,
                    hide: h,
                    show: s,
                    show_from: sf,
                    prune_from: pf,
                    tagfocus: tf,
                    tagignore: ti,
                    tagshow: ts,
                    taghide: th,
                    tagroot: tr,
                    tagleaf: tl,
                    relative_percentages: b[2],
                    diff_base: if base.is_empty() { diff } else { Vec::new() },
                    base,
                    normalize: cmp[0],
                    drop_negative: cmp[1],
                }
            },
        )
}

/// An argument list: report names, every flag in its spellings, values, stray text.
fn argv() -> impl Strategy<Value = Vec<String>> {
    let names: Vec<&str> = FIELDS
        .iter()
        .map(|f| f.name)
        .chain([
            "functions",
            "lines",
            "files",
            "nodecount",
            "nodefraction",
            "trim",
            "cum",
            "flat",
            "unit",
            "max_inflated",
            "symbolize",
            "inuse_space",
            "mean_delay",
            "base",
            "h",
        ])
        .collect();
    let arg = prop_oneof![
        2 => (prop::sample::select(names.clone()), prop_oneof![Just("-"), Just("--")])
            .prop_map(|(n, d)| format!("{d}{n}")),
        3 => (prop::sample::select(names), meta_text()).prop_map(|(n, v)| format!("-{n}={v}")),
        1 => prop::sample::select(vec!["top", "tags", "traces", "text", "-", "--", "f.pb.gz"])
            .prop_map(str::to_string),
        2 => meta_text(),
    ];
    prop::collection::vec(arg, 0..8)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    // query → link → query: every field, any text (valid regex or not), reads back equal
    // and without warnings.
    #[test]
    fn every_query_survives_the_link(q in query(prop_oneof![regex_text(), meta_text()].boxed())) {
        let state = UrlState { query: q, ..UrlState::default() };
        let (back, warnings) = UrlState::parse(&state.to_fragment());
        prop_assert!(warnings.is_empty(), "{:?}", warnings);
        prop_assert_eq!(back, state);
    }

    // query → flags → query: `pprofview top FLAGS… f.pb.gz` reads the same query back when
    // its regexes compile, and refuses it (a usage error) when one does not.
    #[test]
    fn every_query_survives_the_flags(q in query(regex_text())) {
        let mut args = vec!["top".to_string()];
        args.extend(q.to_flags());
        args.push("f.pb.gz".to_string());
        match (q.validate(), cli::parse(&args)) {
            (Ok(()), Ok(Command::Run(inv))) => {
                prop_assert_eq!(&inv.query, &q, "{:?}", args);
                prop_assert_eq!(inv.query.to_flags(), q.to_flags());
                prop_assert_eq!(inv.profiles, vec!["f.pb.gz".to_string()]);
            }
            (Err(e), Err(usage)) => prop_assert_eq!(usage.0, e.to_string()),
            (v, r) => prop_assert!(false, "validate {:?} but parse {:?} for {:?}", v, r, args),
        }
    }

    // Any argument list parses or is refused, never a panic; what it accepts validates.
    #[test]
    fn any_argv_parses(args in argv()) {
        if let Ok(Command::Run(inv)) = cli::parse(&args) {
            prop_assert!(inv.query.validate().is_ok(), "{:?}", inv.query);
        }
    }

    // Any query, however broken its regexes and keys, is compiled against a profile or
    // refused, never a panic; a query that does not compile is refused; the reports of
    // one that compiles are made. (The base rules of `validate`, such as -normalize needing
    // a base, are load-time rules: the base is applied when the profile is loaded, and
    // `Prepared` sees only the result.)
    #[test]
    fn any_query_prepares_or_is_refused(
        s in filter_support::samples(true),
        q in query(meta_text()),
        fragment in any::<String>(),
    ) {
        let p = Arc::new(filter_support::build(&s));
        for q in [q, UrlState::parse(&fragment).0.query] {
            match Prepared::new(&p, &q, "minimum") {
                Ok(prepared) => {
                    prop_assert!(q.compile().is_ok());
                    let g = q.granularity_or(Granularity::Functions);
                    let _ = top_table(&prepared, &filter_support::all_nodes());
                    let _ = CallTree::build(&prepared, g);
                    let _ = label_table(&prepared, "minimum");
                }
                Err(_) if q.compile().is_err() => {}
                Err(e) => {
                    // Only the sample type may be what is wrong.
                    let si = Query { sample_index: q.sample_index.clone(), ..Query::default() };
                    prop_assert!(Prepared::new(&p, &si, "minimum").is_err(), "{}: {:?}", e, q);
                }
            }
        }
    }
}
