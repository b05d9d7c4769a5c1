"""A bot for fork-pool tests: `ballast-serve [exit N] [ARG...]` or `python3 -m ballast.serve`.

Prints one line `BALLAST {json}` with its argv, environment, cwd and pid, then serves
`GET /healthz` on $BOTPOOL_PORT. On SIGTERM it writes $BALLAST_MARKER (default
./ballast.sigterm) and exits 0. With `exit N` as its first arguments it exits N after a
second instead of serving.
"""
import http.server
import json
import os
import signal
import sys
import time

import ballast  # noqa: F401 - the heap the zygote preloaded


class Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"ok\n" if self.path == "/healthz" else b"not found\n"
        self.send_response(200 if self.path == "/healthz" else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def on_sigterm(*_):
    with open(os.environ.get("BALLAST_MARKER", "ballast.sigterm"), "w") as marker:
        marker.write(f"{os.getpid()}\n")
    raise SystemExit(0)


def main():
    report = {"argv": sys.argv, "env": dict(os.environ), "cwd": os.getcwd(), "pid": os.getpid()}
    print("BALLAST " + json.dumps(report), flush=True)
    if sys.argv[1:2] == ["exit"]:
        time.sleep(1)
        return int(sys.argv[2])
    signal.signal(signal.SIGTERM, on_sigterm)
    server = http.server.HTTPServer(("0.0.0.0", int(os.environ["BOTPOOL_PORT"])), Health)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
