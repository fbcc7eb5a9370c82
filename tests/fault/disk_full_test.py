#!/usr/bin/env python3
"""A full disk: the server answers 507 insufficient_storage, loses nothing it acknowledged, keeps
serving reads, and writes again once space returns, without a restart.

    tests/fault/disk_full_test.py build/server/certhours

The database lives on a real, small file system: a tmpfs mounted in a private mount namespace
(`unshare -Urm`, so no root is needed where unprivileged user namespaces are allowed, and
nothing is mounted on the host). For each --headroom (default 1024 KiB, then 160 KiB):
  1. a ballast file takes the free space but the headroom; the test writes (registrations,
     roster imports of 300 rows, attendance posts of up to 50 records) until every kind of write
     has answered 507 --streak times running (a small write may still fit in space a failed one
     left: any 2xx counts as acknowledged); every answer is 2xx or 507 with
     {"error":{"code":"insufficient_storage",…}}, never 500; a login (it writes a session) too;
  2. while the disk is full, reads still answer (GET /healthz, GET /officers/{id});
  3. every acknowledged write is in the database and none answered 507 is;
  4. the ballast is deleted (space returns) and the same server, not restarted, writes again:
     2xx for every kind; step 3 again.
Then the server's temporary directory (TMPDIR, a tmpfs of its own) is filled while the database's
disk has room: the compliance export (CSV and XLSX) and an evidence download answer 507 and leave
no file behind, a registration still answers 2xx; once that space returns, all three answer 200
with the whole file (the evidence byte for byte).
Then the server stops (SIGTERM, exit 0), `PRAGMA integrity_check` is ok, and after a restart
every acknowledged write is still there.
Exit status 0 when all hold, 77 (skipped) when no tmpfs can be mounted here. Python 3 stdlib only.
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from certhours_client import (Client, IdNumbers, Server, integrity_check, run, snapshot)  # noqa: E402

SKIP = 77
INNER = "CERTHOURS_DISK_FULL_INNER"


def reexec_in_namespace():
    """Runs this script again inside a private mount namespace, where it may mount a tmpfs.
    Returns its exit status, or None when no namespace can be made here."""
    for cmd in (["unshare", "-Urm"], ["unshare", "-m"]):
        probe = subprocess.run(cmd + ["sh", "-c", "d=$(mktemp -d) && mount -t tmpfs -o size=1m tmpfs $d && umount $d "
                                      "&& rmdir $d"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if probe.returncode == 0:
            env = dict(os.environ, **{INNER: "1"})
            return subprocess.run(cmd + [sys.executable, os.path.abspath(__file__)] + sys.argv[1:], env=env).returncode
    return None


def free_bytes(path):
    st = os.statvfs(path)
    return st.f_bavail * st.f_frsize


def fill(path, leave):
    """A ballast file taking all the free space of path's file system but `leave` bytes."""
    ballast = os.path.join(path, "ballast")
    with open(ballast, "wb") as f:
        chunk = b"\0" * (1 << 20)
        while free_bytes(path) > leave + len(chunk):
            f.write(chunk)
            f.flush()
        f.write(b"\0" * max(0, free_bytes(path) - leave))
        f.flush()
        os.fsync(f.fileno())
    return ballast


