#!/usr/bin/env python3
"""Proxy overhead: one quickstart bot under a real `botpool run`, the same GET sent at a steady
rate straight to the bot's port and through the status server's /bots/<tenant>/<name>/ proxy,
in the same run. Prints p50/p99 of each and the difference; writes bench/proxy/results.json.

    bench/proxy/run.sh [--rate 100] [--requests 1000]
"""
import argparse
import http.client
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def get(host, port, path, headers):
    """One request on a new connection (as a browser tab or a script would); seconds, status."""
    start = time.perf_counter()
    connection = http.client.HTTPConnection(host, port, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return time.perf_counter() - start, response.status
    finally:
        connection.close()


def paced(rate, count, call):
    """`count` calls started every 1/rate s (not back to back); the latencies of the 2xx ones."""
    interval = 1.0 / rate
    latencies, failures = [], 0
    next_at = time.perf_counter()
    for _ in range(count):
        delay = next_at - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        next_at += interval
        seconds, status = call()
        if 200 <= status < 300:
            latencies.append(seconds)
        else:
            failures += 1
    return latencies, failures


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def wait_until(what, seconds, check):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit(f"bench: timed out waiting for {what}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--botpool", required=True)
    parser.add_argument("--rate", type=float, default=100)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--listen-port", type=int, default=19181)
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="botpool-bench-proxy-")
    manifests, state = os.path.join(work, "manifests"), os.path.join(work, "state")
    shutil.copytree(os.path.join(ROOT, "examples/quickstart"), manifests)
    token = "bench-" + os.urandom(8).hex()
    token_file = os.path.join(work, "token")
    with open(os.open(token_file, os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
        f.write(token)
    common = ["--manifests", manifests, "--state-dir", state]
    log = open(os.path.join(work, "daemon.log"), "w")
    daemon = subprocess.Popen([args.botpool, "run", "--listen", f"127.0.0.1:{args.listen_port}", "--token-file", token_file]
                              + common, stdout=log, stderr=log)
    try:
        wait_until("the bot on its port", 120, lambda: get("127.0.0.1", 9100, "/", {})[1] == 200)
        proxied_headers = {"X-Botpool-Token": token}
        path = "/bots/default/hello/"
        wait_until("the proxy", 60, lambda: get("127.0.0.1", args.listen_port, path, proxied_headers)[1] == 200)
        for _ in range(50):  # warm both paths
            get("127.0.0.1", 9100, "/", {})
            get("127.0.0.1", args.listen_port, path, proxied_headers)
        direct, direct_failed = paced(args.rate, args.requests, lambda: get("127.0.0.1", 9100, "/", {}))
        proxied, proxied_failed = paced(args.rate, args.requests,
                                        lambda: get("127.0.0.1", args.listen_port, path, proxied_headers))
    finally:
        daemon.send_signal(signal.SIGKILL)
        daemon.wait()
        for name in os.listdir(manifests):
            os.remove(os.path.join(manifests, name))
        subprocess.run([args.botpool, "run", "--once", "--allow-mass-delete", "--listen", "none"] + common,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # The emptied pool outlives that pass (its class is gone with the manifests, and with it
        # the empty-pool TTL): remove what this state dir made by its label.
        left = subprocess.run(["docker", "ps", "-aq", "--filter", f"label=io.botpool.state-dir={state}"],
                              capture_output=True, text=True).stdout.split()
        if left:
            subprocess.run(["docker", "rm", "-f"] + left, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)

    def ms(values, p):
        return round(percentile(values, p) * 1000, 3)

    result = {
        "rate": args.rate, "requests": args.requests,
        "direct": {"p50Ms": ms(direct, 50), "p99Ms": ms(direct, 99), "meanMs": round(statistics.mean(direct) * 1000, 3),
                   "failed": direct_failed},
        "proxied": {"p50Ms": ms(proxied, 50), "p99Ms": ms(proxied, 99), "meanMs": round(statistics.mean(proxied) * 1000, 3),
                    "failed": proxied_failed},
    }
    result["overheadP50Ms"] = round(result["proxied"]["p50Ms"] - result["direct"]["p50Ms"], 3)
    result["overheadP99Ms"] = round(result["proxied"]["p99Ms"] - result["direct"]["p99Ms"], 3)
    print(f"{'path':<10} {'p50 ms':>8} {'p99 ms':>8} {'failed':>7}   ({args.requests} GETs at {args.rate:g}/s, new connection each)")
    for name in ("direct", "proxied"):
        row = result[name]
        print(f"{name:<10} {row['p50Ms']:>8} {row['p99Ms']:>8} {row['failed']:>7}")
    print(f"overhead   {result['overheadP50Ms']:>8} {result['overheadP99Ms']:>8}")
    with open(os.path.join(ROOT, "bench/proxy/results.json"), "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
