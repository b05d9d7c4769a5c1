#!/usr/bin/env python3
"""A Docker Engine API proxy on a unix socket that hides every container but the bench's.

    docker_scope_proxy.py LISTEN_SOCKET LABEL=VALUE [UPSTREAM_SOCKET]

botpool owns every container labelled io.botpool.managed-by=botpool on its daemon: a pool of a
class its manifests do not declare is removed. On a Docker daemon shared with other botpool
controllers (other people's tests), the benchmark's controller would remove their pools. Given
as --docker-host, this proxy adds `label=LABEL=VALUE` to every container list, so the
controller sees (and touches) only the benchmark's pools. Everything else passes through.
"""
import http.client
import json
import os
import socket
import socketserver
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler

LISTEN, SCOPE = sys.argv[1], sys.argv[2]
UPSTREAM = sys.argv[3] if len(sys.argv) > 3 else "/var/run/docker.sock"
# The controller's ownership label, stored under another key on the daemon: other botpool
# controllers sharing the daemon (e2e suites) list by the real key, so they never see (and never
# remove) the bench's pools. Renamed on the way in, renamed back on the way out.
OWN, HIDDEN = b'"io.botpool.managed-by"', b'"io.botpool.bench-managed-by"'
OWN_Q, HIDDEN_Q = "io.botpool.managed-by=", "io.botpool.bench-managed-by="
HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}


class Upstream(http.client.HTTPConnection):
    def __init__(self):
        super().__init__("docker", timeout=300)

    def connect(self):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(self.timeout)
        s.connect(UPSTREAM)
        self.sock = s


def scoped(path):
    parts = urllib.parse.urlsplit(path)
    if not parts.path.rstrip("/").endswith("/containers/json"):
        return path
    query = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
    filters = json.loads(query.get("filters", ["{}"])[0] or "{}")
    labels = filters.get("label", [])
    if isinstance(labels, dict):  # the old map form {"k=v": true}
        labels = [k for k, v in labels.items() if v]
    filters["label"] = [label.replace(OWN_Q, HIDDEN_Q) for label in labels] + [SCOPE]
    query["filters"] = [json.dumps(filters)]
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query, doseq=True)))


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def address_string(self):
        return "unix"

    def log_message(self, format, *args):
        pass

    def forward(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        if body:
            body = body.replace(OWN, HIDDEN)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP and k.lower() != "content-length"}
        up = Upstream()
        try:
            up.request(self.command, scoped(self.path), body=body, headers=headers)
            resp = up.getresponse()
            data = resp.read().replace(HIDDEN, OWN)
            self.send_response(resp.status, resp.reason)
            for k, v in resp.getheaders():
                if k.lower() not in HOP and k.lower() != "content-length":
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            # No write for an empty body (a 204 of /start): the client has the whole answer once
            # it has the headers and may close at once; writing b"" to the closed socket then
            # fails with EPIPE, which looked as if the client had left before the answer.
            if data and self.command != "HEAD":
                self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            # The client closed the connection before the whole answer was written; say which.
            print(f"docker-scope-proxy: client left before the answer to {self.command} {self.path}",
                  file=sys.stderr, flush=True)
            self.close_connection = True
        finally:
            up.close()

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = forward


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    # socketserver's default backlog is 5: a unix socket refuses a connect outright when the
    # backlog is full, and botpool runs up to 16 actions at once (dockerd's own socket takes 4096).
    request_queue_size = 128
    daemon_threads = True


if __name__ == "__main__":
    if os.path.exists(LISTEN):
        os.unlink(LISTEN)
    with Server(LISTEN, Handler) as server:
        print("ready", flush=True)
        server.serve_forever()
