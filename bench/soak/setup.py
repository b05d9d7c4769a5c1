"""Bringing the soak's world up (work dir, state dir, manifests, daemon, watchers, the first
convergence) and taking every piece of it down again, also after Ctrl-C or a crash.

Clean-up order matters: controllers first (a live one would recreate what is removed), then
the containers of our scope, then the tmpfs (its dirs are bind-mounted into the pools).
"""
import collections
import json
import os
import random
import shutil
import subprocess
import tempfile
import time
import urllib.error

import docker_api
from controller import Daemon, Monitor
from fleet import BASE_PORT, POOL_CLASS, Fleet
from inventory import Events, Inventory
from probe import Prober, Sweeper, ask

WORK_PREFIX = "botpool-soak-"


class Ctx:
    """What a fault function may use."""

    def __init__(self, **kw):
        self.__dict__.update(kw)
        self.edits = 0
        self.seconds_started = 0
        self.second = None        # a second controller while second-controller holds

    def status_of(self, names):
        """How /api/v1/status lists these bots: {listed, phases}."""
        try:
            status = json.loads(self.daemon.http("/api/v1/status"))
        except (OSError, urllib.error.URLError, ValueError) as e:
            return {"error": f"{e}"}
        listed = [b for b in status.get("bots", []) if b.get("name") in names]
        return {"listed": len(listed), "of": len(names),
                "phases": dict(collections.Counter(b.get("phase", "?") for b in listed))}

    def answers_now(self, name):
        a = ask(self.fleet.bots[name].port)
        return a is not None and a.bot == name


