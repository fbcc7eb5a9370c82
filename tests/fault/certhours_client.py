"""What both fault tests share: a certhours server process, a small HTTP client, valid
resident ID numbers, reading the database and its integrity check. Python 3 stdlib only."""
import datetime
import http.client
import json
import os
import queue
import shutil
import signal
import sqlite3
import subprocess
import threading
import time

# Every failure to get a whole answer: the server was killed, reset the connection, or the
# answer was cut off. Such a request is "not acknowledged": it may or may not have happened.
TRANSPORT_ERRORS = (OSError, http.client.HTTPException)

ADMIN = ("admin", "Admin@2024")  # README.md, demo logins

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_check_digit(first17):
    """GB 11643-1999 check character (lib/domain/officer.cpp id_check_digit)."""
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, _WEIGHTS)) % 11]


class IdNumbers:
    """Distinct valid ID numbers: region code 459900 (not one of the demo's 4507xx, so never
    registered by the seeds), a birth date from 1960 on, a 3-digit sequence, the check digit."""

    def __init__(self, region="459900"):
        self._region = region
        self._next = 0
        self._lock = threading.Lock()

    def take(self, n=1):
        with self._lock:
            start = self._next
            self._next += n
        out = []
        for k in range(start, start + n):
            born = datetime.date(1960, 1, 1) + datetime.timedelta(days=k // 1000)
            first17 = self._region + born.strftime("%Y%m%d") + "%03d" % (k % 1000)
            out.append(first17 + id_check_digit(first17))
        return out


class Server:
    """`certhours serve --db F --listen 127.0.0.1:0`, ready once it printed "listening on URL"."""

    def __init__(self, binary, db, log_path, env=None, start_timeout=120):
        self.log = open(log_path, "ab")
        self.proc = subprocess.Popen(
            [binary, "serve", "--db", db, "--listen", "127.0.0.1:0", "--no-access-log"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self.log,
            env=dict(os.environ, **(env or {})))
        lines = queue.Queue()

        def read_stdout():
            for line in self.proc.stdout:
                lines.put(line.decode("utf-8", "replace"))
            lines.put(None)

        threading.Thread(target=read_stdout, daemon=True).start()
        deadline = time.monotonic() + start_timeout
        while True:
            try:
                line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                self.kill()
                raise RuntimeError("the server printed no 'listening on' line within %d s" % start_timeout)
            if line is None:
                code = self.proc.wait()
                raise RuntimeError("the server exited (status %s) before listening; see %s" % (code, log_path))
            if line.startswith("listening on http://"):
                hostport = line.split("http://", 1)[1].strip()
                host, port = hostport.rsplit(":", 1)
                self.host, self.port = host, int(port)
                return

    def kill(self):
        """kill -9, and wait until the process is gone (nothing it did can still reach the disk)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.log.close()

    def terminate(self, timeout=60):
        """SIGTERM: the clean stop. Returns the exit status."""
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            code = "did not stop within %d s" % timeout
        self.log.close()
        return code


class Client:
    """One keep-alive connection. call() returns (status, decoded JSON or text, the response,
    whose .data holds the body's bytes) or raises one of TRANSPORT_ERRORS when no whole answer
    came. A body is sent as JSON, or as it is when str (UTF-8) or bytes."""

    def __init__(self, server, token=None, timeout=120):
        self.conn = http.client.HTTPConnection(server.host, server.port, timeout=timeout)
        self.token = token

    def call(self, method, path, body=None, content_type="application/json"):
        headers = {}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        data = None
        if body is not None:
            if isinstance(body, bytes):
                data = body
            elif isinstance(body, str):
                data = body.encode("utf-8")
            else:
                data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = content_type
        try:
            self.conn.request(method, "/api/v1" + path, body=data, headers=headers)
            res = self.conn.getresponse()
            raw = res.read()
        except BaseException:
            self.conn.close()
            raise
        res.data = raw
        text = raw.decode("utf-8", "replace")
        if res.getheader("Content-Type", "").startswith("application/json"):
            try:
                return res.status, json.loads(text), res
            except ValueError:
                pass
        return res.status, text, res

    def login(self, user=ADMIN):
        status, body, _ = self.call("POST", "/session", {"username": user[0], "password": user[1]})
        if status != 200:
            raise RuntimeError("login as %s: %s %s" % (user[0], status, body))
        self.token = body["token"]
        return self.token

    def close(self):
        self.conn.close()


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def integrity_check(db):
    """`PRAGMA integrity_check` through the sqlite3 command-line tool (scripts/install-deps.sh
    installs it), else through Python's sqlite3 module. Returns its output, "ok" when sound."""
    if shutil.which("sqlite3"):
        r = subprocess.run(["sqlite3", db, "PRAGMA integrity_check;"], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
        return r.stdout.strip() if r.returncode == 0 else "sqlite3 failed: " + r.stdout.strip()
    with sqlite3.connect(db) as c:
        return "\n".join(row[0] for row in c.execute("PRAGMA integrity_check"))


def snapshot(db):
    """What the database holds, for the checks: officers as {id_number: id} and attendance as a
    set of (training_id, id_number)."""
    c = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        officers = dict(c.execute("SELECT id_number, id FROM officers"))
        pairs = set(c.execute("SELECT a.training_id, o.id_number FROM attendance a JOIN officers o ON o.id = a.officer_id"))
        trainings = set(r[0] for r in c.execute("SELECT id FROM trainings"))
        return officers, pairs, trainings
    finally:
        c.close()
