"""The `botpool run` processes of the soak: the daemon (restarted after each kill -9, so it is a
series of instances), the short-lived second controller of the `second-controller` fault, and a
monitor that samples the daemon's RSS and /metrics every 10 s.

Each instance logs JSON lines to its own file, so a kill -9 mid-line never mixes two
processes' output and logs.py can read every pass and action afterwards.
"""
import os
import re
import signal
import subprocess
import threading
import urllib.error
import urllib.request

METRIC_LINE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$")


class Instance:
    def __init__(self, n, proc, started, log_path):
        self.n, self.proc, self.started, self.log_path = n, proc, started, log_path
        self.ended = None
        self.how_ended = None
        self.metrics = None       # the last /metrics scrape: the pass histogram of this process


class Daemon:
    def __init__(self, binary, manifests, state_dir, work, listen_port, clock):
        self.binary, self.manifests, self.state_dir, self.work = binary, manifests, state_dir, work
        self.listen_port, self.clock = listen_port, clock
        self.token = os.urandom(16).hex()
        self.token_file = os.path.join(work, "token")
        fd = os.open(self.token_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(self.token)
        self.instances = []
        self.lock = threading.Lock()

    def argv(self, listen):
        return [self.binary, "run", "--manifests", self.manifests, "--state-dir", self.state_dir,
                "--listen", listen, "--token-file", self.token_file, "--log-format", "json"]

    def start(self):
        n = len(self.instances)
        path = os.path.join(self.work, f"daemon-{n}.log")
        with open(path, "w") as log:
            proc = subprocess.Popen(self.argv(f"127.0.0.1:{self.listen_port}"), stdout=log,
                                    stderr=subprocess.STDOUT, start_new_session=True)
        with self.lock:
            self.instances.append(Instance(n, proc, self.clock(), path))
        return self.instances[-1]

    @property
    def current(self):
        with self.lock:
            return self.instances[-1] if self.instances else None

    def kill9(self):
        """kill -9 of the running instance (scrape_into it first to keep its pass histogram)."""
        inst = self.current
        inst.proc.send_signal(signal.SIGKILL)
        inst.proc.wait()
        inst.ended, inst.how_ended = self.clock(), "SIGKILL"

    def stop(self):
        inst = self.current
        if inst is None or inst.proc.poll() is not None:
            return
        self.scrape_into(inst)
        inst.proc.send_signal(signal.SIGTERM)
        try:
            inst.proc.wait(30)
            inst.how_ended = f"SIGTERM, exit {inst.proc.returncode}"
        except subprocess.TimeoutExpired:
            inst.proc.kill()
            inst.proc.wait()
            inst.how_ended = "SIGTERM ignored for 30 s, then SIGKILL"
        inst.ended = self.clock()

    def http(self, path, timeout=5):
        req = urllib.request.Request(f"http://127.0.0.1:{self.listen_port}{path}",
                                     headers={"Authorization": f"Bearer {self.token}"})
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.read().decode()

    def scrape_into(self, inst):
        try:
            text = self.http("/metrics")
        except (OSError, urllib.error.URLError):
            return
        if inst is not None and inst.proc.poll() is None:
            inst.metrics = parse_metrics(text)

    def rss_kb(self):
        inst = self.current
        try:
            with open(f"/proc/{inst.proc.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return inst.n, int(line.split()[1])
        except (OSError, AttributeError):
            pass
        return None


def parse_metrics(text):
    """[(name, {label: value}, value)] of a Prometheus text page."""
    out = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        m = METRIC_LINE.match(line)
        if not m:
            continue
        labels = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', m.group(2) or ""))
        try:
            out.append((m.group(1), labels, float(m.group(3))))
        except ValueError:
            pass
    return out


class Monitor(threading.Thread):
    """RSS of the daemon and a /metrics scrape, every `period` seconds."""

    def __init__(self, daemon, clock, period=10.0):
        super().__init__(name="monitor", daemon=True)
        self.daemon_, self.clock, self.period = daemon, clock, period
        self.stop_event = threading.Event()
        self.rss = []             # (t, instance, kB)

    def run(self):
        while not self.stop_event.wait(self.period):
            sample = self.daemon_.rss_kb()
            if sample:
                self.rss.append((self.clock(), *sample))
            self.daemon_.scrape_into(self.daemon_.current)

    def stop(self):
        self.stop_event.set()
        self.join(15)


class Second:
    """A second `botpool run` on the same manifests and state dir, no status server."""

    def __init__(self, daemon, n):
        self.log_path = os.path.join(daemon.work, f"second-{n}.log")
        with open(self.log_path, "w") as log:
            self.proc = subprocess.Popen(daemon.argv("none"), stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True)

    def stop(self):
        if self.proc.poll() is not None:
            return f"exited {self.proc.returncode} by itself"
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(30)
            return f"SIGTERM, exit {self.proc.returncode}"
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return "SIGTERM ignored for 30 s, then SIGKILL"
