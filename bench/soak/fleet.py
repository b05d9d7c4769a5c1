"""The soak's declared world: one PoolClass, light bots of two tenants, and their manifest files.

Bots are grouped a few to a file so that a broken file freezes several bots at once (the
controller must leave all of them running). Every write is atomic (temp file + rename), as a
Git checkout or `botpool apply` would do it, except the faults that mean to break a file.
"""
import os

POOL_CLASS = "soak"
TENANTS = ("soak-a", "soak-b")
IMAGE = "botpool/pool:dev"
BASE_PORT = 23000
LAST_PORT = 23989          # 23990 is the daemon's status server; the class must stay below it
BORN_FILE = "soak-born"    # written once by each bot into its data dir: "data kept" evidence

# The light bot: /healthz for the controller's probe; /pid for the soak, whose token changes on
# every start (a recreated pool restarts pid numbering, so a pid alone cannot tell a restart).
SERVER_PY = '''\
import os, secrets, time
from http.server import BaseHTTPRequestHandler, HTTPServer

PORT = int(os.environ["BOTPOOL_PORT"])
BOT = os.environ.get("BOTPOOL_BOT", "unknown")
GREETING = os.environ.get("GREETING", "hello")
TOKEN = secrets.token_hex(6)
if not os.path.exists("soak-born"):
    with open("soak-born.tmp", "w") as f:
        f.write(f"{BOT} {TOKEN} {time.time():.3f}\\n")
    os.rename("soak-born.tmp", "soak-born")


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/healthz":
            body = f"ok {BOT}\\n"
        elif self.path == "/pid":
            body = f"{os.getpid()} {BOT} {GREETING} {TOKEN}\\n"
        else:
            body = f"{GREETING} from {BOT}\\n"
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):
        pass


HTTPServer(("0.0.0.0", PORT), Handler).serve_forever()
'''


def write_atomic(path, text):
    d, base = os.path.split(path)
    tmp = os.path.join(d, f".{base}.soak-tmp")
    with open(tmp, "w") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.rename(tmp, path)


class Bot:
    def __init__(self, name, tenant, file):
        self.name, self.tenant, self.file = name, tenant, file
        self.greeting = "hello"
        self.port = None          # where it first answered; it must stay there


class Fleet:
    def __init__(self, manifests_dir, n_bots, max_bots, bots_per_file=5):
        self.dir = manifests_dir
        self.max_bots = max_bots
        pools_per_tenant = max(1, -(-((n_bots + 1) // 2) // max_bots))
        # Room for every pool plus one spare per tenant (a replacement never lacks an index).
        self.max_pools = min((LAST_PORT + 1 - BASE_PORT) // max_bots, 2 * pools_per_tenant + 4)
        if 2 * pools_per_tenant > self.max_pools:
            raise ValueError(f"{n_bots} bots in pools of {max_bots} do not fit ports {BASE_PORT}-{LAST_PORT}")
        self.bots = {}
        self.files = {}
        for i in range(n_bots):
            tenant = TENANTS[0] if i < (n_bots + 1) // 2 else TENANTS[1]
            name = f"bot-{i:03d}"
            rel = os.path.join(tenant, f"bots-{i // bots_per_file:03d}.yaml")
            self.bots[name] = Bot(name, tenant, rel)
            self.files.setdefault(rel, []).append(name)

    def poolclass_yaml(self):
        return f"""apiVersion: botpool/v1
kind: PoolClass
metadata:
  name: {POOL_CLASS}
spec:
  image: {IMAGE}
  maxBots: {self.max_bots}
  maxPools: {self.max_pools}
  memoryLimit: {64 * self.max_bots}Mi
  basePort: {BASE_PORT}
  publish: 127.0.0.1
  tenancy: dedicated
"""

    def bot_yaml(self, bot):
        server = "\n".join(("      " + line) if line else "" for line in SERVER_PY.splitlines())
        return f"""apiVersion: botpool/v1
kind: Bot
metadata:
  name: {bot.name}
  tenant: {bot.tenant}
spec:
  poolClass: {POOL_CLASS}
  command: ["python3", "server.py"]
  env:
    GREETING: "{bot.greeting}"
  files:
    server.py: |
{server}
  resources: {{memory: 32Mi}}
  health:
    http: {{path: /healthz}}
    periodSeconds: 10
"""

    def render(self, rel):
        return "---\n".join(self.bot_yaml(self.bots[name]) for name in self.files[rel])

    def write_all(self):
        for tenant in TENANTS:
            os.makedirs(os.path.join(self.dir, tenant), exist_ok=True)
        write_atomic(os.path.join(self.dir, "poolclass.yaml"), self.poolclass_yaml())
        for rel in self.files:
            self.write(rel)

    def write(self, rel):
        write_atomic(os.path.join(self.dir, rel), self.render(rel))

    def set_greeting(self, name, greeting):
        bot = self.bots[name]
        bot.greeting = greeting
        self.write(bot.file)

    def break_file(self, rel):
        """A YAML syntax error (an unclosed flow sequence) in the file's first line."""
        write_atomic(os.path.join(self.dir, rel), "apiVersion: [botpool/v1\n" + self.render(rel))

    def data_dir(self, state_dir, name):
        # StateLayout.swift: tenants/<tenant>/bots/<bot>/ is the bot's data dir.
        return os.path.join(state_dir, "tenants", self.bots[name].tenant, "bots", name)

    def read_born(self, state_dir, name):
        try:
            with open(os.path.join(self.data_dir(state_dir, name), BORN_FILE)) as f:
                return f.read().strip()
        except OSError:
            return None
