//! One-line explanations of the sample types that Go's runtime profiles carry.
//!
//! Consumes a sample type (name and unit); produces a sentence for the sample-type picker,
//! or an empty string for types it does not know. It must not guess: a type it cannot tell
//! apart (e.g. `delay` in block and mutex profiles) gets a sentence true for both.

/// What `name`/`unit` measures in a Go profile, in one line; empty when unknown.
pub fn sample_type_hint(name: &str, unit: &str) -> &'static str {
    match (name, unit) {
        ("samples", "count") => {
            "CPU samples: how many times the profiler found a goroutine running this code \
             (one every 10ms by default)."
        }
        ("cpu", "nanoseconds") => "CPU time: on-CPU time spent running this code (sampled).",
        ("alloc_objects", _) => {
            "Objects allocated since the program started, freed or not: where allocation \
             churn and GC pressure come from."
        }
        ("alloc_space", _) => {
            "Bytes allocated since the program started, freed or not: where allocation \
             churn and GC pressure come from."
        }
        ("inuse_objects", _) => {
            "Objects still live at the last garbage collection: what holds memory now."
        }
        ("inuse_space", _) => {
            "Bytes still live at the last garbage collection: the heap in use, by where it \
             was allocated."
        }
        ("contentions", "count") => {
            "Times goroutines waited: on channels, select and sync primitives (block \
             profile) or for a mutex another goroutine held (mutex profile)."
        }
        ("delay", "nanoseconds") => {
            "Time goroutines spent waiting: blocked on channels, select and sync primitives \
             (block profile), or on a contended mutex, charged to the Unlock (mutex profile)."
        }
        ("goroutine", "count") | ("goroutines", "count") => {
            "Goroutines, by the stack they were in when the profile was taken."
        }
        ("threadcreate", "count") => "OS threads created, by the stack that created them.",
        ("space", "bytes") => "Bytes (legacy heap profile).",
        ("objects", "count") => "Objects (legacy heap profile).",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_and_unknown_types() {
        assert!(sample_type_hint("inuse_space", "bytes").contains("live"));
        assert!(sample_type_hint("alloc_space", "bytes").contains("allocated"));
        assert_eq!(sample_type_hint("wall", "nanoseconds"), "");
    }
}
