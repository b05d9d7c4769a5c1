#!/usr/bin/env python3
"""botpool at scale: N `sleep` bots (pools of --per-pool, --tenants tenants) on the docker backend.

Per size, in order:
  1. convergence: `botpool run` on an empty state dir until /api/v1/status shows every bot Running;
  2. no-op daemon passes (SIGHUP): pass duration from /metrics, the controller's CPU time
     (/proc/PID/stat), Docker and supervisord calls per pass, controller VmRSS;
  3. no-op `botpool run --once`: wall and CPU time (of the child process);
  4. the loader: `botpool validate` of one file of --loader-docs Bot documents (documents/s);
  5. dockerd's floor, measured alone after botpool's pools are gone: create and start as many
     containers of the pool image, each publishing as many ports as a pool, 4 at a time (the
     controller's pool lane), with no bots in them.
With --baseline-bin, steps 3 and 4 also run with that binary on the same layout, and the table
gives after/before ratios measured in this run.

Touches only what it makes: PoolClass `scale`, tenants scale-0..; containers labelled with its own
state dir (removed at exit); host ports 31000-36999; status server 127.0.0.1:20991.
"""
import argparse
import concurrent.futures as cf
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "controller"))
import bench as cb  # noqa: E402  (scrape, metric, proc_status, wait_for, Docker helpers)

LISTEN_PORT = 20991
BASE_PORT = 31000
GOALS = {"noop_daemon_ms": {1000: 100, 5000: 1000}, "loader_docs_per_s": 20000, "converge_1000_s": 20,
         "rss_5000_mb": 100}


def log(msg):
    print(f"scale: {msg}", file=sys.stderr, flush=True)


def write_manifests(mdir, n, per_pool, tenants, publish):
    os.makedirs(mdir)
    pools = (n + per_pool - 1) // per_pool + tenants
    with open(os.path.join(mdir, "class.yaml"), "w") as f:
        f.write("apiVersion: botpool/v1\nkind: PoolClass\nmetadata: {name: scale}\n"
                f"spec: {{image: \"botpool/pool:dev\", maxBots: {per_pool}, maxPools: {pools}, "
                f"basePort: {BASE_PORT}, publish: \"{publish}\"}}\n")
    for t in range(tenants):
        with open(os.path.join(mdir, f"tenant-{t}.yaml"), "w") as f:
            f.write(bot_documents(range(t, n, tenants), tenant=f"scale-{t}"))


def bot_documents(indices, tenant):
    return "".join(
        f"---\napiVersion: botpool/v1\nkind: Bot\nmetadata: {{name: bot-{i:05d}, tenant: {tenant}}}\n"
        f"spec:\n  poolClass: scale\n  command: [sleep, infinity]\n" for i in indices)


