//! The `drop_frames` / `keep_frames` patterns pprof gives legacy profiles by kind
//! (`addLegacyFrameInfo`): allocator frames for heap profiles, lock internals for
//! contention profiles, CPU-profiler signal frames for everything else. pprofview prunes
//! with them at load time as it does for any profile.

/// Which list a legacy profile gets, decided by its sample types as pprof decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frames {
    /// Sample types of a heap profile.
    Heap,
    /// `contentions`, `delay`.
    Contention,
    /// Anything else (goroutine, threadcreate, CPU).
    Other,
}

/// Allocation entry points: C, tcmalloc, macOS zones, Go's runtime, C++ allocators.
const ALLOCATORS: &[&str] = &[
    "calloc",
    "cfree",
    "malloc",
    "free",
    "memalign",
    "do_memalign",
    "(__)?posix_memalign",
    "pvalloc",
    "valloc",
    "realloc",
    "tcmalloc::.*",
    "tc_calloc",
    "tc_cfree",
    "tc_malloc",
    "tc_free",
    "tc_memalign",
    "tc_posix_memalign",
    "tc_pvalloc",
    "tc_valloc",
    "tc_realloc",
    "tc_new",
    "tc_delete",
    "tc_newarray",
    "tc_deletearray",
    "tc_new_nothrow",
    "tc_newarray_nothrow",
    "malloc_zone_malloc",
    "malloc_zone_calloc",
    "malloc_zone_valloc",
    "malloc_zone_realloc",
    "malloc_zone_memalign",
    "malloc_zone_free",
    r"runtime\..*",
    "BaseArena::.*",
    "(::)?do_malloc_no_errno",
    "(::)?do_malloc_pages",
    "(::)?do_malloc",
    "DoSampledAllocation",
    "MallocedMemBlock::MallocedMemBlock",
    "_M_allocate",
    "__builtin_(vec_)?delete",
    "__builtin_(vec_)?new",
    "__gnu_cxx::new_allocator::allocate",
    "__libc_malloc",
    "__malloc_alloc_template::allocate",
    "allocate",
    "cpp_alloc",
    r"operator new(\[\])?",
    "simple_alloc::allocate",
];

/// Go runtime frames kept although `runtime\..*` matches them.
const ALLOCATOR_KEEP: &[&str] = &[
    r"runtime\.panic",
    r"runtime\.reflectcall",
    r"runtime\.call[0-9]*",
];

/// Lock-profiling internals.
const LOCKING: &[&str] = &[
    "RecordLockProfileData",
    "(base::)?RecordLockProfileData.*",
    "(base::)?SubmitMutexProfileData.*",
    "(base::)?SubmitSpinLockProfileData.*",
    "(base::Mutex::)?AwaitCommon.*",
    "(base::Mutex::)?Unlock.*",
    "(base::Mutex::)?UnlockSlow.*",
    "(base::Mutex::)?ReaderUnlock.*",
    "(base::MutexLock::)?~MutexLock.*",
    "(Mutex::)?AwaitCommon.*",
    "(Mutex::)?Unlock.*",
    "(Mutex::)?UnlockSlow.*",
    "(Mutex::)?ReaderUnlock.*",
    "(MutexLock::)?~MutexLock.*",
    "(SpinLock::)?Unlock.*",
    "(SpinLock::)?SlowUnlock.*",
    "(SpinLockHolder::)?~SpinLockHolder.*",
];

/// CPU-profiler signal handling.
const PROFILER: &[&str] = &[
    "ProfileData::Add",
    "ProfileData::prof_handler",
    "CpuProfiler::prof_handler",
    "__pthread_sighandler",
    "__restore",
];

impl Frames {
    /// `(drop_frames, keep_frames)` as alternations.
    pub fn patterns(self) -> (String, String) {
        match self {
            Self::Heap => (ALLOCATORS.join("|"), ALLOCATOR_KEEP.join("|")),
            Self::Contention => (LOCKING.join("|"), String::new()),
            Self::Other => (PROFILER.join("|"), String::new()),
        }
    }

    /// The list for a profile with these sample type names.
    pub fn of_types(types: &[&str]) -> Self {
        const HEAP: &[&[&str]] = &[
            &["allocations", "size"],
            &["objects", "space"],
            &["inuse_objects", "inuse_space"],
            &["alloc_objects", "alloc_space"],
            &[
                "alloc_objects",
                "alloc_space",
                "inuse_objects",
                "inuse_space",
            ],
        ];
        if HEAP.contains(&types) {
            Self::Heap
        } else if types == ["contentions", "delay"] {
            Self::Contention
        } else {
            Self::Other
        }
    }
}
