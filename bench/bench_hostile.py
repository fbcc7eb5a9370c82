#!/usr/bin/env python3
"""The hostile loads of the security review, against a real `certhours serve` on a fresh demo
database: for each, the server's anonymous memory (RssAnon, sampled every 50 ms) and /healthz
latency (every 100 ms) during the load, and what the attackers got.

usage: bench/bench_hostile.py build/server/certhours [--only NAME]

Loads (docs/security.md):
  usernames   1,000 failed logins with distinct ~1 MiB usernames, 8 at a time
  report      hr posts 20 MiB of "1\\n" lines to /imports/attendance, 2 at once, 3 rounds
  bodies      100 connections without a token each announce and send 20 MiB - 1 to /imports/officers
  logins      200 parallel logins with wrong passwords (from many usernames)
Prints one line per load; never fails on figures (benchmarks print, tests assert).
"""
import argparse
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time


def rss_anon_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("RssAnon:"):
                return int(line.split()[1]) / 1024
    return -1.0


class Watch:
    """Samples memory and /healthz latency in the background while a load runs."""

    def __init__(self, pid, port):
        self.pid, self.port = pid, port
        self.mem, self.lat, self.fail = [], [], 0
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._mem), threading.Thread(target=self._health)]

    def _mem(self):
        while not self.stop.is_set():
            self.mem.append(rss_anon_mib(self.pid))
            time.sleep(0.05)

    def _health(self):
        while not self.stop.is_set():
            t0 = time.perf_counter()
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                c.request("GET", "/healthz")
                ok = c.getresponse().status == 200
                c.close()
            except OSError:
                ok = False
            if ok:
                self.lat.append((time.perf_counter() - t0) * 1000)
            else:
                self.fail += 1
            time.sleep(0.1)

    def __enter__(self):
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for t in self.threads:
            t.join()

    def line(self):
        lat = sorted(self.lat) or [float("nan")]
        return (f"RssAnon peak {max(self.mem):.1f} MiB, end {self.mem[-1]:.1f} MiB; /healthz median "
                f"{statistics.median(lat):.1f} ms, p95 {lat[int(0.95 * (len(lat) - 1))]:.1f} ms, max {lat[-1]:.1f} ms "
                f"({len(self.lat)} probes, {self.fail} failed)")


def request(port, method, path, body=b"", headers=None, timeout=120):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        return r.status, data
    except OSError as e:
        return None, str(e).encode()
    finally:
        c.close()


def login(port, user, password):
    st, data = request(port, "POST", "/api/v1/session", json.dumps({"username": user, "password": password}).encode(),
                       {"Content-Type": "application/json"})
    return json.loads(data)["token"] if st == 200 else None


def run_parallel(n_threads, jobs):
    out, lock = [], threading.Lock()
    it = iter(jobs)

    def worker():
        while True:
            with lock:
                job = next(it, None)
            if job is None:
                return
            r = job()
            with lock:
                out.append(r)

    ts = [threading.Thread(target=worker) for _ in range(n_threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return out


def statuses(results):
    counts = {}
    for st in results:
        counts[st] = counts.get(st, 0) + 1
    return ", ".join(f"{k}: {v}" for k, v in sorted(counts.items(), key=lambda kv: str(kv[0])))


def load_usernames(port):
    big = "u" * (1000 * 1000 - 64)

    def job(i):
        return lambda: request(port, "POST", "/api/v1/session",
                               json.dumps({"username": f"{i:06d}" + big, "password": "x"}).encode(),
                               {"Content-Type": "application/json"})[0]
    return statuses(run_parallel(8, [job(i) for i in range(1000)]))


def load_report(port):
    token = login(port, "hr", "Hr@2024qn")
    body = b"training_id,id_number,legal,business,political\n" + b"1\n" * ((20 << 20) // 2 - 40)
    sizes = []

    def job():
        st, data = request(port, "POST", "/api/v1/imports/attendance", body,
                           {"Content-Type": "text/csv", "Authorization": "Bearer " + token}, timeout=300)
        sizes.append(len(data))
        return st
    out = statuses(run_parallel(2, [job for _ in range(6)]))
    return out + f"; response sizes {min(sizes)}..{max(sizes)} bytes"


def load_bodies(port):
    head = (b"POST /api/v1/imports/officers HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
            b"Content-Length: %d\r\n\r\n" % ((20 << 20) - 1))
    chunk = b"x" * (1 << 16)
    got = []
    lock = threading.Lock()

    def client():
        s = socket.create_connection(("127.0.0.1", port))
        s.settimeout(60)
        status = None
        try:
            s.sendall(head)
            sent = 0
            while sent < (20 << 20) - 1:
                n = min(len(chunk), (20 << 20) - 1 - sent)
                s.sendall(chunk[:n])
                sent += n
        except OSError:
            pass  # the server answered and stopped reading: fine
        try:
            data = s.recv(4096)
            m = re.match(rb"HTTP/1\.1 (\d+)", data)
            status = int(m.group(1)) if m else None
        except OSError:
            pass
        s.close()
        with lock:
            got.append(status)

    ts = [threading.Thread(target=client) for _ in range(100)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return statuses(got)


def load_logins(port):
    def job(i):
        return lambda: request(port, "POST", "/api/v1/session",
                               json.dumps({"username": f"user{i % 40}", "password": "wrong-password"}).encode(),
                               {"Content-Type": "application/json"})[0]
    return statuses(run_parallel(200, [job(i) for i in range(400)]))


LOADS = {"usernames": load_usernames, "report": load_report, "bodies": load_bodies, "logins": load_logins}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--only")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "demo.db")
        subprocess.run([args.binary, "demo", "--db", db], check=True, stdout=subprocess.DEVNULL)
        for name, load in LOADS.items():
            if args.only and name != args.only:
                continue
            # a fresh server per load: one load's throttles do not meet the next
            p = subprocess.Popen([args.binary, "serve", "--db", db, "--listen", "127.0.0.1:0", "--no-access-log"],
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            port = int(re.search(r":(\d+)$", p.stdout.readline().strip()).group(1))
            idle = rss_anon_mib(p.pid)
            t0 = time.perf_counter()
            with Watch(p.pid, port) as w:
                answers = load(port)
            secs = time.perf_counter() - t0
            print(f"{name:10s} {secs:6.1f} s  idle RssAnon {idle:.1f} MiB; {w.line()}; answers {answers}", flush=True)
            p.terminate()
            p.wait()


if __name__ == "__main__":
    sys.exit(main())
