#!/usr/bin/env python3
"""Where the time went, from a `perf record --call-graph dwarf` of certhours serve.

Reads `perf script` output (with call chains) on stdin and prints, as shares of all samples of the
recorded process:
  - by thread role (I/O threads, request workers, the store's writer, other);
  - inclusive shares of what the issue asks about (SQLite, statement preparation, JSON, auth and
    token check, Beast, allocation, kernel and syscalls, thread hand-offs, ...): a sample counts
    for a category when any frame of its stack matches;
  - self shares by library or kind of code (the frame the sample landed in);
  - the top symbols, self and inclusive.
Usage (docs/performance.md):
  perf script -i perf.data -F comm,tid,ip,sym,dso | python3 bench/perf_summary.py [--top 25] [--under NAME]...
--under NAME (repeatable): also how the samples under the function NAME (a prefix of its name)
split among its direct callees; --callers NAME: among the certhours functions nearest above it.
Prints figures; asserts nothing.
"""
import collections
import re
import sys

FRAME = re.compile(r"^\s*([0-9a-f]+)\s+(.*)\s+\(([^()]*)\)\s*$")

ALLOC = re.compile(r"^(malloc|free|cfree|calloc|realloc|_int_malloc|_int_free|_int_realloc|malloc_consolidate|"
                   r"unlink_chunk|tcache_\w+|sysmalloc|__libc_malloc|__libc_free|__libc_calloc|__libc_realloc|"
                   r"operator new|operator delete)")

HANDOFF = re.compile(r"scheduler::post|scheduler::wake_one_thread|strand_executor_service::(enqueue|post|dispatch)|"
                     r"posix_event::|pthread_cond_|futex")

# Inclusive categories: (name, predicate over (sym, dso)). Several may hold for one sample.
INCLUSIVE = [
    ("SQLite (all of libsqlite3)", lambda s, d: "libsqlite3" in d),
    ("  statement preparation (sqlite3_prepare*)", lambda s, d: s.startswith("sqlite3_prepare") or s.startswith("sqlite3LockAndPrepare")),
    ("  sqlite3_step", lambda s, d: s == "sqlite3_step"),
    ("  SQLiteCpp Statement constructed (prepare + wrapper)", lambda s, d: s.startswith("SQLite::Statement::Statement")),
    ("  transaction begin/commit (BEGIN, COMMIT, sqlite3_exec)", lambda s, d: s.startswith("sqlite3_exec")),
    ("auth: Api::authenticate / Auth::authenticate (token hash, session read)", lambda s, d: "Auth::authenticate" in s),
    ("  SHA-256 of the token (libsodium)", lambda s, d: "libsodium" in d),
    ("the handler: GET /officers/{id}/hours (handlers::officer_hours)", lambda s, d: "handlers::officer_hours" in s),
    ("the import's request on a worker (api import_csv: decode, parse, validate)",
     lambda s, d: s.startswith("certhours::api::") and "import_csv" in s),
    ("the import's writes on the store's writer thread (store::Imports::attendance job)",
     lambda s, d: s.startswith("certhours::store::Imports::attendance(")),
    ("  attendance rows inserted (insert_attendance, with its triggers)", lambda s, d: "store::insert_attendance" in s),
    ("  audit rows (append_audit)", lambda s, d: "store::append_audit" in s),
    ("  the time of day as text (now_rfc3339)", lambda s, d: "now_rfc3339" in s),
    ("dates formatted (format_date: date::format through an ostringstream)", lambda s, d: s.startswith("certhours::format_date")),
    ("dates parsed (parse_date)", lambda s, d: s.startswith("certhours::parse_date")),
    ("Boost.JSON (building, serializing, parsing)", lambda s, d: "boost::json::" in s),
    ("  serialize (boost::json::serialize)", lambda s, d: "boost::json::serialize" in s),
    ("JSON text written by the project's writer (api::to_text, lib/api/json_io.cpp)",
     lambda s, d: s.startswith("certhours::api::to_text")),
    ("Beast HTTP (parse, serialize, read, write)", lambda s, d: "boost::beast::http" in s),
    ("allocation (malloc/free/new/delete)", lambda s, d: bool(ALLOC.match(s))),
    ("kernel (syscalls, network, scheduler, page faults)", lambda s, d: d == "[kernel.kallsyms]"),
    ("  syscalls (entry_SYSCALL_64)", lambda s, d: s.startswith("entry_SYSCALL_64")),
    ("  futex (waking and waiting threads, contended locks)", lambda s, d: "futex" in s),
    ("  network send/recv (tcp_sendmsg, tcp_recvmsg)", lambda s, d: s in ("tcp_sendmsg", "tcp_recvmsg")),
    ("  epoll", lambda s, d: "epoll" in s),
    ("  context switches (__schedule)", lambda s, d: s == "__schedule"),
    ("  page faults", lambda s, d: s in ("asm_exc_page_fault", "exc_page_fault")),
    ("thread hand-offs: posting to another thread and waking it (asio post, condvar, futex)",
     lambda s, d: bool(HANDOFF.search(s))),
    ("access log / metrics / request ids (api::Api::finish, log, metrics)",
     lambda s, d: "Metrics::record" in s or "Impl::log" in s or "AccessLog" in s or "Impl::finish" in s),
]


