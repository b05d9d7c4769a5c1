#!/usr/bin/env python3
"""botpool vs the legacy one-container-per-bot layout, measured in one run.

Run through bench/controller/run.sh (it builds the release binary and sets BOTPOOL_BIN).
Python 3 stdlib only. Needs root (smaps_rollup of container processes, the Docker socket).

Phases, in order (each layout is measured alone, the other one torn down):
  0. warm-up: one throwaway container of the image, so neither layout pays a cold page cache
  1. legacy : N containers (one bot each) created+started via the Engine API in parallel;
              time until every bot answers /healthz; memory (PSS) of that layout; tear down
  2. botpool: N Bot manifests; time from launching `botpool run --once` (empty state) until
              every bot answers /healthz; memory of that layout
  3. no-op  : `botpool run --once` on the converged state (wall time, several repetitions)
  4. daemon : `botpool run --listen ...`; Docker/supervisord calls of one no-op pass from
              /metrics (delta around a SIGHUP-triggered pass); controller VmRSS
  5. edits  : E edits of one bot's env (atomic rename); write -> bot answers with a new pid
Everything created is removed at exit (containers by our own names/labels only).
"""
import argparse
import concurrent.futures as cf
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
import docker_engine  # noqa: E402  (bench/common: Docker over its unix socket)

IMAGE = "botpool/pool:dev"
DOCKER_SOCK = docker_engine.SOCK
LEGACY_PREFIX = "legacy-bench-"
LEGACY_LABEL = "io.botpool.bench"          # legacy containers: label io.botpool.bench=legacy
CLASS = "bench"
TENANT = "bench"
BASE_PORT = 20000          # botpool bots: 20000..
LEGACY_BASE_PORT = 20500   # legacy bots: 20500..
LISTEN_PORT = 20990        # daemon status server
MAX_BOTS = 10               # --max-bots
RUNTIME = "exec"            # --runtime: exec, or fork (one zygote per pool that has imported http.server)
DOCKER_HOST_ARGS = []       # --docker-host of the scope proxy (see docker_scope_proxy.py)
PROXY_PID = None            # the scope proxy's pid: its CPU is the bench's, not botpool's

SERVER_PY = '''\
import os
from http.server import BaseHTTPRequestHandler, HTTPServer

PORT = int(os.environ["BOTPOOL_PORT"])
BOT = os.environ.get("BOTPOOL_BOT", "unknown")
GREETING = os.environ.get("GREETING", "hello")


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/healthz":
            body = f"ok {BOT}\\n"
        elif self.path == "/pid":
            body = f"{os.getpid()} {BOT} {GREETING}\\n"
        else:
            body = f"{GREETING} from {BOT}\\n"
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):
        pass


HTTPServer(("0.0.0.0", PORT), Handler).serve_forever()
'''


class PoolsVanished(RuntimeError):
    """Our pools disappeared under us: another botpool controller on the daemon removed them."""


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- Docker Engine API (unix socket)

def docker(method, path, body=None, ok=(200, 201, 204, 304)):
    return docker_engine.call(method, path, body=body, ok=ok, timeout=120)


def list_containers(label=None, name=None):
    filters = {}
    if label:
        filters["label"] = [label]
    if name:
        filters["name"] = [name]
    q = urllib.request.quote(json.dumps(filters))
    return docker("GET", f"/containers/json?all=1&filters={q}")


def remove_containers(ids):
    with cf.ThreadPoolExecutor(16) as ex:
        list(ex.map(lambda i: docker("DELETE", f"/containers/{i}?force=1&v=1", ok=(200, 204, 404, 409)), ids))


def our_legacy_containers():
    return [c for c in list_containers(name=LEGACY_PREFIX)
            if any(n.lstrip("/").startswith(LEGACY_PREFIX) for n in c["Names"])]


def our_pool_containers():
    return [c for c in list_containers(label=f"io.botpool.class={CLASS}")
            if (c["Labels"].get("io.botpool.managed-by") or c["Labels"].get("io.botpool.bench-managed-by")) == "botpool"
            and c["Labels"].get("io.botpool.tenant") == TENANT]


# ---------------------------------------------------------------- probes

def http_get(port, path, timeout=0.5):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        body = resp.read().decode(errors="replace")
        return resp.status, body
    finally:
        conn.close()


ROUND_S = 0.1  # the prober's cadence: the times below are this coarse


def wait_healthy(ports, expect_bots, t0, deadline_s, workers=4, give_up=None):
    """Polls /healthz on `ports` until the set of bot names answering equals `expect_bots`.
    Returns (seconds since t0 when the last bot first answered, {bot: seconds}).

    A round over the ports that have not answered starts every ROUND_S. The prober shares the
    machine with what it measures: 32 threads polling 100 ports every 20 ms took 1.2 cores of
    this 2-core VM by themselves (from both layouts alike); 4 threads every 100 ms take 0.1-0.2."""
    first = {}
    lock = threading.Lock()
    pending = set(ports)
    stop = time.monotonic() + deadline_s

    def probe(port):
        try:
            status, body = http_get(port, "/healthz", timeout=0.3)
        except (OSError, http.client.HTTPException):
            return port, None
        if status == 200 and body.startswith("ok "):
            return port, body.split()[1]
        return port, None

    with cf.ThreadPoolExecutor(workers) as ex:
        while time.monotonic() < stop:
            round_start = time.monotonic()
            for port, bot in ex.map(probe, sorted(pending)):
                if bot is not None:
                    with lock:
                        pending.discard(port)
                        first.setdefault(bot, time.monotonic() - t0)
            if set(first) >= expect_bots:
                return max(first[b] for b in expect_bots), first
            if give_up is not None and give_up():
                break
            elapsed = time.monotonic() - round_start
            if elapsed < ROUND_S:
                time.sleep(ROUND_S - elapsed)
    missing = sorted(expect_bots - set(first))
    raise RuntimeError(f"{len(missing)} bots never answered /healthz (e.g. {missing[:5]})")


# ---------------------------------------------------------------- memory (PSS)

def host_cpu():
    """(busy, total) jiffies of the whole machine, from /proc/stat: busy is all but idle and iowait."""
    with open("/proc/stat") as f:
        ticks = [int(x) for x in f.readline().split()[1:]]
    return sum(ticks) - ticks[3] - ticks[4], sum(ticks)