def cpu_seconds(pid):
    """utime + stime of a live process, in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def status(token):
    req = urllib.request.Request(f"http://127.0.0.1:{LISTEN_PORT}/api/v1/status",
                                 headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.load(r)


def daemon_phase(binary, n, mdir, sdir, work, noop_passes, perf=None):
    """Convergence from empty, then no-op passes on SIGHUP, measured on one daemon."""
    token = "scale-" + os.urandom(8).hex()
    tfile = os.path.join(work, "token")
    with open(tfile, "w") as f:
        f.write(token)
    os.chmod(tfile, 0o600)
    cb.LISTEN_PORT = LISTEN_PORT
    out = open(os.path.join(work, "daemon.log"), "w")
    t0 = time.monotonic()
    daemon = subprocess.Popen([binary, "run", "--manifests", mdir, "--state-dir", sdir, "--listen",
                               f"127.0.0.1:{LISTEN_PORT}", "--token-file", tfile, "--resync", "600"],
                              stdout=out, stderr=subprocess.STDOUT)
    try:
        def all_running():
            bots = status(token).get("bots", [])
            return len(bots) == n and all(b.get("phase") == "Running" for b in bots)
        cb.wait_for(all_running, 600, step=0.25, what=f"{n} bots Running")
        converge = time.monotonic() - t0
        log(f"{n} bots Running after {converge:.1f} s")
        time.sleep(2)  # probes and any pass they started settle

        passes = lambda s: cb.metric(s, "botpool_pass_duration_seconds_count")
        calls = lambda s, system: cb.metric(s, "botpool_call_duration_seconds_count", system=system)
        noop = []
        recorder = None
        if perf:  # the no-op passes only, sampled with call graphs
            recorder = subprocess.Popen(["perf", "record", "-g", "-F", "999", "-p", str(daemon.pid), "-o", perf],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(1)
        for _ in range(noop_passes):
            # /metrics measures every pool's PSS (smaps_rollup of each process) when scraped: scrape
            # only outside the measured window and watch the pass through the status API.
            before = cb.scrape(token)
            # finishedAt has whole seconds: the summary with the pass's duration tells passes apart.
            last = json.dumps(status(token)["lastPass"], sort_keys=True)
            cpu0 = cpu_seconds(daemon.pid)
            daemon.send_signal(signal.SIGHUP)
            cb.wait_for(lambda: json.dumps(status(token)["lastPass"], sort_keys=True) != last, 60, step=0.2,
                        what="a SIGHUP pass")
            cpu1 = cpu_seconds(daemon.pid)
            after = cb.scrape(token)
            done = passes(after) - passes(before)
            took = cb.metric(after, "botpool_pass_duration_seconds_sum") - cb.metric(before, "botpool_pass_duration_seconds_sum")
            noop.append({
                "pass_s": took / done, "cpu_s": (cpu1 - cpu0) / done, "passes": done,
                "docker_calls": (calls(after, "docker") - calls(before, "docker")) / done,
                "supervisord_calls": (calls(after, "supervisord") - calls(before, "supervisord")) / done,
                "actions": cb.metric(after, "botpool_actions_total") - cb.metric(before, "botpool_actions_total"),
            })
            time.sleep(0.5)
        if recorder:
            recorder.send_signal(signal.SIGINT)
            recorder.wait(60)
        return {"converge_s": converge, "noop": noop, "rss_mb": cb.proc_status(daemon.pid, "VmRSS") / 1024}
    finally:
        daemon.send_signal(signal.SIGTERM)
        try:
            daemon.wait(30)
        except subprocess.TimeoutExpired:
            daemon.kill()


def timed(argv, log_path):
    """Wall and CPU seconds of one child process, and its exit status."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    with open(log_path, "w") as out:
        rc = subprocess.call(argv, stdout=out, stderr=subprocess.STDOUT)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, rc


def once_phase(binary, mdir, sdir, work, reps, tag, perf=None):
    if perf:  # one extra, unmeasured run under perf
        timed(["perf", "record", "-g", "-F", "999", "-o", perf, "--", binary, "run", "--once", "--manifests", mdir,
               "--state-dir", sdir], os.path.join(work, f"once-{tag}-perf.log"))
    runs = []
    for r in range(reps):
        wall, cpu, rc = timed([binary, "run", "--once", "--manifests", mdir, "--state-dir", sdir],
                              os.path.join(work, f"once-{tag}-{r}.log"))
        if rc != 0:
            raise RuntimeError(f"run --once ({tag}) exited {rc}: {work}/once-{tag}-{r}.log")
        runs.append({"wall_s": wall, "cpu_s": cpu})
    return runs


def loader_phase(binary, docs, work, tag):
    path = os.path.join(work, "loader.yaml")
    if not os.path.exists(path):
        with open(path, "w") as f:
            f.write("apiVersion: botpool/v1\nkind: PoolClass\nmetadata: {name: scale}\n"
                    f"spec: {{image: \"botpool/pool:dev\", maxBots: 20, maxPools: {docs // 20 + 1}, basePort: 1024}}\n")
            f.write(bot_documents(range(docs), tenant="scale-0"))
    wall, cpu, rc = timed([binary, "validate", path], os.path.join(work, f"validate-{tag}.log"))
    if rc != 0:
        raise RuntimeError(f"validate ({tag}) exited {rc}: {work}/validate-{tag}.log")
    return {"docs": docs, "wall_s": wall, "cpu_s": cpu, "docs_per_s": docs / wall}


