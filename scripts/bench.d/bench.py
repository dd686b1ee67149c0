#!/usr/bin/env python3
"""Sitrep benchmark: ingest, first frame, change to screen, idle, memory, keystrokes.

Run through scripts/bench, which builds the release binary and generates the roots. Every
figure that has a baseline is a ratio against it measured in the same run (the machine is
shared and noisy); absolute times are printed beside them for context.
"""
import argparse
import fcntl
import json
import os
import platform
import resource
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time



def median(xs):
    return statistics.median(xs) if xs else None


def p95(xs):
    if not xs:
        return None
    s = sorted(xs)
    return s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]


def jsonl_files(root):
    out = []
    for d, _, names in os.walk(root):
        out += [os.path.join(d, n) for n in names if n.endswith(".jsonl")]
    return sorted(out)


def timed(argv):
    """Wall seconds and peak RSS (MB) of a command, its output discarded."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1, 2):
        raise SystemExit(f"bench: {argv} failed: {proc.stderr.read().decode()[:500]}")
    return wall, usage.ru_maxrss / 1024


PY_BASELINE = r"""
import json, sys
n = 0
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        for line in f:
            if line.strip():
                json.loads(line)
                n += 1
print(n)
"""


def ingest(bin_, root, repeats):
    files = jsonl_files(root)
    for path in files:  # warm the page cache for both sides
        with open(path, "rb") as f:
            while f.read(1 << 24):
                pass
    ours, theirs, rss = [], [], []
    for _ in range(repeats):
        wall, peak = timed([bin_, "status", "--json", "--all", "--root", root])
        ours.append(wall)
        rss.append(peak)
        theirs.append(timed([sys.executable, "-c", PY_BASELINE] + files)[0])
    size = sum(os.path.getsize(p) for p in files)
    return {
        "jsonl_mb": round(size / 2**20, 1), "files": len(files), "sitrep_s": round(median(ours), 3),
        "python_s": round(median(theirs), 3), "speedup": round(median(theirs) / median(ours), 2),
        "status_peak_rss_mb": round(max(rss), 1), "repeats": repeats,
    }


class Console:
    """A program in a pseudo-terminal of a given size; everything it writes is kept with
    arrival times so markers can be timed."""

    def __init__(self, argv, cols=120, rows=40, nofile=None, cache=None):
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        # Each console keeps its checkpoint in a cache of its own (an empty one unless given),
        # so no measurement starts from a checkpoint another one left, nor writes into ~/.cache.
        self.own_cache = None if cache else tempfile.mkdtemp(prefix="sitrep-bench-cache-")
        env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8",
                   XDG_CACHE_HOME=cache or self.own_cache)
        env.pop("NO_COLOR", None)
        env.pop("SITREP_NO_CHECKPOINT", None)
        self.started = time.perf_counter()
        limit = (lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))) if nofile else None
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                     start_new_session=True, close_fds=True, preexec_fn=limit)
        os.close(slave)
        self.fd = master
        self.out = bytearray()

    def pump(self, timeout):
        r, _, _ = select.select([self.fd], [], [], max(0, timeout))
        if r:
            try:
                data = os.read(self.fd, 1 << 16)
            except OSError:
                data = b""
            self.out += data
            return len(data)
        return 0

    def wait_for(self, markers, since=0, timeout=30.0, need=all):
        """Seconds (perf_counter) when every marker (or, with need=any, one) has appeared after
        offset `since`; None on timeout."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if need(m in self.out[max(0, since - len(m)):] for m in markers):
                return time.perf_counter()
            self.pump(deadline - time.perf_counter())
        return None

    def wait_any(self, markers, since=0, timeout=5.0):
        return self.wait_for(markers, since, timeout, need=any)

    def drain(self, seconds):
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            self.pump(end - time.perf_counter())

    def send(self, text):
        os.write(self.fd, text.encode())

    def cpu_seconds(self):
        """CPU time of every thread, in nanoseconds from schedstat (the clock ticks of
        /proc/PID/stat are 10 ms, too coarse for an idle program over 20 s)."""
        total = 0
        for task in os.listdir(f"/proc/{self.proc.pid}/task"):
            try:
                with open(f"/proc/{self.proc.pid}/task/{task}/schedstat") as f:
                    total += int(f.read().split()[0])
            except OSError:
                pass
        return total / 1e9

    def status(self, key):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) / 1024
        return None

    def close(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        os.close(self.fd)
        if self.own_cache:
            shutil.rmtree(self.own_cache, ignore_errors=True)


FIRST_FRAME = [b"loading history", b"filter"]
LOADED = [b"History read"]
HELP = [b"closes", b"move the selection", b"this help"]


def large_console(bin_, root):
    """First frame, full picture, keystrokes while loading and peak RSS on the large root."""
    c = Console([bin_, "--root", root, "--read-only"])
    try:
        first = c.wait_for(FIRST_FRAME, timeout=30)
        keys = []
        loaded = None
        while first is not None and loaded is None:
            if any(m in c.out for m in LOADED):
                loaded = time.perf_counter()
                break
            mark = len(c.out)
            sent = time.perf_counter()
            c.send("?")
            seen = c.wait_any(HELP + LOADED, since=mark, timeout=3)
            if seen is not None and not any(m in c.out[mark:] for m in LOADED):
                keys.append(seen - sent)
            c.send("?")  # any key closes the help
            c.drain(0.1)
        if loaded is None:
            loaded = c.wait_for(LOADED, timeout=120)
        c.drain(1.0)
        return {
            "first_frame_s": round(first - c.started, 3) if first else None,
            "full_picture_s": round(loaded - c.started, 3) if loaded else None,
            "keystroke_ms_median": round(median(keys) * 1000, 1) if keys else None,
            "keystroke_ms_p95": round(p95(keys) * 1000, 1) if keys else None,
            "keystroke_ms_max": round(max(keys) * 1000, 1) if keys else None,
            "keystroke_samples": len(keys),
            "peak_rss_mb": round(c.status("VmHWM"), 1), "rss_after_load_mb": round(c.status("VmRSS"), 1),
        }
    finally:
        c.close()


RESTORED = re.compile(rb"History from checkpoint \(([0-9]+) MB verified, ([0-9]+) MB read\) in ([0-9.]+) s")


def restart(bin_, root):
    """A console on the large root is started, reads the whole history, quits; a second one
    is started with the same cache (the dropped SSH session): time to the full picture of each,
    the second from its checkpoint."""
    cache = tempfile.mkdtemp(prefix="sitrep-bench-restart-")
    argv = [bin_, "--root", root, "--read-only"]
    try:
        c = Console(argv, cache=cache)
        try:
            loaded = c.wait_for(LOADED, timeout=600)
            if loaded is None:
                return {"error": "the first console never finished loading"}
            cold = loaded - c.started
            c.drain(0.5)
            quit_sent = time.perf_counter()
            c.send("q")
            c.proc.wait(60)
            quit_s = time.perf_counter() - quit_sent
        finally:
            c.close()
        checkpoint_bytes = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(cache) for f in fs)
        c = Console(argv, cache=cache)
        try:
            done = c.wait_any([b"History from checkpoint"] + LOADED, timeout=600)
            c.drain(0.5)
            found = RESTORED.search(bytes(c.out))
            return {
                "cold_full_picture_s": round(cold, 3),
                "restart_full_picture_s": round(done - c.started, 3) if done else None,
                "from_checkpoint": found is not None,
                "verified_mb": int(found.group(1)) if found else None,
                "read_mb": int(found.group(2)) if found else None,
                "quit_s": round(quit_s, 3), "checkpoint_kb": round(checkpoint_bytes / 1024, 1),
            }
        finally:
            c.close()
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def append_line(path, obj):
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(fd, (json.dumps(obj, separators=(",", ":")) + "\n").encode())
    finally:
        os.close(fd)