class Writer:
    """The writes of the test, and what was acknowledged (ID numbers; (training, ID number))."""

    def __init__(self, client, units, trainings, rng):
        self.c, self.units, self.trainings, self.rng = client, units, trainings, rng
        self.ids = IdNumbers()
        self.acked_officers = {}  # ID number -> id (None for imported ones)
        self.acked_pairs = set()
        self.refused_officers, self.refused_pairs = set(), set()
        self.next_training = 0
        self.answers = []  # (kind, status)

    def _answer(self, kind, status, body):
        self.answers.append((kind, status))
        if 200 <= status < 300:
            return True
        err = body.get("error", {}) if isinstance(body, dict) else {}
        if status == 507 and err.get("code") == "insufficient_storage" and err.get("message"):
            return False
        raise AssertionError("%s: expected 2xx or 507 insufficient_storage, got %s %s" % (kind, status, str(body)[:300]))

    def register(self):
        idn = self.ids.take(1)[0]
        status, body, _ = self.c.call("POST", "/officers", {
            "name": "满盘登记", "id_number": idn, "unit_id": self.rng.choice(self.units)[0],
            "kind": "enforcement", "post_start": "2020-01-01"})
        if self._answer("registration", status, body):
            self.acked_officers[idn] = body["id"]
        else:
            self.refused_officers.add(idn)
        return status

    def import_officers(self, n=300):
        idns = self.ids.take(n)
        code = self.rng.choice(self.units)[1]
        csv = "name,id_number,unit_code,kind,post_start,post_end\n" + "".join(
            "满盘导入%d,%s,%s,enforcement,2020-01-01,\n" % (k, idn, code) for k, idn in enumerate(idns))
        status, body, _ = self.c.call("POST", "/imports/officers", csv, "text/csv")
        if self._answer("officer_import", status, body):
            assert body["imported"] == n, body
            self.acked_officers.update((idn, None) for idn in idns)
        else:
            self.refused_officers.update(idns)
        return status

    def attend(self):
        """Attendance at the next training for up to 50 acknowledged registered officers."""
        registered = [(idn, oid) for idn, oid in self.acked_officers.items() if oid is not None]
        chosen = self.rng.sample(registered, min(50, len(registered)))
        t = self.trainings[self.next_training % len(self.trainings)]
        self.next_training += 1
        chosen = [(idn, oid) for idn, oid in chosen if (t, idn) not in self.acked_pairs]
        status, body, _ = self.c.call("POST", "/trainings/%d/attendance" % t,
                                      {"records": [{"officer_id": oid} for _, oid in chosen]})
        pairs = {(t, idn) for idn, _ in chosen}
        if self._answer("attendance", status, body):
            assert body["added"] == len(chosen), body
            self.acked_pairs |= pairs
        else:
            self.refused_pairs |= pairs
        return status

    def check(self, db, where):
        officers, pairs, _ = snapshot(db)
        missing = [i for i, oid in self.acked_officers.items() if officers.get(i) is None or
                   (oid is not None and officers[i] != oid)]
        missing_pairs = self.acked_pairs - pairs
        written = [i for i in self.refused_officers if i in officers]
        written_pairs = self.refused_pairs & pairs
        if missing or missing_pairs or written or written_pairs:
            raise AssertionError(
                "%s: %d acknowledged officers and %d attendance records missing; %d officers and %d attendance "
                "records answered 507 but written" % (where, len(missing), len(missing_pairs), len(written),
                                                      len(written_pairs)))
        print("%s: all %d acknowledged officers and %d attendance records present, none of the %d refused ones" % (
            where, len(self.acked_officers), len(self.acked_pairs), len(self.refused_officers) + len(self.refused_pairs)),
            flush=True)


