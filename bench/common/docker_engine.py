"""The Docker Engine API over its unix socket, stdlib only: what every bench harness talks to
Docker through (bench/controller, bench/soak)."""
import http.client
import json
import os
import socket
import urllib.parse

SOCK = os.environ.get("DOCKER_SOCK", "/var/run/docker.sock")


class UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout=60):
        super().__init__("docker", timeout=timeout)
        self.unix_path = path

    def connect(self):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(self.timeout)
        s.connect(self.unix_path)
        self.sock = s


class DockerError(RuntimeError):
    def __init__(self, method, path, status, body):
        super().__init__(f"docker {method} {path}: {status} {body[:300]!r}")
        self.status = status


def call(method, path, body=None, ok=(200, 201, 204, 304), timeout=60):
    """One request; the decoded JSON answer (None for an empty or non-JSON one). A status not in
    `ok` raises DockerError."""
    conn = UnixHTTPConnection(SOCK, timeout=timeout)
    try:
        headers, data = {}, None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        conn.request(method, path, body=data, headers=headers)
        resp = conn.getresponse()
        raw = resp.read()
        if resp.status not in ok:
            raise DockerError(method, path, resp.status, raw)
        return json.loads(raw) if raw and raw[:1] in (b"{", b"[") else None
    finally:
        conn.close()


def filters_query(filters):
    return urllib.parse.quote(json.dumps(filters))
