#!/usr/bin/env python3
"""The swarm backend against the Docker backend, in one run on one 3-node lab.

  1. converge: N light HTTP bots (classes of maxBots 10, so N/10 pools) from empty until a
     `botpool run --once` pass plans nothing (every bot placed and RUNNING in supervisord).
     Docker backend: lab node1's daemon (one node). Swarm backend: the swarm through node1
     (the manager), pools spread over the three nodes. The nodes share one machine's CPU, so
     this compares control-plane cost, not capacity.
  2. no-op pass: `botpool run --once` on the converged state, R times; the pass's own duration
     from its log line (p50, p95), and the calls a pass makes by design.

Prints a table and writes bench/swarm/results.json. Needs root, the lab (`scripts/swarm-lab up 3`,
started here when down) and a release botpool (BOTPOOL_BIN).
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
LAB = os.path.join(ROOT, "scripts", "swarm-lab")
MANAGER = "unix:///run/botpool-lab/node1.sock"
BIN = os.environ["BOTPOOL_BIN"]
BASE_PORT = 25000
INSTANCE = "bench"

SERVER = """import os
from http.server import BaseHTTPRequestHandler, HTTPServer
class H(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200); self.end_headers(); self.wfile.write(b"ok")
    def log_message(self, *a): pass
HTTPServer(("0.0.0.0", int(os.environ["BOTPOOL_PORT"])), H).serve_forever()
"""


def log(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def manifests(directory, n):
    os.makedirs(directory, exist_ok=True)
    body = "\n".join("        " + line for line in SERVER.splitlines())
    docs = [f"""apiVersion: botpool/v1
kind: PoolClass
metadata:
  name: light
spec:
  image: botpool/pool:dev
  maxBots: 10
  maxPools: {n // 10 + 5}
  memoryLimit: 256Mi
  basePort: {BASE_PORT}
  publish: 0.0.0.0
  tenancy: dedicated
  nodePlacement: spread
"""]
    for i in range(n):
        docs.append(f"""apiVersion: botpool/v1
kind: Bot
metadata:
  name: b{i}
  tenant: bench
spec:
  poolClass: light
  command: ["python3", "server.py"]
  files:
    server.py: |
{body}
  resources: {{memory: 16Mi}}
""")
    with open(os.path.join(directory, "bench.yaml"), "w") as f:
        f.write("---\n".join(docs))


def once(args):
    """One `run --once` pass: (wall seconds, pass seconds, actions, converged)."""
    t0 = time.monotonic()
    run = subprocess.run([BIN, "run", "--once", "--log-format", "json"] + args, capture_output=True, text=True)
    wall = time.monotonic() - t0
    for line in (run.stdout + run.stderr).splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if entry.get("message") == "pass finished":
            return wall, float(entry["seconds"]), int(entry["actions"]), entry["converged"] == "true"
    raise SystemExit(f"bench: no pass in the output of run --once:\n{run.stdout}{run.stderr}")


def converge(args, limit=900):
    t0 = time.monotonic()
    passes = 0
    while time.monotonic() - t0 < limit:
        _, _, actions, converged = once(args)
        passes += 1
        if actions == 0 and converged:
            return time.monotonic() - t0, passes
    raise SystemExit(f"bench: not converged after {limit} s")


def noop(args, rounds):
    seconds = [once(args)[1] for _ in range(rounds)]
    seconds.sort()
    return statistics.median(seconds), seconds[max(0, int(round(0.95 * len(seconds))) - 1)]


def clean(state):
    subprocess.run(["sh", "-c", f"docker -H {MANAGER} service ls -q --filter label=io.botpool.instance={INSTANCE} | "
                    f"xargs -r docker -H {MANAGER} service rm"], capture_output=True)
    subprocess.run(["sh", "-c", f"docker -H {MANAGER} ps -aq --filter label=io.botpool.state-dir={state} | "
                    f"xargs -r docker -H {MANAGER} rm -f"], capture_output=True)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    rounds = int(os.environ.get("BENCH_NOOP_ROUNDS", "10"))
    if subprocess.run([LAB, "status"], capture_output=True, text=True).stdout.count("Ready") < 3:
        log("starting the 3-node lab")
        subprocess.run([LAB, "up", "3"], check=True, stdout=subprocess.DEVNULL)
    work = tempfile.mkdtemp(prefix="botpool-swarm-bench-")
    results = {"bots": n, "pools": (n + 9) // 10}
    try:
        mdir = os.path.join(work, "manifests")
        manifests(mdir, n)
        for backend in ["docker", "swarm"]:
            state = os.path.join(work, f"state-{backend}")
            args = ["--manifests", mdir, "--state-dir", state, "--docker-host", MANAGER, "--backend", backend,
                    "--swarm-instance", INSTANCE, "--allow-mass-delete"]
            clean(state)
            log(f"{backend}: converging {n} bots")
            seconds, passes = converge(args)
            p50, p95 = noop(args, rounds)
            results[backend] = {"converge_s": round(seconds, 1), "passes": passes,
                                "noop_pass_p50_ms": round(p50 * 1000), "noop_pass_p95_ms": round(p95 * 1000)}
            log(f"{backend}: {results[backend]}")
            # Empty manifests, then passes until nothing is left: the next backend starts from empty.
            os.rename(os.path.join(mdir, "bench.yaml"), os.path.join(work, "bench.yaml"))
            converge(args)
            os.rename(os.path.join(work, "bench.yaml"), os.path.join(mdir, "bench.yaml"))
            clean(state)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    pools = results["pools"]
    results["calls_per_noop_pass"] = {
        "docker": f"1 Docker list + 3 supervisord per pool = {1 + 3 * pools}",
        "swarm": f"3 manager lists (nodes, services, tasks) + 3 supervisord per pool = {3 + 3 * pools}",
    }
    results["command"] = os.environ.get("BENCH_COMMAND", "bench/swarm/run.sh")
    with open(os.path.join(HERE, "results.json"), "w") as f:
        json.dump(results, f, indent=2)
    d, s = results["docker"], results["swarm"]
    print(f"{'':28}{'docker (node1)':>16}{'swarm (3 nodes)':>17}")
    print(f"{'converge ' + str(n) + ' bots (s)':28}{d['converge_s']:>16}{s['converge_s']:>17}")
    print(f"{'  passes':28}{d['passes']:>16}{s['passes']:>17}")
    print(f"{'no-op pass p50 (ms)':28}{d['noop_pass_p50_ms']:>16}{s['noop_pass_p50_ms']:>17}")
    print(f"{'no-op pass p95 (ms)':28}{d['noop_pass_p95_ms']:>16}{s['noop_pass_p95_ms']:>17}")
    print(f"{'calls per no-op pass':28}{1 + 3 * pools:>16}{3 + 3 * pools:>17}")
    print(f"swarm/docker converge ratio: {s['converge_s'] / d['converge_s']:.2f}")


if __name__ == "__main__":
    main()
