//! The `synth_*` fixture profiles: built in code to exercise what real Go profiles never
//! contain — C++ and Rust names, several and duplicate mappings, unsymbolized addresses,
//! `drop_frames`, cancelling negative samples, empty stacks, odd units, deep recursion.
//! Their goldens come from `go tool pprof` (tests/fixtures/regen.sh), like every golden.

use pprofview::encode::{LabelArg, ProfileBuilder};

/// Every synthetic profile, by file stem.
pub fn profiles() -> Vec<(&'static str, ProfileBuilder)> {
    vec![
        ("synth_cpp", cpp()),
        ("synth_diff", diff()),
        ("synth_units", units()),
        ("synth_deep", deep()),
        ("synth_labels", labels()),
    ]
}

/// A C++ server: templates, operators, anonymous namespaces, inlining, two copies of one
/// library mapping (pprof merges them), unsymbolized library and vdso frames, allocator
/// frames removed by `drop_frames`, and a pre-demangled name that must keep its arguments.
fn cpp() -> ProfileBuilder {
    let mut b = ProfileBuilder::new(&[("samples", "count"), ("cpu", "nanoseconds")]);
    b.period("cpu", "nanoseconds", 10_000_000);
    b.time(1_700_000_000_123_000_000, 3_000_000_000);
    let bin = b.mapping("/opt/synth/bin/server", "b1d", 0x40_0000, 0x50_0000);
    let lib_a = b.mapping(
        "/opt/synth/lib/libstdc++.so.6",
        "cafe",
        0x7f00_0000_0000,
        0x7f00_0001_0000,
    );
    let lib_b = b.mapping(
        "/opt/synth/lib/libstdc++.so.6",
        "cafe",
        0x7f00_0010_0000,
        0x7f00_0011_0000,
    );
    let vdso = b.mapping("[vdso]", "", 0x7fff_0000_0000, 0x7fff_0000_2000);
    let f = |b: &mut ProfileBuilder, name: &str, file: &str| b.function(name, file);
    let main = f(&mut b, "main", "/proc/self/cwd/src/main.cc");
    let run = f(
        &mut b,
        "(anonymous namespace)::Bar::Run()",
        "src/../src/bar.cc",
    );
    let push = f(
        &mut b,
        "std::vector<int, std::allocator<int> >::push_back(int const&)",
        "/usr/include/c++/12/bits/stl_vector.h",
    );
    let op = f(&mut b, "Foo::operator()(int) const", "src/foo.cc");
    let step = f(&mut b, "worker<float>::step<3>(float*)", "src/worker.h");
    let alloc = f(
        &mut b,
        "tcmalloc::allocate(unsigned long)",
        "src/tcmalloc.cc",
    );
    let new = f(&mut b, "operator new(unsigned long)", "src/new.cc");
    let malloc = f(&mut b, "malloc", "src/malloc.c");
    let draw = b.function("Widget::draw(int)", "src/widget.cc");
    // A pre-demangled name: its system name differs, so pprof keeps it whole.
    b.message_mut().function[draw as usize - 1].system_name =
        b.string("Widget::draw(int) [clone .cold]");
    let l_main = b.location(&[(main, 12)], 0x40_1000, bin);
    let l_run = b.location(&[(run, 40)], 0x40_2000, bin);
    let l_run2 = b.location(&[(run, 44)], 0x40_2040, bin);
    let l_push = b.location(&[(push, 1100), (op, 7)], 0x40_3000, bin);
    let l_op = b.location(&[(op, 9)], 0x40_3100, bin);
    let l_step = b.location(&[(step, 3), (step, 30), (run, 50)], 0x40_4000, bin);
    let l_alloc = b.location(&[(new, 5), (alloc, 80)], 0x40_5000, bin);
    let l_malloc = b.location(&[(malloc, 2)], 0x40_6000, bin);
    let l_draw = b.location(&[(draw, 20)], 0x40_7000, bin);
    let l_lib1 = b.location(&[], 0x7f00_0000_1234, lib_a);
    let l_lib2 = b.location(&[], 0x7f00_0010_1234, lib_b);
    let l_lib3 = b.location(&[], 0x7f00_0010_4444, lib_b);
    let l_vdso = b.location(&[], 0x7fff_0000_0100, vdso);
    let l_unknown = b.location(&[], 0x9999, 0);
    let stacks: &[(&[u64], i64)] = &[
        (&[l_push, l_run, l_main], 120),
        (&[l_op, l_run, l_main], 40),
        (&[l_step, l_run2, l_run, l_main], 75),
        (&[l_run, l_run2, l_run, l_main], 5),
        (&[l_lib1, l_push, l_run, l_main], 22),
        (&[l_lib2, l_op, l_run, l_main], 18),
        (&[l_lib3, l_main], 3),
        (&[l_vdso, l_main], 7),
        (&[l_unknown, l_vdso], 2),
        (&[l_malloc, l_alloc, l_run, l_main], 30),
        (&[l_malloc, l_alloc], 4),
        (&[l_draw, l_main], 9),
    ];
    for (stack, n) in stacks {
        b.sample_locations(stack, &[*n, n * 10_000_000], &[]);
    }
    b.drop_frames("operator new|malloc", "");
    b
}

