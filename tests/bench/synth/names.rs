//! Go-style names and source paths for the runtime and library functions.
//!
//! Consumes a Go function name (`net/http.(*conn).serve`); produces its package path, a
//! stable hash of it, and the source file such a function lives in (under
//! `/usr/local/go/src` for the standard library, the module cache for third-party code).

/// Package path of a Go function name: up to the first `.` after the last `/`.
fn package_of(name: &str) -> &str {
    let slash = name.rfind('/').map_or(0, |i| i + 1);
    match name[slash..].find('.') {
        Some(dot) => &name[..slash + dot],
        None => name,
    }
}

/// FNV-1a hash of a name: deterministic across runs and platforms (unlike std's
/// `RandomState`), for picking line numbers and module versions from a name.
pub(super) fn hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    })
}

/// The Go source file of a `runtime` (or `runtime/internal/...`) function, guessed from
/// the words in its name (`mallocgc` → `malloc.go`); `proc.go` when nothing matches.
pub(super) fn runtime_file(name: &str) -> String {
    let n = name.to_ascii_lowercase();
    let file = [
        ("map", "map_faststr.go"),
        ("chan", "chan.go"),
        ("select", "select.go"),
        ("scan", "mgcmark.go"),
        ("grey", "mgcmark.go"),
        ("markroot", "mgcmark.go"),
        ("gcdrain", "mgcmark.go"),
        ("gcassist", "mgcmark.go"),
        ("gcbg", "mgc.go"),
        ("sweep", "mgcsweep.go"),
        ("scaveng", "mgcscavenge.go"),
        ("malloc", "malloc.go"),
        ("newobject", "malloc.go"),
        ("mcache", "mcache.go"),
        ("mcentral", "mcentral.go"),
        ("mheap", "mheap.go"),
        ("pagealloc", "mpagealloc.go"),
        ("futex", "lock_futex.go"),
        ("lock", "lock_futex.go"),
        ("epoll", "netpoll_epoll.go"),
        ("netpoll", "netpoll.go"),
        ("memmove", "memmove_amd64.s"),
        ("memclr", "memclr_amd64.s"),
        ("string", "string.go"),
        ("slice", "slice.go"),
        ("stack", "stack.go"),
        ("traceback", "traceback.go"),
        ("timer", "time.go"),
        ("nanotime", "time_nofake.go"),
        ("defer", "panic.go"),
        ("panic", "panic.go"),
        ("conv", "iface.go"),
        ("assert", "iface.go"),
        ("itab", "iface.go"),
        ("barrier", "mbarrier.go"),
        ("wbbuf", "mwbbuf.go"),
        ("sem", "sema.go"),
        ("goexit", "asm_amd64.s"),
        ("mcall", "asm_amd64.s"),
        ("systemstack", "asm_amd64.s"),
        ("syscall", "asm_linux_amd64.s"),
        ("duff", "duff_amd64.s"),
    ]
    .iter()
    .find(|(k, _)| n.contains(k))
    .map_or("proc.go", |(_, f)| f);
    let dir = if name.starts_with("runtime/internal/syscall") {
        "runtime/internal/syscall"
    } else {
        "runtime"
    };
    format!("/usr/local/go/src/{dir}/{file}")
}

/// The source file of a standard-library or third-party function: `<pkg>/<last>.go`,
/// in the Go tree or, for module paths (a `.` in the first element), the module cache.
pub(super) fn library_file(name: &str) -> String {
    let pkg = package_of(name);
    let last = pkg.rsplit('/').next().unwrap_or(pkg);
    let first = pkg.split('/').next().unwrap_or(pkg);
    if first.contains('.') {
        format!(
            "/home/ci/go/pkg/mod/{pkg}@v1.{}.0/{last}.go",
            hash(pkg) % 30
        )
    } else {
        format!("/usr/local/go/src/{pkg}/{last}.go")
    }
}
