"""The soak's pool containers as Docker sees them: a sampled list (duplicates, fault targets)
and the event stream (every create and destroy, with its time, for the per-fault accounting).

Container names are deterministic per (class, tenant, index), so two live containers of one
pool should be impossible; the duplicate the issue saw was sequential (created, destroyed,
created again). The sample catches the first kind, the events the second.
"""
import json
import socket
import threading
import time

import docker_api
from docker_api import LABEL_BASE_PORT, LABEL_POOL


class Pool:
    __slots__ = ("name", "id", "state", "base_port")

    def __init__(self, c):
        labels = c.get("Labels") or {}
        self.name = labels.get(LABEL_POOL, "?")
        self.id = c["Id"]
        self.state = c.get("State", "?")
        self.base_port = int(labels.get(LABEL_BASE_PORT, "0") or 0)


class Inventory(threading.Thread):
    def __init__(self, scope, clock, period=2.0):
        super().__init__(name="inventory", daemon=True)
        self.scope, self.clock, self.period = scope, clock, period
        self.stop_event = threading.Event()
        self.lock = threading.Lock()
        self.pools = []           # last sample
        self.duplicates = []      # (t, pool, [container ids])
        self.samples = 0
        self.errors = 0

    def sample(self):
        pools = [Pool(c) for c in self.scope.containers()]
        by_name = {}
        for p in pools:
            by_name.setdefault(p.name, []).append(p.id)
        t = self.clock()
        with self.lock:
            self.pools = pools
            self.samples += 1
            for name, ids in by_name.items():
                if len(ids) > 1:
                    self.duplicates.append((t, name, [i[:12] for i in ids]))
        return pools

    def run(self):
        while not self.stop_event.is_set():
            try:
                self.sample()
            except Exception:  # noqa: BLE001  a busy daemon may time out; the next sample counts
                self.errors += 1
            self.stop_event.wait(self.period)

    def running(self):
        with self.lock:
            return [p for p in self.pools if p.state == "running"]

    def pool_of_port(self, port, max_bots):
        with self.lock:
            for p in self.pools:
                if p.base_port <= port < p.base_port + max_bots:
                    return p
        return None

    def stop(self):
        self.stop_event.set()
        self.join(10)


class Events(threading.Thread):
    """Streams the scope's container events: (t, action, container id, pool).

    The Docker daemon is shared: the test suite's fault tests restart it. A dropped stream is
    such an outage (kept in `gaps`, so faults overlapping one can be set apart); the stream is
    opened again with `since`, so events of a short drop are replayed."""

    def __init__(self, scope, clock_of_wall):
        super().__init__(name="events", daemon=True)
        self.scope, self.clock_of_wall = scope, clock_of_wall
        self.events = []
        self.gaps = []            # [t stream lost, t back (None while down)]
        self.lock = threading.Lock()
        self.conn = None
        self.stopping = False
        self.ready = threading.Event()
        self.since = None
        self.seen = set()

    def run(self):
        while not self.stopping:
            try:
                self.conn, resp = self.scope.events(self.since)
                self.ready.set()
                with self.lock:
                    if self.gaps and self.gaps[-1][1] is None:
                        self.gaps[-1][1] = self.clock_of_wall(time.time())
                self.read(resp)
            except Exception:  # noqa: BLE001  dockerd gone (restart) or stopping
                pass
            if self.stopping:
                return
            with self.lock:
                if not self.gaps or self.gaps[-1][1] is not None:
                    self.gaps.append([self.clock_of_wall(time.time()), None])
            time.sleep(1)

    def read(self, resp):
        while True:
            line = resp.readline()
            if not line:
                return
            ev = json.loads(line)
            key = (ev.get("timeNano"), ev.get("id"), ev.get("Action"))
            if key in self.seen:
                continue  # replayed after a reconnect
            self.seen.add(key)
            attrs = (ev.get("Actor") or {}).get("Attributes") or {}
            wall = ev.get("timeNano", 0) / 1e9
            self.since = f"{wall:.9f}"
            with self.lock:
                self.events.append((self.clock_of_wall(wall), ev.get("Action", ev.get("status", "?")),
                                    ev.get("id", "")[:12], attrs.get(LABEL_POOL, "?")))

    @property
    def outages(self):
        with self.lock:
            return [[round(a, 2), None if b is None else round(b, 2)] for a, b in self.gaps] or None

    def snapshot(self):
        with self.lock:
            return list(self.events)

    def stop(self):
        self.stopping = True
        if self.conn is not None and self.conn.sock is not None:
            try:
                self.conn.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.join(5)
