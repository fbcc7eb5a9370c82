#!/usr/bin/env python3
"""kill -9 under load: every acknowledged write survives, imports are all or nothing, the file
stays sound.

    tests/fault/crash_test.py build/server/certhours [--cycles 3] [--seed N] [--clients 4]

Creates a demo database, then runs N cycles: start `certhours serve` on it, drive a mixed load
from several client threads (officer registrations, attendance records, roster and sign-in CSV
imports of a few hundred rows), kill -9 the server at a random moment, restart it, and check
against the database file:
  - every write answered 2xx is there (registrations by ID number and id, attendance by
    (training, ID number), every row of an acknowledged import), in this cycle and every
    earlier one;
  - every write that was in flight at the kill (no whole answer) is all there or not at all
    (an import's rows, a multi-record attendance post);
  - `PRAGMA integrity_check` is ok.
Exit status 0 when every cycle passed; the figures are printed either way. Python 3 stdlib only.
"""
import argparse
import os
import random
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from certhours_client import (TRANSPORT_ERRORS, Client, IdNumbers, Server, integrity_check,  # noqa: E402
                              run, snapshot)

KINDS = ("registration", "attendance", "officer_import", "attendance_import")
TRAININGS = 100


class Failure(Exception):
    pass


class Group:
    """One write request and what it should have created: `keys` are ID numbers (officers) or
    (training_id, ID number) pairs (attendance)."""

    def __init__(self, kind, keys, officer_id=None):
        self.kind, self.keys, self.officer_id = kind, keys, officer_id