def cpu_since(start):
    """Busy CPU seconds of the whole machine since `start` (from host_cpu), and the busy share."""
    busy, total = host_cpu()
    hz = os.sysconf("SC_CLK_TCK")
    return (busy - start[0]) / hz, (busy - start[0]) / max(1, total - start[1])


def pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return 0
    return 0


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Rss:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return 0
    return 0


def uss_kb(pid):
    """Private_Clean + Private_Dirty: what the process alone holds (freed if it exits)."""
    total = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith(("Private_Clean:", "Private_Dirty:")):
                    total += int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return 0
    return total


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def ppid(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return int(f.read().rsplit(")", 1)[1].split()[1])
    except OSError:
        return 0


def all_pids():
    return [int(p) for p in os.listdir("/proc") if p.isdigit()]


def cgroup_procs(container_id):
    """Processes of the container from its cgroup (v1 cgroupfs or v2 systemd/cgroupfs)."""
    candidates = [
        f"/sys/fs/cgroup/pids/docker/{container_id}/cgroup.procs",
        f"/sys/fs/cgroup/memory/docker/{container_id}/cgroup.procs",
        f"/sys/fs/cgroup/docker/{container_id}/cgroup.procs",
        f"/sys/fs/cgroup/system.slice/docker-{container_id}.scope/cgroup.procs",
    ]
    for path in candidates:
        try:
            with open(path) as f:
                return [int(x) for x in f.read().split()]
        except OSError:
            continue
    return None


def container_cpu_s(container_id):
    """CPU seconds used by the container's processes since it started, exited ones included (cgroup)."""
    for path, field, scale in (
            (f"/sys/fs/cgroup/cpuacct/docker/{container_id}/cpuacct.usage", None, 1e-9),
            (f"/sys/fs/cgroup/docker/{container_id}/cpu.stat", "usage_usec", 1e-6),
            (f"/sys/fs/cgroup/system.slice/docker-{container_id}.scope/cpu.stat", "usage_usec", 1e-6)):
        try:
            with open(path) as f:
                text = f.read()
        except OSError:
            continue
        if field is None:
            return int(text) * scale
        for line in text.splitlines():
            key, _, value = line.partition(" ")
            if key == field:
                return int(value) * scale
    raise RuntimeError(f"no CPU accounting found for container {container_id[:12]} (cgroup v1 cpuacct or v2 cpu.stat)")


def process_cpu_s(pid):
    """(own, reaped children's) CPU seconds of a process: its own from /proc/PID/schedstat (in
    ns: a bot's few milliseconds do not round to 0 clock ticks), its children's from /proc/PID/stat."""
    try:
        with open(f"/proc/{pid}/schedstat") as f:
            own = int(f.read().split()[0]) * 1e-9
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0, 0.0
    cutime, cstime = (int(x) for x in fields[13:15])
    return own, (cutime + cstime) / os.sysconf("SC_CLK_TCK")


def proxy_cpu_s():
    """CPU seconds the scope proxy has used (0 without it)."""
    return process_cpu_s(PROXY_PID)[0] if PROXY_PID else 0.0


def pool_cpu_by_kind(container_ids):
    """CPU seconds inside the pools by kind of process: supervisord, zygotes (fork runtime), the
    bots' launchers (`botpool-launch`, after `env` and `setpriv` exec'd into it), the bots (forked
    by a zygote, or exec'd), and what exited before this look (runc's init, helpers)."""
    kinds = {"supervisord": 0.0, "zygotes": 0.0, "launchers": 0.0, "bots": 0.0, "exited": 0.0}
    for cid in container_ids:
        total = container_cpu_s(cid)
        procs = cgroup_procs(cid) or []
        supervisord = {p for p in procs if "supervisord" in cmdline(p)}
        seen = 0.0
        for p in procs:
            own, _ = process_cpu_s(p)
            c = cmdline(p)
            if p in supervisord:
                kind = "supervisord"
            elif "zygote.py" in c and ppid(p) in supervisord:
                kind = "zygotes"
            elif "botpool-launch" in c:
                kind = "launchers"
            else:
                kind = "bots"
            kinds[kind] += own
            seen += own
        kinds["exited"] += max(0.0, total - seen)
    return kinds


def descendants(root_pid):
    children = {}
    for p in all_pids():
        children.setdefault(ppid(p), []).append(p)
    out, stack = [], [root_pid]
    while stack:
        p = stack.pop()
        out.append(p)
        stack.extend(children.get(p, []))
    return out


def measure_layout(container_ids, ports, is_infra_in_container):
    """PSS of every process of the layout, split into bot and infrastructure processes.
    `is_infra_in_container(cmdline)` says which in-container processes are infrastructure."""
    groups = {"bots": [], "shims": [], "proxies": [], "supervisord": []}
    for cid in container_ids:
        info = docker("GET", f"/containers/{cid}/json", ok=(200, 404))
        if not info or not info["State"].get("Running") or not info["State"].get("Pid"):
            raise PoolsVanished(f"container {cid[:12]} went away while its memory was read")
        init = info["State"]["Pid"]
        procs = cgroup_procs(info["Id"]) or descendants(init)
        for p in procs:
            (groups["supervisord"] if is_infra_in_container(cmdline(p)) else groups["bots"]).append(p)
        shim = ppid(init)
        if "containerd-shim" in cmdline(shim):
            groups["shims"].append(shim)
        else:
            raise RuntimeError(f"parent of container {cid[:12]} init is not a shim: {cmdline(shim)!r}")
    want = {str(p) for p in ports}
    for p in all_pids():
        c = cmdline(p)
        if "docker-proxy" not in c.split(" ", 1)[0]:
            continue
        m = re.search(r"-host-port (\d+)", c)
        h = re.search(r"-host-ip (\S+)", c)
        if m and m.group(1) in want and h and h.group(1) == "127.0.0.1":
            groups["proxies"].append(p)
    kb = {k: sum(pss_kb(p) for p in v) for k, v in groups.items()}
    counts = {k: len(v) for k, v in groups.items()}
    uss = {k: sum(uss_kb(p) for p in v) for k, v in groups.items()}
    rss = {k: sum(rss_kb(p) for p in v) for k, v in groups.items()}
    return kb, counts, uss, rss


# ---------------------------------------------------------------- legacy layout

def run_legacy(n, work, parallel):
    data_root = os.path.join(work, "legacy")
    os.makedirs(data_root)
    bots, ports = set(), []
    specs = []
    for i in range(n):
        name = f"bot-{i:03d}"
        port = LEGACY_BASE_PORT + i
        d = os.path.join(data_root, name)
        os.makedirs(d)
        with open(os.path.join(d, "server.py"), "w") as f:
            f.write(SERVER_PY)
        bots.add(name)
        ports.append(port)
        specs.append((f"{LEGACY_PREFIX}{i:03d}", {
            "Image": IMAGE,
            "Cmd": ["python3", "server.py"],
            "WorkingDir": "/bot",
            "Env": [f"BOTPOOL_PORT={port}", f"BOTPOOL_BOT={name}", "BOTPOOL_TENANT=bench",
                    "BOTPOOL_DATA_DIR=/bot", "GREETING=hello"],
            "Labels": {LEGACY_LABEL: "legacy"},
            "ExposedPorts": {f"{port}/tcp": {}},
            "HostConfig": {
                "Binds": [f"{d}:/bot"],
                "PortBindings": {f"{port}/tcp": [{"HostIp": "127.0.0.1", "HostPort": str(port)}]},
            },
        }))

    def create_start(item):
        name, body = item
        docker("POST", f"/containers/create?name={name}", body)
        docker("POST", f"/containers/{name}/start")

    log(f"legacy: creating+starting {n} containers ({parallel} in parallel)")
    cpu0, bench0 = host_cpu(), time.process_time()
    t0 = time.monotonic()
    # The prober runs alongside the API calls, as the botpool measurement polls alongside the controller.
    with cf.ThreadPoolExecutor(1) as waiter:
        fut = waiter.submit(wait_healthy, ports, bots, t0, 300)
        with cf.ThreadPoolExecutor(parallel) as ex:
            list(ex.map(create_start, specs))
        api_done = time.monotonic() - t0
        total, first = fut.result()
    cpu_s, busy = cpu_since(cpu0)
    bench_cpu = time.process_time() - bench0
    ids = [c["Id"] for c in our_legacy_containers()]
    in_containers = sum(container_cpu_s(cid) for cid in ids)
    log(f"legacy: API calls done in {api_done:.2f} s, all {n} healthy at {total:.2f} s")
    time.sleep(2)  # let the just-started processes settle before reading PSS
    kb, counts, uss, rss = measure_layout(ids, ports, lambda c: False)
    return {"uss_kb": uss, "rss_kb": rss, "converge_s": total, "api_s": api_done, "loadavg": os.getloadavg()[0],
            "host_cpu_s": cpu_s, "host_busy": busy, "container_cpu_s": in_containers, "bench_cpu_s": bench_cpu,
            "first_bot_s": min(first.values()),
            "median_bot_s": statistics.median(first.values()), "containers": len(ids), "pss_kb": kb, "procs": counts}


# ---------------------------------------------------------------- botpool layout

def dockerd_alone(n, parallel, pool_parallel=4):
    """What dockerd alone needs for each layout's containers and published ports, with no bot,
    no supervisord and no controller: `sleep` containers of the same image, created and started
    as each layout's are (legacy: n containers of one port, `parallel` at a time; botpool: its
    pools' count of containers with MAX_BOTS ports each, 4 at a time as the controller does).
    The ratio of the two is what the layout change can save in dockerd's work."""
    def shape(containers, ports_each, base, at_once):
        specs = []
        for i in range(containers):
            ports = range(base + i * ports_each, base + (i + 1) * ports_each)
            specs.append((f"{LEGACY_PREFIX}alone-{i:03d}", {
                "Image": IMAGE, "Cmd": ["sleep", "infinity"], "Labels": {LEGACY_LABEL: "legacy"},
                "ExposedPorts": {f"{p}/tcp": {} for p in ports},
                "HostConfig": {"PortBindings": {f"{p}/tcp": [{"HostIp": "127.0.0.1", "HostPort": str(p)}] for p in ports}},
            }))

        def create_start(item):
            name, body = item
            docker("POST", f"/containers/create?name={name}", body)
            docker("POST", f"/containers/{name}/start")

        cpu0 = host_cpu()
        t0 = time.monotonic()
        with cf.ThreadPoolExecutor(at_once) as ex:
            list(ex.map(create_start, specs))
        wall = time.monotonic() - t0
        cpu_s, busy = cpu_since(cpu0)
        remove_containers([c["Id"] for c in our_legacy_containers()])
        time.sleep(2)
        return {"containers": containers, "ports_each": ports_each, "parallel": at_once, "s": wall,
                "host_cpu_s": cpu_s, "host_busy": busy}

    pools = (n + MAX_BOTS - 1) // MAX_BOTS
    log(f"dockerd alone: {n} containers of 1 port ({parallel} at once), then {pools} of {MAX_BOTS} ports (4 at once)")
    return {"legacy": shape(n, 1, LEGACY_BASE_PORT, parallel), "botpool": shape(pools, MAX_BOTS, BASE_PORT, pool_parallel)}


def write_atomic(path, text):
    d, base = os.path.split(path)
    tmp = os.path.join(d, f".{base}.tmp")
    with open(tmp, "w") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.rename(tmp, path)


def bot_manifest(i, greeting="hello"):
    indented = "\n".join(("      " + line) if line else "" for line in SERVER_PY.splitlines())
    return f"""apiVersion: botpool/v1
kind: Bot
metadata:
  name: bot-{i:03d}
  tenant: {TENANT}
spec:
  poolClass: {CLASS}
  command: {'["python3", "-m", "server"]' if RUNTIME == "fork" else '["python3", "server.py"]'}
  env:
    GREETING: "{greeting}"
  files:
    server.py: |
{indented}
  resources: {{memory: 32Mi}}
  health:
    http: {{path: /healthz}}
    periodSeconds: 5
"""


def write_manifests(mdir, n):
    os.makedirs(mdir)
    maxpools = 500 // MAX_BOTS  # the class's ports stay in 20000-20499
    if (n + MAX_BOTS - 1) // MAX_BOTS > maxpools:
        raise RuntimeError(f"{n} bots in pools of {MAX_BOTS} do not fit ports 20000-20499")
    with open(os.path.join(mdir, "poolclass.yaml"), "w") as f:
        f.write(f"""apiVersion: botpool/v1
kind: PoolClass
metadata:
  name: {CLASS}
spec:
  image: {IMAGE}
  maxBots: {MAX_BOTS}
  maxPools: {maxpools}
  memoryLimit: 1Gi
  basePort: {BASE_PORT}
  publish: 127.0.0.1
  tenancy: dedicated
""" + ("  runtime: {fork: {python: /usr/bin/python3, preload: [http.server]}}\n" if RUNTIME == "fork" else ""))
    for i in range(n):
        with open(os.path.join(mdir, f"bot-{i:03d}.yaml"), "w") as f:
            f.write(bot_manifest(i))


def botpool_ports(n):
    pools = (n + MAX_BOTS - 1) // MAX_BOTS
    return list(range(BASE_PORT, BASE_PORT + pools * MAX_BOTS))


def run_botpool(binary, n, work):
    mdir = os.path.join(work, "manifests")
    sdir = os.path.join(work, "state")
    write_manifests(mdir, n)
    os.makedirs(sdir)
    bots = {f"bot-{i:03d}" for i in range(n)}
    ports = botpool_ports(n)
    log(f"botpool: run --once on {n} bots from empty")
    cpu0, bench0, proxy0 = host_cpu(), time.process_time(), proxy_cpu_s()
    t0 = time.monotonic()
    with open(os.path.join(work, "once-1.log"), "w") as out:
        proc = subprocess.Popen([binary, "run", "--once", "--manifests", mdir, "--state-dir", sdir] + DOCKER_HOST_ARGS,
                                stdout=out, stderr=subprocess.STDOUT)
    try:
        exited_at = []

        def give_up():
            # `run --once` is done and some bots still do not answer 10 s later: it failed.
            # WNOWAIT: look without reaping, so wait4 below still gets its rusage.
            done = os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
            if done and not exited_at:
                exited_at.append(time.monotonic())
            return bool(exited_at) and time.monotonic() - exited_at[0] > 10

        total, first = wait_healthy(ports, bots, t0, 120, give_up=give_up)
        cpu_s, busy = cpu_since(cpu0)
        bench_cpu = time.process_time() - bench0 + proxy_cpu_s() - proxy0
        pool_ids = [c["Id"] for c in our_pool_containers()]
        in_containers = sum(container_cpu_s(cid) for cid in pool_ids)
        by_kind = pool_cpu_by_kind(pool_ids)
    except RuntimeError as e:
        proc.kill()
        proc.wait()
        raise PoolsVanished(f"{e}; pools now: {[c['Names'][0] for c in our_pool_containers()]} "
                           f"(another botpool controller on this Docker daemon may have removed them); "
                           f"see {work}/once-1.log") from None
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = rc = os.waitstatus_to_exitcode(status)
    once_s = time.monotonic() - t0
    log(f"botpool: all {n} healthy at {total:.2f} s; --once exited {rc} at {once_s:.2f} s")
    if rc != 0:
        raise RuntimeError(f"botpool run --once exited {rc}; see {work}/once-1.log")
    pools = our_pool_containers()
    time.sleep(2)
    kb, counts, uss, rss = measure_layout([c["Id"] for c in pools], ports, lambda c: "supervisord" in c)
    return {"uss_kb": uss, "rss_kb": rss, "converge_s": total, "once_exit_s": once_s, "host_cpu_s": cpu_s, "host_busy": busy,
            "container_cpu_s": in_containers, "pool_cpu_by_kind": by_kind, "bench_cpu_s": bench_cpu,
            "once_cpu_s": usage.ru_utime + usage.ru_stime, "loadavg": os.getloadavg()[0], "first_bot_s": min(first.values()),
            "median_bot_s": statistics.median(first.values()), "pools": len(pools), "pss_kb": kb, "procs": counts,
            "manifests": mdir, "state": sdir}


def summarize_rounds(runs):
    """The last round's measurements, with convergence times as the median over all rounds."""
    out = dict(runs[-1])
    for key in ("converge_s", "api_s", "once_exit_s", "once_cpu_s", "host_cpu_s", "host_busy", "container_cpu_s",
                "bench_cpu_s", "first_bot_s", "median_bot_s"):
        if key in out:
            out[key] = statistics.median(run[key] for run in runs)
    out["rounds"] = [dict(run) for run in runs]
    return out


def noop_once(binary, mdir, sdir, work, reps):
    walls = []
    for r in range(reps):
        t0 = time.monotonic()
        with open(os.path.join(work, f"noop-{r}.log"), "w") as out:
            rc = subprocess.call([binary, "run", "--once", "--manifests", mdir, "--state-dir", sdir] + DOCKER_HOST_ARGS,
                                 stdout=out, stderr=subprocess.STDOUT)
        walls.append(time.monotonic() - t0)
        if rc != 0:
            raise RuntimeError(f"no-op --once exited {rc}; see {work}/noop-{r}.log")
    # The binary's own start-up, for reference: --help does no I/O.
    t0 = time.monotonic()
    subprocess.call([binary, "--help"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    startup = time.monotonic() - t0
    return {"wall_s": walls, "median_s": statistics.median(walls), "binary_startup_s": startup}


# ---------------------------------------------------------------- daemon: metrics, RSS, edits

def scrape(token):
    req = urllib.request.Request(f"http://127.0.0.1:{LISTEN_PORT}/metrics",
                                 headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(req, timeout=5) as r:
        text = r.read().decode()
    samples = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        key, _, value = line.rpartition(" ")
        try:
            samples[key] = float(value)
        except ValueError:
            pass
    return samples


def metric(samples, name, **labels):
    total = 0.0
    for key, v in samples.items():
        m = re.match(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?$", key)
        if not m or m.group(1) != name:
            continue
        got = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', m.group(2) or ""))
        if all(got.get(k) == v2 for k, v2 in labels.items()):
            total += v
    return total


def proc_status(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def wait_for(cond, timeout, step=0.05, what="condition"):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            v = cond()
            if v:
                return v
        except Exception:
            pass
        time.sleep(step)
    raise RuntimeError(f"timed out waiting for {what}")


def pid_of(port):
    status, body = http_get(port, "/pid", timeout=0.3)
    if status != 200:
        raise RuntimeError(f"/pid answered {status}")
    return body.split()


def run_daemon_phase(binary, n, work, mdir, sdir, edits, state):
    token = "bench-" + os.urandom(8).hex()
    tfile = os.path.join(work, "token")
    with open(tfile, "w") as f:
        f.write(token)
    os.chmod(tfile, 0o600)
    dlog = open(os.path.join(work, "daemon.log"), "w")
    daemon = subprocess.Popen([binary, "run", "--manifests", mdir, "--state-dir", sdir] + DOCKER_HOST_ARGS + [
                               "--listen", f"127.0.0.1:{LISTEN_PORT}", "--token-file", tfile, "--resync", "30"],
                              stdout=dlog, stderr=subprocess.STDOUT)
    state["daemon"] = daemon
    res = {}
    passes = lambda s: metric(s, "botpool_pass_duration_seconds_count")
    wait_for(lambda: passes(scrape(token)) >= 1, 60, what="the daemon's first pass")
    time.sleep(1.0)  # first probes land; any probe-triggered pass settles
    res["rss_after_convergence_kb"] = proc_status(daemon.pid, "VmRSS")
    res["pss_after_convergence_kb"] = pss_kb(daemon.pid)
    res["threads"] = proc_status(daemon.pid, "Threads")

    # One no-op pass, triggered by SIGHUP, counted from /metrics.
    calls = lambda s: {sysname: metric(s, "botpool_call_duration_seconds_count", system=sysname)
                       for sysname in ("docker", "supervisord")}
    noop = []
    for _ in range(3):
        before = scrape(token)
        daemon.send_signal(signal.SIGHUP)
        wait_for(lambda: passes(scrape(token)) >= passes(before) + 1, 30, what="a SIGHUP pass")
        time.sleep(0.3)
        after = scrape(token)
        cb, ca = calls(before), calls(after)
        dp = passes(after) - passes(before)
        dsum = metric(after, "botpool_pass_duration_seconds_sum") - metric(before, "botpool_pass_duration_seconds_sum")
        noop.append({"passes": dp, "docker_calls": ca["docker"] - cb["docker"],
                     "supervisord_calls": ca["supervisord"] - cb["supervisord"],
                     "pass_seconds": dsum / dp if dp else None,
                     "actions": metric(after, "botpool_actions_total") - metric(before, "botpool_actions_total")})
    res["noop_passes"] = noop

    # Edits: rewrite one bot's manifest with a new env value; time until it answers with a new pid.
    port = BASE_PORT  # bot-000 is the first bot placed: pool 0, slot 0
    pid0, bot0, _ = wait_for(lambda: pid_of(port), 30, step=0.05, what=f"port {port} answering /pid")
    if bot0 != "bot-000":
        # Placement is the controller's business: find bot-000's port.
        for p in botpool_ports(n):
            if wait_for(lambda: pid_of(p), 30, step=0.05, what=f"port {p} answering /pid")[1] == "bot-000":
                port = p
                pid0 = pid_of(p)[0]
                break
    path = os.path.join(mdir, "bot-000.yaml")
    pools_before = {c["Id"] for c in our_pool_containers()}
    lat = []
    for e in range(edits):
        greeting = f"edit-{e}"
        before_pid = wait_for(lambda: pid_of(port)[0], 10, step=0.01, what="bot-000 answering /pid")
        text = bot_manifest(0, greeting)
        t0 = time.monotonic()
        write_atomic(path, text)
        end = t0 + 30
        while True:
            try:
                pid, bot, g = pid_of(port)
                if pid != before_pid and g == greeting:
                    break
            except (OSError, http.client.HTTPException, ValueError):
                pass
            if time.monotonic() > end:
                raise RuntimeError(f"edit {e}: bot-000 did not come back with a new pid within 30 s")
            time.sleep(0.002)
        lat.append(time.monotonic() - t0)
        time.sleep(0.3)  # let the pass finish (supervisord startsecs etc.) before the next edit
    res["edit_latency_s"] = lat
    # A pool recreated during the edits (removed by another controller on a shared daemon and
    # replaced by ours) explains a multi-second outlier.
    res["pools_replaced_during_edits"] = len(pools_before - {c["Id"] for c in our_pool_containers()})
    res["rss_after_edits_kb"] = proc_status(daemon.pid, "VmRSS")
    res["restarts_metric"] = metric(scrape(token), "botpool_restarts_total")

    daemon.send_signal(signal.SIGTERM)
    try:
        daemon.wait(20)
    except subprocess.TimeoutExpired:
        daemon.kill()
    state.pop("daemon", None)
    res["daemon_exit"] = daemon.returncode
    return res


# ---------------------------------------------------------------- report

def pct(values, q):
    s = sorted(values)
    if not s:
        return float("nan")
    k = (len(s) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def mb(kb):
    return kb / 1024.0


def report(r):
    n = r["n"]
    L, B = r["legacy"], r["botpool"]
    li = L["pss_kb"]["shims"] + L["pss_kb"]["proxies"] + L["pss_kb"]["supervisord"]
    bi = B["pss_kb"]["shims"] + B["pss_kb"]["proxies"] + B["pss_kb"]["supervisord"]
    lt, bt = sum(L["pss_kb"].values()), sum(B["pss_kb"].values())
    ctl_pss = r.get("daemon", {}).get("pss_after_convergence_kb", 0)
    d = r.get("daemon", {})
    lat = d.get("edit_latency_s", [])
    p50, p95 = pct(lat, 0.5), pct(lat, 0.95)
    noop = d.get("noop_passes", [])
    speedup = L["converge_s"] / B["converge_s"]
    infra_ratio = bi / li

    r["summary"] = {
        "converge_legacy_s": L["converge_s"], "converge_botpool_s": B["converge_s"], "speedup": speedup,
        "infra_per_bot_legacy_mb": mb(li) / n, "infra_per_bot_botpool_mb": mb(bi) / n,
        "infra_ratio": infra_ratio, "total_pss_legacy_mb": mb(lt), "total_pss_botpool_mb": mb(bt),
        "total_ratio": bt / lt,
        "infra_per_bot_botpool_incl_controller_mb": (mb(bi) + mb(ctl_pss)) / n,
        "edit_p50_ms": p50 * 1000, "edit_p95_ms": p95 * 1000,
        "noop_once_wall_ms": r["noop_once"]["median_s"] * 1000,
        "noop_docker_calls": noop[-1]["docker_calls"] if noop else None,
        "noop_supervisord_calls": noop[-1]["supervisord_calls"] if noop else None,
        "controller_rss_mb": mb(d.get("rss_after_convergence_kb", 0)),
    }
    s = r["summary"]
    out = []
    w = out.append
    w(f"\nbotpool controller benchmark — N={n} bots, {r['host']['cpus']} CPUs, docker {r['host']['docker']}, "
      f"{r['started']}; botpool's runtime: {r['params'].get('runtime', 'exec')}")
    w(f"command: {r['command']}")
    loads = lambda X: ", ".join(f"{x['loadavg']:.1f}" for x in X["rounds"])
    w(f"1-min load average at the end of each round: legacy {loads(L)}; botpool {loads(B)} "
      f"(shared machine: other work skews times)\n")
    w(f"{'metric':<44}{'legacy (1 ctr/bot)':>20}{'botpool':>16}{'ratio':>10}  goal")
    w("-" * 104)
    w(f"{'converge: start -> all /healthz, median (s)':<44}{L['converge_s']:>20.2f}{B['converge_s']:>16.2f}"
      f"{speedup:>9.1f}x  >= 4x faster (6x moonshot) {'OK' if speedup >= 4 else 'MISSED'}")
    rounds = lambda X: ", ".join(f"{x['converge_s']:.2f}" for x in X["rounds"])
    w(f"{'  each round (s)':<44}{rounds(L):>20}  {rounds(B):>14}")
    w(f"{'  first bot answers (s)':<44}{L['first_bot_s']:>20.2f}{B['first_bot_s']:>16.2f}")
    w(f"{'  half of the bots answer (s)':<44}{L['median_bot_s']:>20.2f}{B['median_bot_s']:>16.2f}")
    w(f"{'  legacy: API create+start calls done (s)':<44}{L['api_s']:>20.2f}{'':>16}")
    spoiled = sum(x.get("attempts", 1) - 1 for x in B["rounds"])
    if spoiled:
        w(f"  ({spoiled} botpool round(s) repeated: another controller on this Docker daemon removed the pools)")
    if "host_cpu_s" in L and "host_cpu_s" in B:
        w(f"{'  host CPU used until all answer (s)':<44}{L['host_cpu_s']:>20.2f}{B['host_cpu_s']:>16.2f}"
          f"{L['host_cpu_s'] / B['host_cpu_s']:>9.1f}x")
        w(f"{'  host CPU busy meanwhile (% of all cores)':<44}{100 * L['host_busy']:>20.0f}{100 * B['host_busy']:>16.0f}")
    if "container_cpu_s" in L and "container_cpu_s" in B:
        lo, bo = L["host_cpu_s"] - L["container_cpu_s"], B["host_cpu_s"] - B["container_cpu_s"]
        w(f"{'    inside the containers (cgroups, s)':<44}{L['container_cpu_s']:>20.2f}{B['container_cpu_s']:>16.2f}"
          f"{L['container_cpu_s'] / B['container_cpu_s']:>9.1f}x")
        w(f"{'    outside: dockerd, runc, proxies, ... (s)':<44}{lo:>20.2f}{bo:>16.2f}{lo / max(0.01, bo):>9.1f}x")
        if "bench_cpu_s" in L and "bench_cpu_s" in B:
            w(f"{'      of which the bench (prober, scope proxy)':<44}{L['bench_cpu_s']:>20.2f}{B['bench_cpu_s']:>16.2f}")
        k = B.get("pool_cpu_by_kind")
        if k:
            w(f"{'    in pools (last round), supervisord (s)':<44}{'':>20}{k['supervisord']:>16.2f}")
            w(f"{'      zygotes / launchers / bots / exited (s)':<44}{'':>20}"
              f"{k['zygotes']:>4.2f}/{k['launchers']:.2f}/{k['bots']:.2f}/{k['exited']:.2f}")
    alone = r.get("dockerd_alone")
    if alone:
        la, ba = alone["legacy"], alone["botpool"]
        w(f"{'  dockerd alone, same containers+ports (s)':<44}{la['s']:>20.2f}{ba['s']:>16.2f}{la['s'] / ba['s']:>9.1f}x")
        w(f"{'    (sleep containers: no bots, no supervisord;':<44}{la['containers']:>9} x {la['ports_each']} port"
          f"{ba['containers']:>8} x {ba['ports_each']} ports)")
        if "host_cpu_s" in la and "host_cpu_s" in ba:
            w(f"{'    host CPU used (s)':<44}{la['host_cpu_s']:>20.2f}{ba['host_cpu_s']:>16.2f}"
              f"{la['host_cpu_s'] / ba['host_cpu_s']:>9.1f}x")
    w(f"{'  botpool: run --once exited (s)':<44}{'':>20}{B['once_exit_s']:>16.2f}")
    w(f"{'  botpool: CPU of run --once (user+sys, s)':<44}{'':>20}{B['once_cpu_s']:>16.2f}")
    w(f"{'containers':<44}{L['containers']:>20}{B['pools']:>16}")
    for key, label in (("bots", "bot processes"), ("supervisord", "supervisord"), ("shims", "containerd-shim-runc-v2"),
                       ("proxies", "docker-proxy")):
        w(f"{'PSS ' + label + ' (MB, #procs)':<44}"
          f"{mb(L['pss_kb'][key]):>12.1f} ({L['procs'][key]:>4}){mb(B['pss_kb'][key]):>9.1f} ({B['procs'][key]:>4})")
    w(f"{'PSS total (MB)':<44}{mb(lt):>20.1f}{mb(bt):>16.1f}{bt / lt:>10.2f}")
    w(f"{'infrastructure PSS per bot (MB)':<44}{mb(li) / n:>20.2f}{mb(bi) / n:>16.2f}{infra_ratio:>10.2f}"
      f"  <= 0.50 {'OK' if infra_ratio <= 0.5 else 'MISSED'}")
    w(f"{'  of which shim / proxy / supervisord':<44}"
      f"{mb(L['pss_kb']['shims']) / n:>6.2f}/{mb(L['pss_kb']['proxies']) / n:.2f}/{mb(L['pss_kb']['supervisord']) / n:.2f}"
      f"{'':>2}{mb(B['pss_kb']['shims']) / n:>6.2f}/{mb(B['pss_kb']['proxies']) / n:.2f}/{mb(B['pss_kb']['supervisord']) / n:.2f}")
    w(f"{'  botpool incl. controller PSS (MB/bot)':<44}{'':>20}{s['infra_per_bot_botpool_incl_controller_mb']:>16.2f}"
      f"{s['infra_per_bot_botpool_incl_controller_mb'] / (mb(li) / n):>10.2f}")
    lu = L["uss_kb"]["shims"] + L["uss_kb"]["proxies"] + L["uss_kb"]["supervisord"]
    bu = B["uss_kb"]["shims"] + B["uss_kb"]["proxies"] + B["uss_kb"]["supervisord"]
    r["summary"]["infra_uss_per_bot_legacy_mb"] = mb(lu) / n
    r["summary"]["infra_uss_per_bot_botpool_mb"] = mb(bu) / n
    w(f"{'infra USS (private) per bot (MB)':<44}{mb(lu) / n:>20.2f}{mb(bu) / n:>16.2f}{bu / lu:>10.2f}")
    w(f"{'  USS per process: shim / proxy / superv.':<44}"
      f"{L['uss_kb']['shims'] / max(1, L['procs']['shims']) / 1024:>6.2f}/{L['uss_kb']['proxies'] / max(1, L['procs']['proxies']) / 1024:.2f}/-   "
      f"{B['uss_kb']['shims'] / max(1, B['procs']['shims']) / 1024:>6.2f}/{B['uss_kb']['proxies'] / max(1, B['procs']['proxies']) / 1024:.2f}/"
      f"{B['uss_kb']['supervisord'] / max(1, B['procs']['supervisord']) / 1024:.2f}")
    per = lambda X, k, m: X[m][k] / max(1, X["procs"][k]) / 1024
    w(f"{'  RSS per process: shim / proxy / superv.':<44}"
      f"{per(L, 'shims', 'rss_kb'):>6.2f}/{per(L, 'proxies', 'rss_kb'):.2f}/-   "
      f"{per(B, 'shims', 'rss_kb'):>6.2f}/{per(B, 'proxies', 'rss_kb'):.2f}/{per(B, 'supervisord', 'rss_kb'):.2f}")
    w(f"{'bot PSS per bot (MB)':<44}{mb(L['pss_kb']['bots']) / n:>20.2f}{mb(B['pss_kb']['bots']) / n:>16.2f}")
    w("-" * 104)
    if lat:
        w(f"edit -> bot answers with new pid, {len(lat)} edits: p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
          f"min {min(lat) * 1000:.0f} ms, max {max(lat) * 1000:.0f} ms   goal p50 <= 300 ms "
          f"{'OK' if p50 <= 0.3 else 'MISSED'}")
        if d.get("pools_replaced_during_edits"):
            w(f"  note: {d['pools_replaced_during_edits']} pool container(s) were replaced during the edits "
              f"(removed by another controller on this Docker daemon); outliers include that recovery")
    no = r["noop_once"]
    w(f"no-op `run --once` at N={n}: median {no['median_s'] * 1000:.0f} ms wall over {len(no['wall_s'])} runs "
      f"({', '.join(f'{x * 1000:.0f}' for x in no['wall_s'])} ms; process start-up alone {no['binary_startup_s'] * 1000:.0f} ms)")
    for i, p in enumerate(noop):
        w(f"no-op daemon pass #{i + 1} (SIGHUP, from /metrics): {p['docker_calls']:.0f} Docker calls, "
          f"{p['supervisord_calls']:.0f} supervisord calls, {p['actions']:.0f} actions, "
          f"{(p['pass_seconds'] or 0) * 1000:.0f} ms in pass ({p['passes']:.0f} pass)")
    if d:
        w(f"controller VmRSS after convergence: {mb(d['rss_after_convergence_kb']):.1f} MB "
          f"(PSS {mb(d['pss_after_convergence_kb']):.1f} MB, {d['threads']} threads); after {len(lat)} edits: "
          f"{mb(d['rss_after_edits_kb']):.1f} MB")
    return "\n".join(out)


def cleanup(state):
    d = state.get("daemon")
    if d and d.poll() is None:
        d.send_signal(signal.SIGTERM)
        try:
            d.wait(10)
        except subprocess.TimeoutExpired:
            d.kill()
    px = state.get("proxy")
    if px and px.poll() is None:
        px.terminate()
        px.wait(5)
    try:
        ids = [c["Id"] for c in our_legacy_containers()] + [c["Id"] for c in our_pool_containers()]
        if ids:
            log(f"cleanup: removing {len(ids)} containers")
            remove_containers(ids)
    except Exception as e:  # noqa: BLE001
        log(f"cleanup: {e}")
    work = state.get("work")
    try:
        remove_networks(work)
    except Exception as e:  # noqa: BLE001
        log(f"cleanup: {e}")
    if work and not state.get("keep"):
        shutil.rmtree(work, ignore_errors=True)


def remove_networks(work):
    """The pool network botpool makes per state dir; the bench's state dirs live under `work`
    (Docker's address pools hold only about 30 bridge networks, so none may be left behind)."""
    if not work:
        return
    # By state dir only: the scope proxy renames botpool's managed-by label on what it creates.
    for net in docker("GET", "/networks") or []:
        if (net.get("Labels") or {}).get("io.botpool.state-dir", "").startswith(work):
            docker("DELETE", f"/networks/{net['Id']}", ok=(200, 204, 404))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="?", type=int, default=100)
    ap.add_argument("--binary", default=os.environ.get("BOTPOOL_BIN"))
    ap.add_argument("--parallel", type=int, default=int(os.environ.get("LEGACY_PARALLEL", "16")),
                    help="concurrent Docker API clients for the legacy layout")
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--max-bots", type=int, default=10, help="the bench PoolClass's maxBots (bots per pool)")
    ap.add_argument("--runtime", choices=["exec", "fork"], default="exec",
                    help="the bench PoolClass's runtime: fork runs each pool's bots from one zygote that "
                         "has imported http.server (the legacy layout always execs)")
    ap.add_argument("--rounds", type=int, default=3, help="convergence rounds per layout (alternating); medians")
    ap.add_argument("--noop-reps", type=int, default=5)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "results.json"))
    ap.add_argument("--no-scope", action="store_true",
                    help="let botpool see the whole Docker daemon (it then removes other controllers' pools)")
    ap.add_argument("--keep", action="store_true", help="keep the temp dir (logs, manifests)")
    a = ap.parse_args()
    global MAX_BOTS, RUNTIME
    MAX_BOTS = a.max_bots
    RUNTIME = a.runtime
    if not a.binary or not os.access(a.binary, os.X_OK):
        sys.exit("bench: --binary/BOTPOOL_BIN must name the botpool executable")
    if a.n < 1 or a.n > 500:
        sys.exit("bench: N must be 1..500 (ports 20000-20499 botpool, 20500-20999 legacy)")
    if os.geteuid() != 0:
        sys.exit("bench: needs root (reads /proc/PID/smaps_rollup of container processes)")

    state = {"keep": a.keep}
    def interrupted(signum, frame):
        raise KeyboardInterrupt()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, interrupted)
    work = tempfile.mkdtemp(prefix="botpool-bench-")
    state["work"] = work
    version = docker("GET", "/version")
    r = {"n": a.n, "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
         "command": os.environ.get("BENCH_COMMAND", " ".join(sys.argv)),
         "host": {"cpus": os.cpu_count(), "docker": version.get("Version"), "kernel": os.uname().release},
         "params": {"docker_scope_proxy": not a.no_scope, "legacy_parallel": a.parallel, "edits": a.edits, "rounds": a.rounds, "image": IMAGE,
                    "maxBots": MAX_BOTS, "runtime": RUNTIME}}
    try:
        # botpool removes every labelled pool its manifests do not declare: on a daemon shared
        # with other botpool controllers, ours sees only the bench's pools (and leaves theirs).
        if not a.no_scope:
            sock = os.path.join(work, "docker-scope.sock")
            proxy = subprocess.Popen([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                      "docker_scope_proxy.py"), sock, f"io.botpool.class={CLASS}", DOCKER_SOCK],
                                     stdout=subprocess.PIPE, text=True)
            state["proxy"] = proxy
            global PROXY_PID
            PROXY_PID = proxy.pid
            if proxy.stdout.readline().strip() != "ready":
                raise RuntimeError("docker scope proxy did not start")
            DOCKER_HOST_ARGS[:] = ["--docker-host", f"unix://{sock}"]
        stale = our_legacy_containers() + our_pool_containers()
        if stale:
            log(f"removing {len(stale)} leftover bench containers from an earlier run")
            remove_containers([c["Id"] for c in stale])
        log("warm-up: one throwaway container")
        docker("POST", f"/containers/create?name={LEGACY_PREFIX}warmup", {"Image": IMAGE, "Cmd": ["python3", "-c", "import http.server"]})
        docker("POST", f"/containers/{LEGACY_PREFIX}warmup/start")
        docker("POST", f"/containers/{LEGACY_PREFIX}warmup/wait")
        docker("DELETE", f"/containers/{LEGACY_PREFIX}warmup?force=1")

        r["dockerd_alone"] = dockerd_alone(a.n, a.parallel)

        # Convergence alternates layouts for --rounds rounds (medians reported); memory, the
        # no-op pass, the daemon and the edits use the last round's converged botpool layout.
        legacy_runs, botpool_runs = [], []
        for rnd in range(a.rounds):
            rdir = os.path.join(work, f"round-{rnd}")
            os.makedirs(rdir)
            log(f"round {rnd + 1}/{a.rounds}")
            legacy_runs.append(run_legacy(a.n, rdir, a.parallel))
            log("legacy: tearing down")
            remove_containers([c["Id"] for c in our_legacy_containers()])
            time.sleep(2)
            for attempt in range(3):
                # Another botpool controller on a shared daemon (an e2e suite) removes pools of
                # classes it does not declare; a round whose pools vanished is run again.
                bdir = os.path.join(rdir, f"botpool-{attempt}")
                os.makedirs(bdir)
                try:
                    b = run_botpool(a.binary, a.n, bdir)
                    b["attempts"] = attempt + 1
                    break
                except PoolsVanished as e:
                    log(f"botpool: round spoiled ({e}); again")
                    remove_containers([c["Id"] for c in our_pool_containers()])
                    time.sleep(2)
            else:
                raise RuntimeError("botpool rounds kept losing their pools to another controller")
            botpool_runs.append(b)
            if rnd < a.rounds - 1:
                log("botpool: tearing down")
                remove_containers([c["Id"] for c in our_pool_containers()])
                time.sleep(2)
        r["legacy"] = summarize_rounds(legacy_runs)
        r["botpool"] = summarize_rounds(botpool_runs)
        mdir, sdir = r["botpool"].pop("manifests"), r["botpool"].pop("state")
        for run in r["botpool"]["rounds"]:
            run.pop("manifests", None), run.pop("state", None)
        work = os.path.dirname(mdir)
        log("no-op: run --once on the converged state")
        r["noop_once"] = noop_once(a.binary, mdir, sdir, work, a.noop_reps)
        log(f"daemon: metrics, RSS, {a.edits} edits")
        r["daemon"] = run_daemon_phase(a.binary, a.n, work, mdir, sdir, a.edits, state)
        text = report(r)
        with open(a.out, "w") as f:
            json.dump(r, f, indent=2)
        print(text)
        print(f"\nresults: {a.out}")
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    except Exception:
        state["keep"] = a.keep = True  # logs of botpool and the daemon stay for a look
        log(f"failed; keeping {work} for its logs")
        raise
    finally:
        if a.keep:
            log(f"keeping {state['work']}")
        cleanup(state)
    return 0


if __name__ == "__main__":
    sys.exit(main())
