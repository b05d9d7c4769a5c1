"""Docker Engine API over the unix socket (stdlib only), and the soak's container scope.

The soak touches only containers labelled with its class AND its state dir: the Docker daemon
is shared with the test suite and other benches, whose pools must never be hit by a fault or
removed by the clean-up.
"""
import http.client
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from docker_engine import SOCK, DockerError, UnixHTTPConnection, call, filters_query  # noqa: E402,F401  (bench/common)

LABEL_POOL = "io.botpool.pool"
LABEL_CLASS = "io.botpool.class"
LABEL_STATE = "io.botpool.state-dir"
LABEL_BASE_PORT = "io.botpool.base-port"


class Scope:
    """The soak's own pools: class label and state-dir label both ours."""

    def __init__(self, pool_class, state_dir):
        self.pool_class = pool_class
        self.state_dir = state_dir

    @property
    def labels(self):
        return [f"{LABEL_CLASS}={self.pool_class}", f"{LABEL_STATE}={self.state_dir}"]

    def containers(self):
        q = filters_query({"label": self.labels})
        return call("GET", f"/containers/json?all=1&filters={q}")

    def remove_all(self):
        """Force-removes every container of the scope (clean-up); returns how many."""
        gone = 0
        for c in self.containers():
            # Checked again here, not only by the filter: never remove a container not ours.
            labels = c.get("Labels") or {}
            if labels.get(LABEL_CLASS) == self.pool_class and labels.get(LABEL_STATE) == self.state_dir:
                call("DELETE", f"/containers/{c['Id']}?force=1&v=1", ok=(200, 204, 404, 409))
                gone += 1
        return gone

    def events(self, since=None):
        """An open connection streaming container events of the scope, one JSON object a line
        (from `since`, a unix time, when given). The caller reads `resp.readline()` and shuts
        the socket down to stop."""
        q = filters_query({"type": ["container"], "label": self.labels,
                           "event": ["create", "start", "die", "kill", "destroy"]})
        conn = UnixHTTPConnection(SOCK, timeout=None)
        conn.request("GET", f"/events?filters={q}" + (f"&since={since}" if since else ""))
        resp = conn.getresponse()
        if resp.status != 200:
            raise DockerError("GET", "/events", resp.status, resp.read())
        return conn, resp


def wait_ready(timeout):
    """Waits for the daemon to answer /_ping (it may be restarting: the daemon is shared with
    the test suite); True when it does."""
    end = time.monotonic() + timeout
    while True:
        try:
            call("GET", "/_ping", timeout=5)
            return True
        except (OSError, DockerError, http.client.HTTPException):
            if time.monotonic() > end:
                return False
            time.sleep(1)


def exec_detached(container, argv):
    """Runs argv in the container (as root) and returns its exit code."""
    created = call("POST", f"/containers/{container}/exec", {"Cmd": argv, "AttachStdout": False,
                                                             "AttachStderr": False})
    call("POST", f"/exec/{created['Id']}/start", {"Detach": True, "Tty": False})
    for _ in range(100):
        info = call("GET", f"/exec/{created['Id']}/json")
        if not info.get("Running"):
            return info.get("ExitCode")
        time.sleep(0.05)
    return None


def inspect(container):
    return call("GET", f"/containers/{container}/json", ok=(200, 404))