def full_temp_dir(c, w, tmp):
    """The server's temporary directory full, its database's disk not: what streams from a
    temporary file answers 507 and leaves none; the database still takes writes; then space
    returns and the same requests answer 200 with the whole file."""
    officer = next(oid for oid in w.acked_officers.values() if oid is not None)
    status, claim, _ = c.call("POST", "/officers/%d/claims" % officer, {
        "title": "满盘外训", "provider": "某培训机构", "start_date": "2024-03-01", "end_date": "2024-03-01",
        "hours": {"legal": 2}})
    assert status == 201, ("a claim", status, claim)
    evidence = b"%PDF-1.4\n" + bytes(random.Random(7).getrandbits(8) for _ in range(200_000))
    status, body, _ = c.call("PUT", "/claims/%d/evidence" % claim["id"], evidence, "application/pdf")
    assert status == 200, ("evidence upload", status, body)
    downloads = [("compliance CSV", "/compliance/export?year=2024&format=csv"),
                 ("compliance XLSX", "/compliance/export?year=2024&format=xlsx"),
                 ("evidence", "/claims/%d/evidence" % claim["id"])]

    ballast = fill(tmp, 0)
    print("temporary directory: tmpfs of %d MiB, ballast %d MiB, %d KiB left" % (
        (os.statvfs(tmp).f_blocks * os.statvfs(tmp).f_frsize) >> 20, os.path.getsize(ballast) >> 20,
        free_bytes(tmp) // 1024), flush=True)
    for what, path in downloads:
        status, body, _ = c.call("GET", path)
        err = body.get("error", {}) if isinstance(body, dict) else {}
        assert status == 507 and err.get("code") == "insufficient_storage" and err.get("message"), (
            what + " with the temporary directory full", status, str(body)[:300])
        left = sorted(set(os.listdir(tmp)) - {"ballast"})
        assert not left, (what + ": files left in the temporary directory after a 507", left)
    assert w.register() < 300, "a registration while only the temporary directory is full"
    print("  full: the exports (CSV, XLSX) and the evidence download answered 507 and left no file; "
          "a registration was written", flush=True)

    os.remove(ballast)
    for what, path in downloads:
        status, body, res = c.call("GET", path)
        assert status == 200, (what + " after space returned", status, str(body)[:300])
        if what == "evidence":
            assert res.data == evidence, "the evidence downloaded is not the file uploaded"
        elif what.endswith("CSV"):
            assert res.data.startswith(b"\xef\xbb\xbf") and int(res.getheader("X-Export-Rows")) > 0, what
        else:
            assert res.data.startswith(b"PK\x03\x04") and int(res.getheader("X-Export-Rows")) > 0, what
    print("  space returned: both exports and the evidence answered 200 with the whole file", flush=True)


def inner(args):
    binary = os.path.abspath(args.binary)
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="certhours-diskfull-")
    mnt = os.path.join(work, "disk")
    os.mkdir(mnt)
    tmp = os.path.join(work, "tmp")  # the server's TMPDIR: exports and evidence downloads
    os.mkdir(tmp)
    log = os.path.join(work, "server.log")
    started = time.monotonic()
    seed_db = os.path.join(work, "seed.db")
    run([binary, "demo", "--db", seed_db])
    size = os.path.getsize(seed_db)
    # Room for the database, its WAL and the ballast; the ballast decides how full it is.
    run(["mount", "-t", "tmpfs", "-o", "size=%dk" % (size // 1024 + 64 * 1024), "certhours-full", mnt])
    run(["mount", "-t", "tmpfs", "-o", "size=16m", "certhours-tmp", tmp])
    ok = False
    server = None
    try:
        db = os.path.join(mnt, "full.db")
        shutil.copyfile(seed_db, db)
        server = Server(binary, db, log, env={"TMPDIR": tmp})
        c = Client(server)
        c.login()
        status, units, _ = c.call("GET", "/units")
        assert status == 200, (status, units)
        units = [(u["id"], u["code"]) for u in (units["items"] if isinstance(units, dict) else units)]
        trainings = []
        for k in range(20):
            status, t, _ = c.call("POST", "/trainings", {
                "title": "满盘课程 %d" % k, "organizer_unit_id": units[0][0], "start_date": "2024-03-01",
                "end_date": "2024-03-01", "hours": {"legal": 2, "business": 2, "political": 0},
                "rotation": False, "mode": "in_person"})
            assert status == 201, (status, t)
            trainings.append(t["id"])
        w = Writer(c, units, trainings, rng)
        for _ in range(5):
            w.register()

        kinds = [w.register, w.import_officers, w.attend]
        for round_, headroom in enumerate(args.headroom, 1):
            ballast = fill(mnt, headroom * 1024)
            print("round %d: tmpfs of %d MiB, ballast %d MiB, %d KiB left" % (
                round_, (size // 1024 + 64 * 1024) // 1024, os.path.getsize(ballast) >> 20, free_bytes(mnt) // 1024),
                flush=True)

            # 1. Write until full: every kind answers 507 `streak` times running.
            w.answers = []
            streak = {f: 0 for f in kinds}
            while min(streak.values()) < args.streak:
                f = rng.choice(kinds)
                status = f()
                streak[f] = streak[f] + 1 if status == 507 else 0
                if len(w.answers) > 20000:
                    raise AssertionError("the disk never filled (%d writes)" % len(w.answers))
            first = next(i for i, (_, s) in enumerate(w.answers) if s == 507)
            print("  disk full after %d writes; then %d more: %d answered 507, %d acknowledged (%s)" % (
                first, len(w.answers) - first, sum(1 for _, s in w.answers[first:] if s == 507),
                sum(1 for _, s in w.answers[first:] if s != 507),
                ", ".join("%s %d×507" % (k, sum(1 for kk, s in w.answers if kk == k and s == 507))
                          for k in ("registration", "officer_import", "attendance"))), flush=True)

            # 2. Reads still answer while the disk is full; a login (it writes a session): 200 or 507.
            status, body, _ = Client(server).call("POST", "/session", {"username": "admin", "password": "Admin@2024"})
            w._answer("login", status, body)
            print("  login on the full disk: %s" % status, flush=True)
            status, body, _ = c.call("GET", "/healthz")
            assert status == 200, ("healthz on a full disk", status, body)
            some = next(oid for oid in w.acked_officers.values() if oid is not None)
            status, body, _ = c.call("GET", "/officers/%d" % some)
            assert status == 200, ("GET /officers/{id} on a full disk", status, body)

            # 3. Nothing acknowledged is missing; nothing refused was written.
            w.check(db, "  disk full")

            # 4. Space returns: the same server writes again, every kind.
            os.remove(ballast)
            for f in kinds:
                for _ in range(3):
                    status = f()
                    assert 200 <= status < 300, ("write after space returned", f.__name__, status)
            print("  space returned: the same server wrote again (registration, import, attendance)", flush=True)
            w.check(db, "  after space returned")

        full_temp_dir(c, w, tmp)
        w.check(db, "after the temporary directory was full")

        # 5. Clean stop, integrity, restart, check again.
        c.close()
        code = server.terminate()
        server = None
        assert code == 0, ("SIGTERM exit status", code)
        check = integrity_check(db)
        assert check == "ok", ("integrity_check", check)
        print("integrity_check: ok", flush=True)
        server = Server(binary, db, log)
        c = Client(server)
        c.login()
        w.c = c
        w.check(db, "after a restart")
        c.close()
        code = server.terminate()
        server = None
        assert code == 0, ("SIGTERM exit status", code)
        ok = True
    except AssertionError as e:
        print("FAILED: %s" % (e,), flush=True)
    except Exception:  # a server that would not start, a connection reset: a failure, said so
        traceback.print_exc()
    finally:
        if server:
            server.kill()
        subprocess.run(["umount", mnt])
        subprocess.run(["umount", tmp])
    print("%s in %.1f s" % ("PASSED" if ok else "FAILED (server log: %s)" % log, time.monotonic() - started))
    if ok:
        shutil.rmtree(work, ignore_errors=True)
    else:
        try:
            print(open(log, encoding="utf-8", errors="replace").read()[-3000:])
        except OSError:
            pass
    return 0 if ok else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("binary", help="the certhours executable")
    ap.add_argument("--headroom", type=lambda v: [int(k) for k in v.split(",")], default=[1024, 160],
                    help="KiB left free before the load, one round each (default 1024,160)")
    ap.add_argument("--streak", type=int, default=3, help="507s running, per kind of write, to call it full")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if os.environ.get(INNER):
        return inner(args)
    code = reexec_in_namespace()
    if code is None:
        print("SKIPPED: cannot mount a tmpfs here (neither `unshare -Urm` nor `unshare -m` with mount works)")
        return SKIP
    return code


if __name__ == "__main__":
    sys.exit(main())
