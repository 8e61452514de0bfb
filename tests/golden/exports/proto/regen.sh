#!/bin/sh
# Regenerates the goldens of tests/exports.rs's proto round trips: for each case, the
# profile `pprofview proto FILTERS VIEW PROFILES` writes, then `go tool pprof -top
# -symbolize=none VIEW` of it (Go 1.19). Run from anywhere; needs go and a built
# target/debug/pprofview (cargo build --features cli).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
bin="$root/target/debug/pprofview"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root/tests/fixtures/profiles"
export TZ=UTC
# NAME|PROFILES|FILTERS|VIEW, as ROUND_TRIPS in tests/exports.rs.
while IFS='|' read -r name profiles filters view; do
    # shellcheck disable=SC2086
    "$bin" proto $filters $view $profiles > "$tmp/$name.pb.gz"
    # shellcheck disable=SC2086
    go tool pprof -top -symbolize=none $view "$tmp/$name.pb.gz" > "$here/$name.txt" 2>/dev/null
    echo "wrote $name.txt"
done <<'CASES'
go_cpu|go_cpu.pb.gz||
go_cpu.focus|go_cpu.pb.gz|-focus=cpuA.func2|
go_cpu.ignore.hide.cum|go_cpu.pb.gz|-ignore=descend -hide=runtime|-cum
go_cpu.show.lines|go_cpu.pb.gz|-show=^main\.|-lines
go_cpu.show_from|go_cpu.pb.gz|-show_from=runFor|
go_cpu.hide.focus.noinlines|go_cpu.pb.gz|-hide=fold -focus=absorb|-noinlines
go_block.prune_from.contentions|go_block.pb.gz|-prune_from=runtime|-sample_index=contentions
go_allocs.tagfocus.focus.alloc_space|go_allocs.pb.gz|-tagfocus=64kb: -focus=flate|-sample_index=alloc_space
go_allocs.tagignore.inuse_space.files|go_allocs.pb.gz|-tagignore=4kb:|-sample_index=inuse_space -files
synth_labels.tagroot.tagleaf|synth_labels.pb.gz|-tagroot=route -tagleaf=thread|
synth_labels.tagfocus.taghide|synth_labels.pb.gz|-tagfocus=route=a -taghide=thread|
go_cpu.base|go_cpu.pb.gz|-base=go_cpu_b.pb.gz|
go_cpu.base.normalize|go_cpu.pb.gz|-base=go_cpu_b.pb.gz -normalize|
go_cpu.diff_base.focus|go_cpu.pb.gz|-diff_base=go_cpu_b.pb.gz -focus=main|
go_heap_after.diff_base.inuse_space|go_heap_after.pb.gz|-diff_base=go_heap_before.pb.gz|-sample_index=inuse_space
go_cpu+go_cpu_b.prune_from.filefunctions|go_cpu.pb.gz go_cpu_b.pb.gz|-prune_from=runFor|-filefunctions
go_heap.show_from.hide.alloc_space|go_heap.pb.gz|-show_from=main -hide=runtime|-sample_index=alloc_space
CASES