def self_kind(sym, dso):
    if dso == "[kernel.kallsyms]":
        return "kernel"
    if "libsqlite3" in dso:
        return "libsqlite3"
    if ALLOC.match(sym):
        return "allocation (malloc/free)"
    if "libsodium" in dso:
        return "libsodium"
    if "libc.so" in dso:
        return "libc (memcpy, strings, locks)"
    if "libstdc++" in dso:
        return "libstdc++"
    if "boost::json" in sym:
        return "Boost.JSON"
    if "boost::beast" in sym:
        return "Boost.Beast"
    if "boost::asio" in sym:
        return "Boost.Asio"
    if "SQLite::" in sym:
        return "SQLiteCpp"
    if sym.startswith("certhours::") or "certhours::" in sym:
        return "certhours code"
    return "other (" + dso.rsplit("/", 1)[-1] + ")"


def role(stacks):
    """A thread's role from the frames its samples contain."""
    seen = set()
    for frames in stacks:
        for s, _ in frames:
            if "thread_pool::thread_function" in s or "thread_pool" in s:
                seen.add("pool")
            if "io_context::run" in s:
                seen.add("io")
            if "Api::handle" in s:
                seen.add("handle")
            if "store::Database" in s or "store::Writer" in s or "WriteQueue" in s:
                seen.add("store")
    if "pool" in seen and "handle" in seen:
        return "request workers (thread_pool, Api::handle)"
    if "io" in seen:
        return "I/O threads (io_context::run: Beast)"
    if "store" in seen:
        return "the store's own thread (writer)"
    if "pool" in seen:
        return "other thread_pool threads"
    return "other threads"


def short(sym, width=110):
    sym = re.sub(r"\(.*", "(…)", sym) if len(sym) > width else sym
    return sym if len(sym) <= width else sym[: width - 1] + "…"


def main():
    top = 25
    under, callers = [], []
    args = sys.argv[1:]
    while args:
        a = args.pop(0)
        if a == "--top":
            top = int(args.pop(0))
        elif a == "--under":
            under.append(args.pop(0))
        elif a == "--callers":
            callers.append(args.pop(0))
        else:
            sys.exit(__doc__)
    samples = []  # (tid, frames leaf first)
    tid, frames = None, []
    for line in sys.stdin:
        if not line.strip():
            if tid is not None:
                samples.append((tid, frames))
            tid, frames = None, []
            continue
        if line[0] not in " \t":
            parts = line.split()
            tid = parts[1] if len(parts) > 1 else "?"
            frames = []
            continue
        m = FRAME.match(line)
        if m:
            sym = m.group(2)
            sym = re.sub(r"\+0x[0-9a-f]+$", "", sym)
            frames.append((sym, m.group(3)))
            # An inlined function is listed before the function it was inlined into: its library
            # is that one's.
            for k in range(len(frames) - 2, -1, -1):
                if frames[k][1] != "inlined":
                    break
                frames[k] = (frames[k][0], m.group(3))
    if tid is not None:
        samples.append((tid, frames))
    samples = [(t, f) for t, f in samples if f]
    n = len(samples)
    if not n:
        print("no samples")
        return
    pct = lambda k: 100.0 * k / n

    print(f"{n} samples\n")
    by_tid = collections.defaultdict(list)
    for t, f in samples:
        by_tid[t].append(f)
    roles = collections.Counter()
    threads = collections.Counter()
    for t, stacks in by_tid.items():
        r = role(stacks)
        roles[r] += len(stacks)
        threads[r] += 1
    print("by thread role:")
    for r, k in roles.most_common():
        print(f"  {pct(k):5.1f}%  {r} ({threads[r]} threads)")

    print("\ninclusive (a sample counts when any frame of its stack matches):")
    for name, pred in INCLUSIVE:
        k = sum(1 for _, f in samples if any(pred(s, d) for s, d in f))
        if k:
            print(f"  {pct(k):5.1f}%  {name}")

    print("\nself, by library or kind of code (the frame the sample landed in):")
    kinds = collections.Counter(self_kind(*f[0]) for _, f in samples)
    for k, c in kinds.most_common():
        print(f"  {pct(c):5.1f}%  {k}")

    print(f"\ntop {top} symbols, self:")
    selfs = collections.Counter(f[0][0] for _, f in samples)
    for s, c in selfs.most_common(top):
        print(f"  {pct(c):5.1f}%  {short(s)}")

    print(f"\ntop {top} certhours / Boost / SQLiteCpp functions, inclusive:")
    incl = collections.Counter()
    for _, f in samples:
        for s in {s for s, d in f if s.startswith(("certhours::", "SQLite::", "sqlite3_", "boost::json::"))}:
            incl[s] += 1
    for s, c in incl.most_common(top):
        print(f"  {pct(c):5.1f}%  {short(s)}")

    for name in under:
        callees = collections.Counter()
        total = 0
        for _, f in samples:
            # The outermost frame of `name` (the stack is leaf first), and what it called.
            idx = max((i for i, (s, _) in enumerate(f) if s.startswith(name)), default=None)
            if idx is None:
                continue
            total += 1
            callees[f[idx - 1][0] if idx > 0 else "(self)"] += 1
        print(f"\nunder {name}: {pct(total):.1f}% of all samples; its direct callees (share of all samples):")
        for s, c in callees.most_common(top):
            print(f"  {pct(c):5.1f}%  {short(s)}")

    for name in callers:
        by = collections.Counter()
        total = 0
        for _, f in samples:
            idx = min((i for i, (s, _) in enumerate(f) if s.startswith(name)), default=None)
            if idx is None:
                continue
            total += 1
            above = next((s for s, _ in f[idx + 1:] if s.startswith("certhours::")), "(none)")
            by[above] += 1
        print(f"\n{name}: {pct(total):.1f}% of all samples; the nearest certhours function above it:")
        for s, c in by.most_common(top):
            print(f"  {pct(c):5.1f}%  {short(s)}")


if __name__ == "__main__":
    main()
