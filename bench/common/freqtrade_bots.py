"""FreqTrade webserver bots in botpool pools, for bench/fork and bench/density: the manifests,
a ping and a wait for every port's answer, the summed PSS of a container's processes, one `run --once`, and the cleanup of a class."""
import json, subprocess, time, urllib.request
from concurrent.futures import ThreadPoolExecutor

def pool_class(name, base_port, preload=None, max_bots=20, max_pools=1, memory="8Gi"):
    """A PoolClass on botpool/freqtrade:dev: exec runtime without `preload`, else fork with it."""
    fork = ("  runtime:\n    fork:\n      python: /opt/freqtrade/bin/python3\n"
            f"      preload: {preload}\n") if preload else ""
    return (f"apiVersion: botpool/v1\nkind: PoolClass\nmetadata:\n  name: {name}\nspec:\n"
            f"  image: botpool/freqtrade:dev\n  maxBots: {max_bots}\n  maxPools: {max_pools}\n  memoryLimit: {memory}\n"
            f"  basePort: {base_port}\n  publish: 127.0.0.1\n{fork}")

def bot(name, pool_class):
    """A dry-run `freqtrade webserver` bot of tenant bench, health-checked on /api/v1/ping."""
    config = {"bot_name": name, "dry_run": True, "stake_currency": "USDT", "stake_amount": 10,
              "max_open_trades": 1, "exchange": {"name": "binance", "pair_whitelist": ["BTC/USDT"]},
              "pairlists": [{"method": "StaticPairList"}], "entry_pricing": {"price_side": "same"},
              "exit_pricing": {"price_side": "same"},
              "api_server": {"enabled": True, "listen_ip_address": "127.0.0.1", "listen_port": 8080,
                             "jwt_secret_key": f"bench-{name}-secret-of-at-least-32-chars",
                             "username": "botpool", "password": "bench"}}
    return (f"apiVersion: botpool/v1\nkind: Bot\nmetadata:\n  name: {name}\n  tenant: bench\nspec:\n"
            f"  poolClass: {pool_class}\n"
            f"  command: [\"freqtrade\", \"webserver\", \"--config\", \"config.json\", \"--user-data-dir\", \".\"]\n"
            f"  env:\n    FREQTRADE__API_SERVER__LISTEN_PORT: \"${{BOTPOOL_PORT}}\"\n"
            f"    FREQTRADE__API_SERVER__LISTEN_IP_ADDRESS: \"0.0.0.0\"\n"
            f"  files:\n    config.json: '{json.dumps(config)}'\n"
            f"  health:\n    http: {{path: /api/v1/ping}}\n    timeoutSeconds: 2\n")

def ping(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/ping", timeout=1) as r:
            return b"pong" in r.read()
    except Exception:
        return False

def wait_all(ports, start, limit=600):
    """(seconds from `start`, a time.monotonic(), until every port answered a ping, [ports that
    did not]); the seconds are None when some port did not answer within `limit` s of `start`.
    Pings 32 ports at a time."""
    pending = set(ports)
    with ThreadPoolExecutor(32) as pool:
        while pending and time.monotonic() - start < limit:
            ordered = sorted(pending)
            pending = {port for port, pong in zip(ordered, pool.map(ping, ordered)) if not pong}
            if pending: time.sleep(0.05)
    return (None if pending else time.monotonic() - start), sorted(pending)

def pss_mb(container):
    """Summed PSS of every process in the container (supervisord, zygote, bots), in MiB."""
    top = subprocess.run(["docker", "top", container, "-eo", "pid"], capture_output=True, text=True, check=True)
    total = 0
    for line in top.stdout.split("\n")[1:]:
        if not line.strip(): continue
        try:
            for field in open(f"/proc/{line.strip()}/smaps_rollup"):
                if field.startswith("Pss:"): total += int(field.split()[1])
        except OSError:
            pass
    return total / 1024

def other_containers(containers):
    """Other running containers of the pools' image: their processes map the same library files,
    and PSS splits a shared file page among all processes that map it, so they lower the pools'
    PSS (one FreqTrade process in another container took a 10-bot fork pool from 614 to 580 MB).
    A clean measurement has none."""
    image = subprocess.run(["docker", "inspect", "-f", "{{.Image}}", containers[0]], capture_output=True, text=True).stdout.strip()
    ps = subprocess.run(["docker", "ps", "--format", "{{.Names}}", "--filter", f"ancestor={image}"], capture_output=True, text=True)
    return sorted(name for name in ps.stdout.split() if name not in containers)

def run_once(botpool, manifests, state):
    return subprocess.run([botpool, "run", "--once", "--listen", "none", "--manifests", manifests,
                           "--state-dir", state], capture_output=True, text=True)

def pool_containers(pool_class, all_=False):
    """Names of the class's pool containers (botpool names them botpool-CLASS.TENANT-INDEX)."""
    return subprocess.run(["docker", "ps", "--format", "{{.Names}}", "--filter", f"name=botpool-{pool_class}."]
                          + (["-a"] if all_ else []), capture_output=True, text=True).stdout.split()

def cleanup(pool_class, state=None):
    """Removes the class's pool containers and, given the state dir, botpool's pool network of it
    (Docker holds only about 30 bridge networks)."""
    names = pool_containers(pool_class, all_=True)
    if names: subprocess.run(["docker", "rm", "-f"] + names, capture_output=True)
    if state is None: return
    nets = subprocess.run(["docker", "network", "ls", "-q", "--filter", f"label=io.botpool.state-dir={state}"],
                          capture_output=True, text=True).stdout.split()
    if nets: subprocess.run(["docker", "network", "rm"] + nets, capture_output=True)