class World:
    def __init__(self, args, listen_port, log):
        self.a, self.listen_port, self.log = args, listen_port, log
        self.t0 = time.time()
        self.clock = lambda: time.time() - self.t0
        self.work = tempfile.mkdtemp(prefix=WORK_PREFIX)
        self.state_dir = os.path.join(self.work, "state")
        self.tmpfs = False
        self.records = []
        self.crashes = []         # the daemon exiting without a fault asking it to
        self.started_wall = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        self.ctx = None
        self.threads = []
        self.born = {}
        self.converge_s = None
        self.t_faults_start = self.t_faults_end = None

    def prepare(self):
        a = self.a
        os.makedirs(self.state_dir)
        if "fs-full" in a.kinds:
            self.mount_tmpfs()
        mdir, holding = os.path.join(self.work, "manifests"), os.path.join(self.work, "holding")
        os.makedirs(mdir)
        os.makedirs(holding)
        scope = docker_api.Scope(POOL_CLASS, self.state_dir)
        self.scope = scope
        self.remove_stale()
        fleet = Fleet(mdir, a.bots, a.max_bots)
        fleet.write_all()
        daemon = Daemon(a.binary, mdir, self.state_dir, self.work, self.listen_port, self.clock)
        sweeper = Sweeper()
        events = Events(scope, lambda wall: wall - self.t0)
        events.start()
        events.ready.wait(10)
        self.threads.append(events)
        self.ctx = Ctx(fleet=fleet, daemon=daemon, sweeper=sweeper, rng=random.Random(a.seed), clock=self.clock,
                       state_dir=self.state_dir, holding=holding, inventory=Inventory(scope, self.clock),
                       events=events, prober=None, monitor=None)
        self.log(f"{a.bots} bots, {len(fleet.files)} files, class {POOL_CLASS} (maxBots {a.max_bots}, "
                 f"maxPools {fleet.max_pools}); work dir {self.work}")
        daemon.start()
        self.converge()
        ctx = self.ctx
        ctx.prober = Prober(fleet.bots, sweeper, self.clock)
        ctx.monitor = Monitor(daemon, self.clock)
        for t in (ctx.inventory, ctx.prober, ctx.monitor):
            t.start()
            self.threads.append(t)

    def log_paths(self):
        """Every controller's log: the daemon's instances, then the second controllers."""
        return [i.log_path for i in self.ctx.daemon.instances] + [
            os.path.join(self.work, f"second-{n}.log") for n in range(self.ctx.seconds_started)]

    def mount_tmpfs(self):
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={self.a.tmpfs_mb}m,mode=0755", "soak-state",
                            self.state_dir], capture_output=True, text=True)
        if r.returncode != 0:
            self.log(f"cannot mount a tmpfs for the state dir ({r.stderr.strip()}): fs-full left out")
            self.a.kinds.remove("fs-full")
            if not self.a.kinds:
                raise RuntimeError("no fault kind left")
        else:
            self.tmpfs = True

    def remove_stale(self):
        """Pools of an earlier soak whose work dir is gone (a run killed -9) hold our ports."""
        q = docker_api.filters_query({"label": [f"{docker_api.LABEL_CLASS}={POOL_CLASS}"]})
        prefix = os.path.join(tempfile.gettempdir(), WORK_PREFIX)
        for c in docker_api.call("GET", f"/containers/json?all=1&filters={q}"):
            sd = (c.get("Labels") or {}).get(docker_api.LABEL_STATE, "")
            if sd.startswith(prefix) and not os.path.exists(sd):
                self.log(f"removing {c['Names'][0]} left by an earlier soak (state dir {sd} is gone)")
                docker_api.call("DELETE", f"/containers/{c['Id']}?force=1", ok=(200, 204, 404, 409))

    def converge(self, timeout=900):
        """Waits until every bot answers on some port of the class and keeps that port as its own."""
        fleet = self.ctx.fleet
        ports = range(BASE_PORT, BASE_PORT + fleet.max_pools * fleet.max_bots)
        t0 = self.clock()
        while True:
            found = {a.bot: p for p, a in self.ctx.sweeper.sweep(ports).items() if a is not None}
            if all(n in found for n in fleet.bots):
                break
            if self.ctx.daemon.current.proc.poll() is not None:
                raise RuntimeError(f"botpool run exited {self.ctx.daemon.current.proc.returncode}; "
                                   f"see {self.ctx.daemon.current.log_path}")
            if self.clock() - t0 > timeout:
                raise RuntimeError(f"{len(fleet.bots) - len(found)} bots never answered in {timeout} s")
            time.sleep(0.5)
        self.converge_s = self.clock() - t0
        for name, port in found.items():
            if name in fleet.bots:
                fleet.bots[name].port = port
        self.born = {n: fleet.read_born(self.state_dir, n) for n in fleet.bots}
        pools = self.ctx.inventory.sample()
        self.log(f"all {len(fleet.bots)} bots answer after {self.converge_s:.1f} s, in {len(pools)} pools")
        if pools and pools[0].name and docker_api.inspect(pools[0].id)["Config"]["Labels"].get(
                docker_api.LABEL_STATE) != self.state_dir:
            raise RuntimeError("the pools' state-dir label is not the soak's state dir: scope filter broken")

    def cleanup(self, keep):
        ctx = self.ctx
        try:
            if ctx is not None:
                if ctx.second is not None:
                    ctx.second.stop()
                ctx.daemon.stop()
                for t in reversed(self.threads):
                    t.stop()
                ctx.sweeper.close()
        except Exception as e:  # noqa: BLE001  clean-up goes on
            self.log(f"cleanup: {e}")
        try:
            if hasattr(self, "scope"):
                docker_api.wait_ready(60)  # a restarting daemon (the test suite does that) comes back
                n = self.scope.remove_all()
                self.log(f"cleanup: removed {n} pool containers")
        except Exception as e:  # noqa: BLE001
            self.log(f"cleanup: {e}")
        if self.tmpfs:
            if subprocess.run(["umount", self.state_dir]).returncode != 0:
                subprocess.run(["umount", "-l", self.state_dir])
        if keep:
            self.log(f"keeping {self.work}")
        else:
            shutil.rmtree(self.work, ignore_errors=True)
