//! The filter presets the page offers: the advice of the Go profiling guides ("find the widest
//! box that is your code") as ordinary filters, so each shows as the chip it sets.
//!
//! Consumes nothing; produces (field, regex) pairs in Go's regexp syntax.

/// A one-click filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// `data-testid` of its button.
    pub id: &'static str,
    /// Button text.
    pub label: &'static str,
    /// What it does, for the button's tooltip.
    pub help: &'static str,
    /// The query field it sets (pprof's name).
    pub field: &'static str,
    /// The value it sets.
    pub value: &'static str,
}

/// Go's runtime: the `runtime` package and its internal packages (`runtime/internal/…`,
/// `internal/runtime/…`), not `runtime/pprof` and the other standard packages under it.
pub const GO_RUNTIME: &str = r"^(runtime|runtime/internal/[a-z0-9]+|internal/runtime/[a-z0-9]+)\.";

/// Your code: `main` and packages of modules, whose import path starts with a domain
/// (`github.com/…`, `example.com/…`); Go's standard library and runtime have no dot in their
/// first path element.
pub const MY_CODE: &str = r"^(main\.|[^/.]+\.[^/]+/)";

/// The presets, in the order the page shows them.
pub const PRESETS: [Preset; 2] = [
    Preset {
        id: "preset-hide-runtime",
        label: "Hide Go runtime",
        help: "Hide the Go runtime's frames: their time goes to the code that called them",
        field: "hide",
        value: GO_RUNTIME,
    },
    Preset {
        id: "preset-my-code",
        label: "Only my code",
        help: "Show only frames of package main and of modules (Go's standard library and \
               runtime hidden)",
        field: "show",
        value: MY_CODE,
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::compile_go_regex;

    #[test]
    fn presets_name_what_they_say() {
        let runtime = compile_go_regex(GO_RUNTIME).expect("compiles");
        for hit in [
            "runtime.mallocgc",
            "runtime.(*mheap).alloc",
            "runtime/internal/syscall.Syscall6",
            "internal/runtime/atomic.Load",
        ] {
            assert!(runtime.is_match(hit), "{hit}");
        }
        for miss in [
            "runtime/pprof.StartCPUProfile",
            "main.runtime",
            "net/http.(*conn).serve",
        ] {
            assert!(!runtime.is_match(miss), "{miss}");
        }
        let mine = compile_go_regex(MY_CODE).expect("compiles");
        for hit in [
            "main.main",
            "main.(*server).handle.func1",
            "github.com/acme/svc/pkg.(*T).Method",
            "gopkg.in/yaml.v3.unmarshal",
        ] {
            assert!(mine.is_match(hit), "{hit}");
        }
        for miss in [
            "runtime.goexit",
            "net/http.(*conn).serve",
            "encoding/json.Marshal",
            "sync.(*Mutex).Lock",
            "domain.Func",
        ] {
            assert!(!mine.is_match(miss), "{miss}");
        }
    }
}