def iso_now():
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def change_to_screen(bin_, root, inotify, samples, poll_interval, load_timeout=30, nofile=None):
    argv = [bin_, "--root", root, "--read-only", "--poll-interval", str(poll_interval)]
    if not inotify:
        argv.append("--no-inotify")
    journal = os.path.join(root, "incidents", "incident_events.jsonl")
    os.makedirs(os.path.dirname(journal), exist_ok=True)
    c = Console(argv, nofile=nofile)
    latencies = []
    try:
        if c.wait_for(LOADED, timeout=load_timeout) is None:
            return {"error": "console never finished loading"}
        c.drain(0.5)
        tag = f"{os.getpid() % 1000:03d}{int(inotify)}"
        import random
        jitter = random.Random(samples)
        for i in range(samples):
            if not inotify:  # land anywhere in the poll cycle, not just after a pass
                c.drain(jitter.uniform(0, poll_interval))
            # The console writes only the cells that changed: a title sharing characters at the
            # same columns with the previous probe's (same row, when the previous resolution and
            # this open land in one stat pass) never appears whole in the output, and the probe
            # used to miss half its samples. Consecutive titles use disjoint alphabets.
            alphabet = "abcdefghijklm" if i % 2 == 0 else "nopqrstuvwxyz"
            token = "".join(jitter.choice(alphabet) for _ in range(16))
            iid = f"INC-BENCH-{tag}-{i}"
            mark = len(c.out)
            sent = time.perf_counter()
            append_line(journal, {"event_type": "incident_open", "incident_id": iid, "severity": "SEV0",
                                  "title": token, "ts": iso_now(), "event_id": iid + "-open", "by": "bench"})
            seen = c.wait_any([token.encode()], since=mark, timeout=poll_interval + 3)
            if seen is not None:
                latencies.append(seen - sent)
            append_line(journal, {"event_type": "incident_resolved", "incident_id": iid, "ts": iso_now(),
                                  "event_id": iid + "-res", "by": "bench", "root_cause": "bench probe"})
            c.drain(0.1)
    finally:
        c.close()
    return {
        "median_ms": round(median(latencies) * 1000, 1) if latencies else None,
        "p95_ms": round(p95(latencies) * 1000, 1) if latencies else None,
        "samples": len(latencies), "missed": samples - len(latencies), "poll_interval_s": poll_interval,
        "out_of_descriptors": b"OUT OF FILE DESCRIPTORS" in c.out,
    }


