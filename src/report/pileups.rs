//! Goroutine pile-ups in words: the few stacks that hold most goroutines of a goroutine
//! profile or dump, named the way an engineer reads `?debug=2` ("2,000 goroutines waiting
//! in runtime.chanrecv ← main.worker").
//!
//! Consumes merged traces (frame names leaf first, their labels, how many goroutines);
//! produces one line per pile-up. Words only: the Traces view shows the stacks themselves.

/// Runtime frames that only say "this goroutine is parked": the frame that matters is
/// the caller that parked it.
const PARKING: &[&str] = &[
    "runtime.gopark",
    "runtime.goparkunlock",
    "runtime.park_m",
    "runtime.mcall",
];

/// Functions a goroutine waits in (channels, select, locks, I/O, timers, conditions).
const WAITING: &[&str] = &[
    "runtime.chanrecv",
    "runtime.chanrecv1",
    "runtime.chanrecv2",
    "runtime.chansend",
    "runtime.chansend1",
    "runtime.selectgo",
    "runtime.block",
    "runtime.semacquire",
    "runtime.semacquire1",
    "runtime.netpollblock",
    "runtime.notetsleepg",
    "sync.runtime_Semacquire",
    "sync.runtime_SemacquireMutex",
    "sync.runtime_SemacquireRWMutex",
    "sync.runtime_SemacquireRWMutexR",
    "sync.runtime_notifyListWait",
    "internal/poll.runtime_pollWait",
    "time.Sleep",
];

/// Prefixes of the Go runtime and standard-library plumbing a pile-up is not named after.
const PLUMBING: &[&str] = &[
    "runtime.",
    "runtime/",
    "internal/",
    "sync.",
    "sync/",
    "time.",
    "syscall.",
    "net.",
    "net/http.(*conn)",
    "os.",
    "io.",
    "bufio.",
];

/// How many pile-ups are named at most.
pub const MAX_PILEUPS: usize = 5;

/// One merged stack of goroutines.
#[derive(Clone, Copy, Debug)]
pub struct PileupStack<'a> {
    /// Frame names, leaf first.
    pub frames: &'a [&'a str],
    /// The values of the `state` and `wait` labels (a goroutine dump's), if any.
    pub state: Option<&'a str>,
    /// See `state`.
    pub wait: Option<&'a str>,
    /// The `created_by` label of a dump: the function that started the goroutines.
    pub created_by: Option<&'a str>,
    /// How many goroutines.
    pub goroutines: i64,
}

/// Lines naming the pile-ups among `stacks` (heaviest first, as the Traces view orders
/// them): the stacks of at least two goroutines, at most [`MAX_PILEUPS`], each as
/// "N goroutines [state, wait] waiting in F ← G" where F is the first frame that is not
/// the scheduler's parking and G the first caller outside the runtime and standard plumbing.
/// `total` (all goroutines) gives each line its share.
pub fn pileup_lines(stacks: &[PileupStack<'_>], total: i64) -> Vec<String> {
    stacks
        .iter()
        .filter(|s| s.goroutines >= 2)
        .take(MAX_PILEUPS)
        .map(|s| pileup_line(s, total))
        .collect()
}

fn pileup_line(s: &PileupStack<'_>, total: i64) -> String {
    let names: Vec<&str> = s.frames.iter().map(|f| base_name(f)).collect();
    let at = names.iter().position(|n| !PARKING.contains(n)).unwrap_or(0);
    let place = names.get(at).copied().unwrap_or("?");
    // Parked by the scheduler, in a call that blocks, or in a dump's waiting state.
    let waiting = at > 0
        || WAITING.contains(&place)
        || s.state
            .is_some_and(|st| !matches!(st, "running" | "runnable" | "syscall"));
    let caller = names
        .iter()
        .skip(at + 1)
        .find(|n| !PLUMBING.iter().any(|p| n.starts_with(p)));
    let mut line = format!("{} goroutines", digits(s.goroutines));
    let how: Vec<&str> = [s.state, s.wait].into_iter().flatten().collect();
    if !how.is_empty() {
        line.push_str(&format!(" [{}]", how.join(", ")));
    }
    line.push_str(if waiting { " waiting in " } else { " in " });
    line.push_str(place);
    if let Some(c) = caller {
        line.push_str(" ← ");
        line.push_str(c);
    } else if let Some(c) = s.created_by {
        line.push_str(&format!(" (started by {c})"));
    }
    if total > 0 {
        let pct = s.goroutines as f64 * 100.0 / total as f64;
        line.push_str(&format!(" ({pct:.0}% of {})", digits(total)));
    }
    line
}

/// A frame's function name without pprof's `(inline)` mark.
fn base_name(frame: &str) -> &str {
    frame.strip_suffix(" (inline)").unwrap_or(frame)
}

/// `n` with thousands separators (`5,351`).
pub fn digits(n: i64) -> String {
    let s = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_waiting_call_and_the_user_caller() {
        let frames = [
            "runtime.gopark",
            "runtime.chanrecv",
            "runtime.chanrecv1",
            "main.worker",
            "main.main.func1",
        ];
        let s = PileupStack {
            frames: &frames,
            state: None,
            wait: None,
            created_by: None,
            goroutines: 2000,
        };
        assert_eq!(
            pileup_lines(&[s], 5351),
            ["2,000 goroutines waiting in runtime.chanrecv ← main.worker (37% of 5,351)"]
        );
        let dump = PileupStack {
            state: Some("chan receive"),
            wait: Some("10–60 min"),
            ..s
        };
        // A dump hides the runtime's frames: its state says it waits; who started it names it.
        let user = ["main.dumpReceive"];
        let dumped = PileupStack {
            frames: &user,
            state: Some("chan receive"),
            wait: Some("< 1 min"),
            created_by: Some("main.pileUp"),
            goroutines: 4,
        };
        assert_eq!(
            pileup_lines(&[dumped], 15),
            ["4 goroutines [chan receive, < 1 min] waiting in main.dumpReceive (started by main.pileUp) (27% of 15)"]
        );
        assert!(pileup_lines(&[dump], 0)[0]
            .starts_with("2,000 goroutines [chan receive, 10–60 min] waiting in"));
    }

    #[test]
    fn single_goroutines_and_running_code() {
        let one = ["main.lonely"];
        let busy = ["main.spin", "main.run"];
        let stacks = [
            PileupStack {
                frames: &busy,
                state: None,
                wait: None,
                created_by: None,
                goroutines: 3,
            },
            PileupStack {
                frames: &one,
                state: None,
                wait: None,
                created_by: None,
                goroutines: 1,
            },
        ];
        assert_eq!(
            pileup_lines(&stacks, 4),
            ["3 goroutines in main.spin ← main.run (75% of 4)"]
        );
        assert_eq!(digits(1234567), "1,234,567");
        assert_eq!(digits(-1000), "-1,000");
        assert_eq!(digits(999), "999");
    }
}