def docker_floor(pools, per_pool, publish, parallel=4):
    """Seconds for dockerd alone to create and start `pools` containers like the pools (image,
    published port ranges), `parallel` at a time; removed again before returning."""
    label = "io.botpool.bench-floor"

    def spec(k):
        base = BASE_PORT + k * per_pool
        body = {"Image": "botpool/pool:dev", "Cmd": ["sleep", "infinity"], "Labels": {label: "scale"},
                "HostConfig": {}}
        if publish:
            ports = [f"{p}/tcp" for p in range(base, base + per_pool)]
            body["ExposedPorts"] = {p: {} for p in ports}
            body["HostConfig"]["PortBindings"] = {p: [{"HostIp": publish, "HostPort": p.split("/")[0]}] for p in ports}
        return body

    def create_start(k):
        created = cb.docker("POST", f"/containers/create?name=bp-scale-floor-{k}", spec(k))
        cb.docker("POST", f"/containers/{created['Id']}/start")

    cb.remove_containers([c["Id"] for c in cb.list_containers(label=label)])
    t0 = time.monotonic()
    try:
        with cf.ThreadPoolExecutor(parallel) as ex:
            list(ex.map(create_start, range(pools)))
        return time.monotonic() - t0
    finally:
        cb.remove_containers([c["Id"] for c in cb.list_containers(label=label)])


def remove_pools(sdir):
    ids = [c["Id"] for c in cb.list_containers(label=f"io.botpool.state-dir={sdir}")]
    if ids:
        log(f"removing {len(ids)} pool containers")
        cb.remove_containers(ids)
    # A removal another caller started (409) may still be running: the network goes once no
    # container is left on it; one that cannot go is reported, never fatal to the table.
    deadline = time.monotonic() + 120
    while cb.list_containers(label=f"io.botpool.state-dir={sdir}") and time.monotonic() < deadline:
        time.sleep(1)
    for net in cb.docker("GET", "/networks") or []:
        if (net.get("Labels") or {}).get("io.botpool.state-dir", "") == sdir:
            try:
                cb.docker("DELETE", f"/networks/{net['Id']}", ok=(200, 204, 404))
            except Exception as e:  # noqa: BLE001
                log(f"network {net.get('Name')} left behind: {e}")