/// A diff-like heap profile: samples with equal stacks and labels (in different orders)
/// whose values cancel when pprof merges them, zero samples, empty stacks, labels,
/// duplicate and hidden comments, and a declared default sample type.
fn diff() -> ProfileBuilder {
    let mut b = ProfileBuilder::new(&[
        ("alloc_objects", "count"),
        ("alloc_space", "bytes"),
        ("inuse_objects", "count"),
        ("inuse_space", "bytes"),
    ]);
    b.default_sample_type("alloc_space");
    b.period("space", "bytes", 524_288);
    b.time(1_650_000_000_000_000_000, 10_000_000_000);
    b.comment("collected by synth")
        .comment("#build: hidden")
        .comment("collected by synth");
    b.mapping("/opt/synth/bin/alloc-heavy", "", 0x1000, 0x90000);
    let a = [
        ("region", LabelArg::Str("eu")),
        ("bytes", LabelArg::Num(4096, "")),
    ];
    let a_reordered = [
        ("bytes", LabelArg::Num(4096, "")),
        ("region", LabelArg::Str("eu")),
    ];
    let frames = |s: &str| s.split(';').map(str::to_string).collect::<Vec<_>>();
    type Row<'a> = (&'a str, [i64; 4], &'a [(&'a str, LabelArg<'a>)]);
    let rows: &[Row] = &[
        ("main;load;decode", [100, 409_600, 10, 40_960], &a),
        (
            "main;load;decode",
            [-60, -245_760, -6, -24_576],
            &a_reordered,
        ),
        ("main;load;decode", [-50, -204_800, -5, -20_480], &[]),
        (
            "main;serve;handle;json.Marshal",
            [3000, 96_000_000, 30, 960_000],
            &[],
        ),
        (
            "main;serve;handle;json.Marshal",
            [-3000, -96_000_000, -30, -960_000],
            &[],
        ),
        (
            "main;serve;handle;render",
            [700, 2_867_200, 70, 286_720],
            &[],
        ),
        (
            "main;serve;cache.Put",
            [12, 50_331_648, 12, 50_331_648],
            &[("bytes", LabelArg::Num(4_194_304, ""))],
        ),
        ("main;gc;sweep", [0, 0, 0, 0], &[]),
        ("", [5, 20_480, 5, 20_480], &[]),
        (
            "main;serve;handle+inl.fast",
            [40, 163_840, -4, -16_384],
            &[],
        ),
    ];
    for (stack, values, labels) in rows {
        let f = frames(stack);
        let f: Vec<&str> = f
            .iter()
            .map(String::as_str)
            .filter(|s| !s.is_empty())
            .collect();
        b.sample_with(&f, values, labels);
    }
    b
}