class Load:
    """What the clients know: the officers and batches known to exist, which trainings each has
    attended, and the writes of the current cycle (acknowledged, or in flight at the kill)."""

    def __init__(self, rng, ids, units, trainings):
        self.rng, self.ids, self.units, self.trainings = rng, ids, units, trainings
        self.lock = threading.Lock()
        self.officers = []  # [idn, officer id, index of the next training]
        self.batches = []  # [ID numbers of one import, index of the next training]
        self.acked, self.unknown, self.errors = [], [], []
        self.killing = False
        self.seq = 0

    # --- choosing the next write (under the lock) ---
    def _ready(self, pool, idx, k):
        """k random entries of pool that have a training left (spent ones leave the pool)."""
        while pool:
            chosen = self.rng.sample(range(len(pool)), min(k, len(pool)))
            spent = [i for i in chosen if pool[i][idx] >= len(self.trainings)]
            if not spent:
                return [pool[i] for i in chosen]
            for i in sorted(spent, reverse=True):
                pool[i] = pool[-1]
                pool.pop()
        return None

    def _take_officers(self, k):
        chosen = self._ready(self.officers, 2, k)
        if not chosen:
            return None
        t = max(o[2] for o in chosen)
        if t >= len(self.trainings):
            return None
        for o in chosen:
            o[2] = t + 1
        return self.trainings[t], chosen

    def _take_batch(self):
        chosen = self._ready(self.batches, 1, 1)
        if not chosen:
            return None
        b = chosen[0]
        b[1] += 1
        return self.trainings[b[1] - 1], b[0]

    def next_request(self):
        with self.lock:
            self.seq += 1
            r = self.rng.random()
            if r < 0.4:
                kind = "attendance"
                took = self._take_officers(self.rng.randint(1, 3))
                if took:
                    t, chosen = took
                    body = {"records": [{"officer_id": o[1]} for o in chosen]}
                    return Group(kind, [(t, o[0]) for o in chosen]), "POST", "/trainings/%d/attendance" % t, body, None
            if r >= 0.9:
                took = self._take_batch()
                if took:
                    t, idns = took
                    csv = "training_id,id_number,legal,business,political\n" + "".join(
                        "%d,%s,,,\n" % (t, idn) for idn in idns)
                    return Group("attendance_import", [(t, idn) for idn in idns]), "POST", "/imports/attendance", csv, "text/csv"
            if r >= 0.8:
                n = self.rng.randint(200, 400)
                idns = self.ids.take(n)
                code = self.rng.choice(self.units)[1]
                csv = "name,id_number,unit_code,kind,post_start,post_end\n" + "".join(
                    "导入%d-%d,%s,%s,enforcement,2020-01-01,\n" % (self.seq, k, idn, code) for k, idn in enumerate(idns))
                return Group("officer_import", idns), "POST", "/imports/officers", csv, "text/csv"
            idn = self.ids.take(1)[0]
            body = {"name": "登记%d" % self.seq, "id_number": idn, "unit_id": self.rng.choice(self.units)[0],
                    "kind": "enforcement", "post_start": "2020-01-01"}
            return Group("registration", [idn]), "POST", "/officers", body, None

    # --- one client thread ---
    def client(self, server, token, stop):
        c = Client(server, token)
        try:
            while not stop.is_set():
                group, method, path, body, ctype = self.next_request()
                try:
                    status, answer, _ = c.call(method, path, body, ctype or "application/json")
                except TRANSPORT_ERRORS as e:
                    with self.lock:
                        self.unknown.append(group)
                        if not self.killing:
                            self.errors.append("%s %s: %r before the kill" % (method, path, e))
                    return
                with self.lock:
                    if 200 <= status < 300 and self._complete(group, answer):
                        self.acked.append(group)
                        self._known(group)
                    else:
                        self.errors.append("%s %s: unexpected answer %s %s" % (method, path, status, str(answer)[:300]))
                        stop.set()
                        return
        finally:
            c.close()

    def _complete(self, g, answer):
        if g.kind == "registration":
            g.officer_id = answer.get("id")
            return answer.get("id_number") == g.keys[0] and isinstance(g.officer_id, int)
        if g.kind == "attendance":
            return answer.get("added") == len(g.keys)
        return answer.get("imported") == len(g.keys) and answer.get("skipped_duplicates") == 0

    def _known(self, g, ids=None):
        """g exists: its officers may now be given attendance."""
        if g.kind == "registration":
            self.officers.append([g.keys[0], g.officer_id if ids is None else ids[g.keys[0]], 0])
        elif g.kind == "officer_import":
            self.batches.append([g.keys, 0])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("binary", help="the certhours executable")
    ap.add_argument("--cycles", type=int, default=3)
    ap.add_argument("--clients", type=int, default=4, help="client threads (default 4)")
    ap.add_argument("--seed", type=int, default=None, help="random seed (default: from the clock, printed)")
    ap.add_argument("--min-run", type=float, default=0.5, help="shortest load before the kill, seconds")
    ap.add_argument("--max-run", type=float, default=4.0, help="longest load before the kill, seconds")
    ap.add_argument("--keep", action="store_true", help="keep the work directory (kept anyway on failure)")
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else int(time.time() * 1000) % 1000000
    rng = random.Random(seed)
    binary = os.path.abspath(args.binary)
    work = tempfile.mkdtemp(prefix="certhours-crash-")
    db, log = os.path.join(work, "crash.db"), os.path.join(work, "server.log")
    print("crash test: %d cycles, %d clients, seed %d, in %s" % (args.cycles, args.clients, seed, work), flush=True)
    started = time.monotonic()

    run([binary, "demo", "--db", db])
    ids = IdNumbers()
    server = Server(binary, db, log)
    admin = Client(server)
    token = admin.login()
    status, units, _ = admin.call("GET", "/units")
    if status != 200:
        raise SystemExit("GET /units: %s %s" % (status, units))
    units = [(u["id"], u["code"]) for u in (units["items"] if isinstance(units, dict) else units)]
    trainings = []
    for k in range(TRAININGS):
        day = "2024-%02d-%02d" % (1 + k % 12, 1 + k % 28)
        status, t, _ = admin.call("POST", "/trainings", {
            "title": "崩溃测试课程 %d" % k, "organizer_unit_id": units[0][0], "start_date": day, "end_date": day,
            "hours": {"legal": 2, "business": 2, "political": 0}, "rotation": False, "mode": "in_person"})
        if status != 201:
            raise SystemExit("POST /trainings: %s %s" % (status, t))
        trainings.append(t["id"])
    admin.close()

    load = Load(rng, ids, units, trainings)
    must_officers = {}  # ID number -> officer id (None: any), known to exist
    must_pairs = set()  # (training, ID number) known to exist
    totals = {k: [0, 0] for k in KINDS}  # acknowledged requests, rows
    in_flight = {"committed": 0, "not": 0}
    lost = half = integrity_ok = 0
    failures = []
    cycle = 0
    try:
        for cycle in range(1, args.cycles + 1):
            load.acked, load.unknown, load.errors, load.killing = [], [], [], False
            stop = threading.Event()
            clients = [threading.Thread(target=load.client, args=(server, token, stop)) for _ in range(args.clients)]
            for t in clients:
                t.start()
            ran = rng.uniform(args.min_run, args.max_run)
            stop.wait(ran)
            with load.lock:
                load.killing = True
            stop.set()
            server.kill()
            for t in clients:
                t.join(120)
                if t.is_alive():
                    raise Failure("a client thread did not end after the kill")
            if load.errors:
                failures.extend(load.errors)

            server = Server(binary, db, log)
            officers, pairs, present_trainings = snapshot(db)
            problems = []

            def present(g):
                if g.kind in ("registration", "officer_import"):
                    return sum(1 for idn in g.keys if idn in officers)
                return sum(1 for p in g.keys if p in pairs)

            for g in load.acked:
                totals[g.kind][0] += 1
                totals[g.kind][1] += len(g.keys)
                n = present(g)
                if n != len(g.keys):
                    lost += len(g.keys) - n
                    problems.append("LOST: acknowledged %s: %d of %d rows missing" % (g.kind, len(g.keys) - n, len(g.keys)))
                if g.kind == "registration" and officers.get(g.keys[0]) not in (None, g.officer_id):
                    problems.append("registration %s answered id %s, the database has %s" % (
                        g.keys[0], g.officer_id, officers.get(g.keys[0])))
            for g in load.unknown:
                n = present(g)
                if n not in (0, len(g.keys)):
                    half += 1
                    problems.append("HALF: %s in flight at the kill: %d of %d rows written" % (g.kind, n, len(g.keys)))
                elif n:
                    in_flight["committed"] += 1
                    if g.kind == "registration":
                        g.officer_id = officers[g.keys[0]]
                    load._known(g)
                else:
                    in_flight["not"] += 1
            # Everything known to exist, from every cycle so far, is still there.
            for g in load.acked + [g for g in load.unknown if present(g) == len(g.keys)]:
                if g.kind in ("registration", "officer_import"):
                    for idn in g.keys:
                        must_officers[idn] = g.officer_id
                else:
                    must_pairs.update(g.keys)
            gone = [idn for idn, oid in must_officers.items() if officers.get(idn) is None or
                    (oid is not None and officers[idn] != oid)]
            gone_pairs = must_pairs - pairs
            gone_trainings = set(trainings) - present_trainings
            if gone or gone_pairs or gone_trainings:
                problems.append("LOST since an earlier cycle: %d officers, %d attendance records, %d trainings" % (
                    len(gone), len(gone_pairs), len(gone_trainings)))
            check = integrity_check(db)
            if check == "ok":
                integrity_ok += 1
            else:
                problems.append("integrity_check: " + check[:500])

            acked = {k: sum(1 for g in load.acked if g.kind == k) for k in KINDS}
            print("cycle %d/%d: killed after %.2f s; acknowledged %d registrations, %d attendance posts, "
                  "%d officer imports, %d attendance imports; %d in flight; integrity %s" % (
                      cycle, args.cycles, ran, acked["registration"], acked["attendance"], acked["officer_import"],
                      acked["attendance_import"], len(load.unknown), check[:40]), flush=True)
            for p in problems:
                print("  " + p, flush=True)
            failures.extend(problems)
            if failures:
                break
            admin = Client(server)
            token = admin.login()
            admin.close()
        code = server.terminate()
        if code != 0:
            failures.append("the last server did not stop cleanly on SIGTERM: %s" % code)
    except (Failure, RuntimeError) as e:
        failures.append(str(e))
        try:
            server.kill()
        except Exception:
            pass
    elapsed = time.monotonic() - started

    print("\n%d cycles in %.0f s (seed %d)" % (cycle, elapsed, seed))
    print("acknowledged writes: %s" % ", ".join(
        "%d %s%s" % (totals[k][0], k.replace("_", " "),
                     " (%d rows)" % totals[k][1] if totals[k][1] != totals[k][0] else "") for k in KINDS))
    print("in flight at a kill: %d committed whole, %d not at all" % (in_flight["committed"], in_flight["not"]))
    print("lost acknowledged rows: %d; half-written requests: %d; integrity_check ok: %d of %d" % (
        lost, half, integrity_ok, cycle))
    if failures:
        print("\nFAILED (work directory kept: %s):" % work)
        for f in failures[:50]:
            print("  " + f)
        return 1
    if args.keep:
        print("work directory kept: %s" % work)
    else:
        shutil.rmtree(work, ignore_errors=True)
    print("PASSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