def median(values):
    values = sorted(values)
    return values[len(values) // 2] if values else float("nan")


def report(results, args):
    lines = [f"# {args.command}", "", "| size | measure | botpool | baseline | ratio | goal |", "| --- | --- | --- | --- | --- | --- |"]

    def row(n, what, value, base=None, goal=""):
        ratio = f"{value / base:.2f}x" if base else ""
        lines.append(f"| {n} | {what} | {value:.3f} | {'' if base is None else f'{base:.3f}'} | {ratio} | {goal} |")

    for r in results:
        if "error" in r:
            lines.append(f"| {r['n']} | failed | {r['error']} | | | |")
            continue
        n, d = r["n"], r["daemon"]
        ports = f"{r['pools'] * args.per_pool} ports published on {args.publish}" if args.publish else "no published ports"
        row(n, f"converge from empty, s (all bots Running; {ports})", d["converge_s"], goal="<= 20" if n == 1000 else "")
        if "floor_s" in r:
            row(n, f"  dockerd alone: create+start {r['pools']} containers like the pools, s", r["floor_s"])
        row(n, "no-op daemon pass, s (median, /metrics)", median([p["pass_s"] for p in d["noop"]]),
            goal=f"<= {GOALS['noop_daemon_ms'].get(n, '-')} ms")
        row(n, "  controller CPU per no-op pass, s (median; with 0.2 s status polls)", median([p["cpu_s"] for p in d["noop"]]))
        row(n, "  Docker calls per no-op pass", median([p["docker_calls"] for p in d["noop"]]))
        row(n, "  supervisord calls per no-op pass", median([p["supervisord_calls"] for p in d["noop"]]),
            goal=f"= pools ({r['pools']})")
        row(n, "  actions in no-op passes", sum(p["actions"] for p in d["noop"]), goal="0")
        row(n, "controller VmRSS, MB", d["rss_mb"], goal="<= 100 at 5000")
        base = r.get("baseline") or {}
        for key, what in (("wall_s", "no-op run --once wall, s"), ("cpu_s", "no-op run --once CPU, s")):
            row(n, what + " (median)", median([o[key] for o in r["once"]]),
                median([o[key] for o in base["once"]]) if base else None)
        row(n, f"validate {r['loader']['docs']} docs, docs/s", r["loader"]["docs_per_s"],
            base["loader"]["docs_per_s"] if base else None, goal=">= 20000")
    return "\n".join(lines) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("sizes", nargs="*", type=int, default=[1000, 5000])
    p.add_argument("--per-pool", type=int, default=20)
    p.add_argument("--tenants", type=int, default=5)
    p.add_argument("--noop-passes", type=int, default=5)
    p.add_argument("--once-reps", type=int, default=3)
    p.add_argument("--loader-docs", type=int, default=20000)
    p.add_argument("--baseline-bin", help="a second botpool binary for the no-op --once and validate ratios")
    p.add_argument("--publish", default="127.0.0.1",
                   help='host IP the pools publish bot ports on; "" publishes none (bots reached through the proxy)')
    p.add_argument("--keep", action="store_true", help="keep the work directory")
    p.add_argument("--perf", metavar="FILE", help="perf record -g the daemon during the no-op passes into FILE")
    p.add_argument("--perf-once", metavar="FILE", help="perf record -g one extra no-op run --once into FILE")
    args = p.parse_args()
    args.command = os.environ.get("BENCH_COMMAND", "bench/scale/run.sh")
    binary = os.environ["BOTPOOL_BIN"]
    here = os.path.dirname(os.path.abspath(__file__))
    results = []
    for n in args.sizes:
        work = tempfile.mkdtemp(prefix=f"bp-scale-{n}-")
        mdir, sdir = os.path.join(work, "manifests"), os.path.join(work, "state")
        os.makedirs(sdir)
        write_manifests(mdir, n, args.per_pool, args.tenants, args.publish)
        previous = signal.signal(signal.SIGINT, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
        try:
            log(f"{n} bots: daemon from empty")
            daemon = daemon_phase(binary, n, mdir, sdir, work, args.noop_passes, args.perf)
            log(f"{n} bots: no-op run --once x{args.once_reps}")
            r = {"n": n, "pools": len(cb.list_containers(label=f"io.botpool.state-dir={sdir}")), "daemon": daemon,
                 "once": once_phase(binary, mdir, sdir, work, args.once_reps, "botpool", args.perf_once),
                 "loader": loader_phase(binary, args.loader_docs, work, "botpool")}
            if args.baseline_bin:
                r["baseline"] = {"once": once_phase(args.baseline_bin, mdir, sdir, work, args.once_reps, "baseline"),
                                 "loader": loader_phase(args.baseline_bin, args.loader_docs, work, "baseline")}
            results.append(r)
        except Exception as e:  # noqa: BLE001  (a size that fails is reported; the next still runs)
            log(f"{n} bots: failed: {e!r}")
            results.append({"n": n, "error": repr(e)})
        finally:
            signal.signal(signal.SIGINT, previous)
            remove_pools(sdir)
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
        if results[-1].get("pools"):
            log(f"{n} bots: dockerd alone, {results[-1]['pools']} containers")
            try:
                results[-1]["floor_s"] = docker_floor(results[-1]["pools"], args.per_pool, args.publish)
            except Exception as e:  # noqa: BLE001  (the table says it is missing)
                log(f"{n} bots: dockerd floor failed: {e!r}")
        table = report(results, args)
        print(table, flush=True)
        # One pair of files per publish mode, so that both can be kept side by side.
        name = "results" if args.publish == "127.0.0.1" else f"results-publish-{args.publish or 'none'}"
        with open(os.path.join(here, f"{name}.json"), "w") as f:
            json.dump({"command": args.command, "load": os.getloadavg(), "results": results}, f, indent=1)
        with open(os.path.join(here, f"{name}.md"), "w") as f:
            f.write(table)
    return 0 if all("error" not in r for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