/// Units in every spelling pprof recognises (and some it does not), with a default
/// sample type that names no type (so the last one is used).
fn units() -> ProfileBuilder {
    let mut b = ProfileBuilder::new(&[
        ("events", "count"),
        ("wall", "milliseconds"),
        ("mem", "Bytes"),
        ("work", "gigagcu"),
        ("ticks", "cycles"),
    ]);
    b.default_sample_type("nope");
    b.time(1_600_000_000_000_000_000, 90_000);
    b.mapping("", "0123abcd", 0x1000, 0x2000);
    let rows: &[(&str, [i64; 5])] = &[
        ("main;a;b", [1, 1500, 3 << 20, 2, 1_000_000_000]),
        ("main;a;c", [2, 25, 700, 0, 3]),
        ("main;d", [7, 3_600_000, 5 << 30, 7000, 12]),
        ("main;d;e;f", [1, 1, 1, 1, 1]),
    ];
    for (stack, values) in rows {
        let f: Vec<&str> = stack.split(';').collect();
        b.sample(&f, values);
    }
    b
}

/// Deep stacks: 300-level recursion and long chains sharing prefixes.
fn deep() -> ProfileBuilder {
    let mut b = ProfileBuilder::new(&[("samples", "count"), ("cpu", "nanoseconds")]);
    for depth in [1usize, 7, 50, 299] {
        let mut frames = vec!["main".to_string()];
        frames.extend((0..depth).map(|_| "pkg.recurse".to_string()));
        frames.push("pkg.leaf".to_string());
        let f: Vec<&str> = frames.iter().map(String::as_str).collect();
        b.sample(&f, &[depth as i64, depth as i64 * 10_000_000]);
    }
    for len in [10usize, 120, 200] {
        let mut frames = vec!["main".to_string()];
        frames.extend((0..len).map(|i| format!("chain.f{i:03}")));
        let f: Vec<&str> = frames.iter().map(String::as_str).collect();
        b.sample(&f, &[1, 10_000_000]);
    }
    b
}

/// Labels of every kind pprof's label filters and reports read: string keys with several
/// values on one sample and a space in a value; numeric keys with a unit (`lat` in `ms`),
/// without one (`request` counts as bytes, `count` is its own unit), with two units (`size`:
/// `bytes`, then `kilobytes`, which pprof notes on stderr), with and without a unit on one
/// sample, negative; a key holding a string on one sample and a number on another; samples
/// without labels.
fn labels() -> ProfileBuilder {
    let mut b = ProfileBuilder::new(&[("samples", "count"), ("wall", "nanoseconds")]);
    b.period("wall", "nanoseconds", 10_000_000);
    b.time(1_710_000_000_000_000_000, 5_000_000_000);
    b.mapping("/opt/synth/bin/labelled", "", 0x1000, 0x9000);
    let (s, n) = (LabelArg::Str, LabelArg::Num);
    type Row<'a> = (&'a str, i64, Vec<(&'a str, LabelArg<'a>)>);
    let rows: Vec<Row> = vec![
        (
            "main;serve;parse",
            3,
            vec![
                ("thread", s("main")),
                ("route", s("a")),
                ("route", s("b")),
                ("lat", n(2, "ms")),
                ("request", n(2048, "")),
                ("size", n(4096, "bytes")),
            ],
        ),
        (
            "main;serve;render",
            5,
            vec![
                ("thread", s("worker 1")),
                ("route", s("a")),
                ("lat", n(15, "ms")),
                ("lat", n(700, "")),
            ],
        ),
        (
            "main;serve;render;json.Marshal",
            6,
            vec![
                ("thread", s("worker 2")),
                ("size", n(2, "kilobytes")),
                ("request", n(512, "")),
            ],
        ),
        ("main;idle", 4, vec![]),
        (
            "main;serve;parse",
            1,
            vec![("mixed", s("x")), ("count", n(3, "")), ("lat", n(-3, "ms"))],
        ),
        (
            "main;gc",
            2,
            vec![("mixed", n(7, "")), ("count", n(12, ""))],
        ),
        (
            "main;serve;parse+inl.helper",
            1,
            vec![("thread", s("main")), ("route", s("b"))],
        ),
        (
            "main;serve;render",
            2,
            vec![("thread", s("worker 1")), ("size", n(1024, "bytes"))],
        ),
    ];
    for (stack, count, labels) in rows {
        let f: Vec<&str> = stack.split(';').collect();
        b.sample_with(&f, &[count, count * 10_000_000], &labels);
    }
    b
}