def idle(argv, seconds, settle_markers, settle_timeout=30):
    c = Console(argv)
    try:
        if settle_markers and c.wait_for(settle_markers, timeout=settle_timeout) is None:
            return {"error": "never settled"}
        c.drain(3.0)
        cpu0, bytes0, t0 = c.cpu_seconds(), len(c.out), time.perf_counter()
        c.drain(seconds)
        cpu1, bytes1, t1 = c.cpu_seconds(), len(c.out), time.perf_counter()
        return {"cpu_percent": round((cpu1 - cpu0) / (t1 - t0) * 100, 3),
                "bytes_per_s": round((bytes1 - bytes0) / (t1 - t0), 1), "seconds": round(t1 - t0, 1),
                "rss_mb": round(c.status("VmRSS"), 1), "peak_rss_mb": round(c.status("VmHWM"), 1)}
    finally:
        c.close()


def machine():
    def first_line(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
        except Exception:
            return None

    cpu = None
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) // 1024
    return {
        "uname": " ".join(platform.uname()), "cpu": cpu, "cores": os.cpu_count(), "memory_mb": mem,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()], "swift": first_line(["swift", "--version"]),
        "python": platform.python_version(), "htop": first_line(["htop", "--version"]),
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def verdict(value, limit, lower_is_better=True):
    if value is None:
        return "n/a"
    return "met" if (value <= limit if lower_is_better else value >= limit) else "NOT MET"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True)
    p.add_argument("--roots", required=True, help="directory holding small/, medium/, large/ and idle/")
    p.add_argument("--out", required=True)
    p.add_argument("--samples", type=int, default=50)
    p.add_argument("--idle-seconds", type=float, default=20)
    p.add_argument("--big-samples", type=int, default=20, help="change-to-screen samples on the big roots")
    a = p.parse_args()
    root = lambda name: os.path.join(a.roots, name)
    results = {"machine": machine()}

    print("ingest…", file=sys.stderr)
    # One paired run on the large root keeps the whole benchmark near ten minutes.
    repeats = {"small": 5, "medium": 3, "large": 1}
    results["ingest"] = {name: ingest(a.bin, root(name), repeats[name]) for name in ("small", "medium", "large")}
    print("large root in the console…", file=sys.stderr)
    results["console_large"] = large_console(a.bin, root("large"))
    print("restart on the large root…", file=sys.stderr)
    results["restart_large"] = restart(a.bin, root("large"))
    print("change to screen…", file=sys.stderr)
    results["change_to_screen"] = {
        "inotify": change_to_screen(a.bin, root("probe"), True, a.samples, 1.0),
        "polling": change_to_screen(a.bin, root("probe"), False, a.samples, 1.0),
    }
    print("idle…", file=sys.stderr)
    ours = idle([a.bin, "--root", root("idle"), "--read-only"], a.idle_seconds, LOADED)
    htop = idle(["htop"], a.idle_seconds, [b"Load average"])
    results["idle"] = {"sitrep": ours, "htop": htop, "terminal": "120x40", "live_countdowns": 5}

    # The big roots, each against the htop figure of this same run: idle CPU and RSS once the
    # history is in, then change to screen (inotify) with the history loaded.
    results["big_roots"] = {}
    for name in ("large", "large10x"):
        print(f"{name}: idle, memory, change to screen…", file=sys.stderr)
        results["big_roots"][name] = {
            "idle": idle([a.bin, "--root", root(name), "--read-only"], a.idle_seconds, LOADED, settle_timeout=600),
            "change_to_screen": change_to_screen(a.bin, root(name), True, a.big_samples, 1.0, load_timeout=600),
        }
    print("2,000 files under ulimit -n 256…", file=sys.stderr)
    results["files2000"] = {
        "files": len(jsonl_files(root("files2000"))), "nofile": 256,
        "change_to_screen": change_to_screen(a.bin, root("files2000"), True, a.big_samples, 1.0, load_timeout=300,
                                             nofile=256),
    }

    ing = results["ingest"]["large"]
    con = results["console_large"]
    cts = results["change_to_screen"]
    rows = [
        ("ingest large (status --json)", f"{ing['sitrep_s']} s", f"python json.loads {ing['python_s']} s",
         f"{ing['speedup']}x faster", ">= 8x", verdict(ing["speedup"], 8, lower_is_better=False)),
        ("first frame, large root", f"{con['first_frame_s']} s", "", "", "< 0.3 s", verdict(con["first_frame_s"], 0.3)),
        ("full picture, large root", f"{con['full_picture_s']} s", "", "", "(progress shown)", ""),
    ]
    rs = results["restart_large"]
    cold, warm = rs.get("cold_full_picture_s"), rs.get("restart_full_picture_s")
    rows += [
        ("restart to full picture, large root", f"{warm} s"
         + ("" if rs.get("from_checkpoint") else " (checkpoint NOT used)"), f"cold start {cold} s",
         f"{round(cold / warm, 1)}x faster" if cold and warm else "", "< 2 s",
         verdict(warm if rs.get("from_checkpoint") else None, 2.0)),
        ("change to screen, inotify", f"median {cts['inotify']['median_ms']} ms, p95 {cts['inotify']['p95_ms']} ms",
         "", "", "median < 50 ms", verdict(cts["inotify"]["median_ms"], 50)),
        ("change to screen, polling 1 s", f"median {cts['polling']['median_ms']} ms, p95 {cts['polling']['p95_ms']} ms",
         "", "", "median < 1050 ms", verdict(cts["polling"]["median_ms"], 1050)),
    ]
    # Every probe says how many of its samples never reached the screen within the timeout.
    for label, probe in (("inotify", cts["inotify"]), ("polling 1 s", cts["polling"])):
        rows.append((f"change to screen, {label}: missed", f"{probe['missed']} of {probe['missed'] + probe['samples']}",
                     "", "", "0", verdict(probe["missed"], 0)))
    for key, unit in (("cpu_percent", "% CPU"), ("bytes_per_s", "B/s")):
        o, h = ours.get(key), htop.get(key)
        ratio = round(o / h, 3) if o is not None and h else None
        rows.append((f"idle {unit} (120x40, 5 countdowns)", f"{o}", f"htop {h}", f"ratio {ratio}", "<= htop",
                     verdict(ratio, 1.0)))
    rows += [
        ("peak RSS, large root loaded", f"{con['peak_rss_mb']} MB", f"status --json {ing['status_peak_rss_mb']} MB",
         "", "< 150 MB", verdict(con["peak_rss_mb"], 150)),
        ("keystroke while loading", f"median {con['keystroke_ms_median']} ms, max {con['keystroke_ms_max']} ms "
         f"({con['keystroke_samples']} keys)", "", "", "< 50 ms", verdict(con["keystroke_ms_max"], 50)),
    ]
    for name, label in (("large", "large root"), ("large10x", "large root, 10x journals")):
        big = results["big_roots"][name]
        i, c2s = big["idle"], big["change_to_screen"]
        o, h = i.get("cpu_percent"), htop.get("cpu_percent")
        ratio = round(o / h, 3) if o is not None and h else None
        rows += [
            (f"idle % CPU, {label}", f"{o}", f"htop {h}", f"ratio {ratio}", "<= htop", verdict(ratio, 1.0)),
            (f"change to screen, {label}", f"median {c2s.get('median_ms')} ms, p95 {c2s.get('p95_ms')} ms, "
             f"missed {c2s.get('missed')}", "", "", "median < 50 ms", verdict(c2s.get("median_ms"), 50)),
            (f"RSS, {label} (loaded, idle)", f"{i.get('rss_mb')} MB (peak {i.get('peak_rss_mb')} MB)", "", "",
             "< 150 MB", verdict(i.get("peak_rss_mb"), 150)),
        ]
    f2k = results["files2000"]["change_to_screen"]
    rows.append((f"{results['files2000']['files']} files, ulimit -n 256: change to screen",
                 f"median {f2k.get('median_ms')} ms, missed {f2k.get('missed')}"
                 + (", OUT OF FILE DESCRIPTORS shown" if f2k.get("out_of_descriptors") else ""),
                 "", "", "no misses", verdict(f2k.get("missed"), 0)))
    results["table"] = [dict(zip(("metric", "sitrep", "baseline", "ratio", "target", "result"), r)) for r in rows]
    with open(a.out, "w") as f:
        json.dump(results, f, indent=2)
        f.write("\n")
    header = ("metric", "sitrep", "baseline", "ratio", "target", "result")
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(6)]
    line = lambda r: "| " + " | ".join(str(v).ljust(w) for v, w in zip(r, widths)) + " |"
    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))


if __name__ == "__main__":
    main()
