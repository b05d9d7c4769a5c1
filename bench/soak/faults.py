"""One function per fault kind. Each injects its fault (and, for the held ones, holds it and
takes it back), then returns a Fault saying what the world must look like once healed:
which bots had to restart (a new token), with which greeting, and which pool had to be
recreated. Everything else must come through untouched: soak.py counts any other restart,
outage or container create/destroy against the fault.

Held faults (yaml-break, manifests-empty, fs-full) start the heal clock when they are taken
back, since nothing can heal while they last; second-controller's clock starts at its pool
removal, while the twin still runs.
"""
import os
import signal
import time

import docker_api
import logs
from controller import Second

HOLD_S = 5.0


class Fault:
    def __init__(self, kind, target, t_inject):
        self.kind, self.target, self.t_inject = kind, target, t_inject
        self.t_release = t_inject
        self.restart = set()       # bots that must come back with a new token
        self.greeting = {}         # bot -> the greeting it must answer with
        self.pool = None           # the pool that must be recreated once
        self.actions = []          # (kind, bot id or pool) the controller must do, once each
        self.notes = {}


def bots_of_pool(ctx, pool):
    return {n for n, b in ctx.fleet.bots.items() if pool.base_port <= b.port < pool.base_port + ctx.fleet.max_bots}


def pick_pool(ctx):
    pools = sorted(ctx.inventory.running(), key=lambda p: p.name)
    if not pools:
        raise RuntimeError("no running pool to hit")
    return ctx.rng.choice(pools)


def pick_bot(ctx):
    return ctx.rng.choice(sorted(ctx.fleet.bots))


def bot_id(ctx, name):
    return f"{ctx.fleet.bots[name].tenant}/{name}"


def new_greeting(ctx):
    ctx.edits += 1
    return f"edit{ctx.edits}"


def bot_kill(ctx, before):
    """kill -9 of one bot's process, from inside its pool (the pid is the pool's namespace's)."""
    name = pick_bot(ctx)
    bot = ctx.fleet.bots[name]
    pool = ctx.inventory.pool_of_port(bot.port, ctx.fleet.max_bots)
    f = Fault("bot-kill", f"{name} in {pool.name if pool else '?'}", ctx.clock())
    f.notes["exec_exit"] = docker_api.exec_detached(pool.id, ["kill", "-9", str(before[bot.port].pid)])
    f.restart, f.actions = {name}, [("restartBot", bot_id(ctx, name))]
    return f


def hit_pool(ctx, kind, how):
    pool = pick_pool(ctx)
    f = Fault(kind, pool.name, ctx.clock())
    how(pool, f)
    f.restart, f.pool, f.actions = bots_of_pool(ctx, pool), pool.name, [("replacePool", pool.name)]
    return f


def pool_kill(ctx, before):
    """`docker kill`: the container stays, exited."""
    return hit_pool(ctx, "pool-kill", lambda p, f: docker_api.call("POST", f"/containers/{p.id}/kill"))


def pool_rm(ctx, before):
    """`docker rm -f`: the container is gone."""
    return hit_pool(ctx, "pool-rm", lambda p, f: docker_api.call("DELETE", f"/containers/{p.id}?force=1"))


def supervisord_kill(ctx, before):
    """SIGKILL to the pool's supervisord. It is the container's PID 1 (botpool/pool:dev's CMD),
    which ignores SIGKILL sent from inside its namespace, so it is sent from the host."""
    def kill(pool, f):
        pid = docker_api.inspect(pool.id)["State"]["Pid"]
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            cmd = fh.read().replace(b"\0", b" ").decode(errors="replace")
        if "supervisord" not in cmd:
            raise RuntimeError(f"{pool.name}: PID 1 is {cmd!r}, not supervisord")
        os.kill(pid, signal.SIGKILL)
    return hit_pool(ctx, "supervisord-kill", kill)


def env_edit(ctx, before):
    """A bot's env changed in its manifest (atomic rename): the bot must restart with it."""
    name = pick_bot(ctx)
    g = new_greeting(ctx)
    f = Fault("env-edit", name, ctx.clock())
    ctx.fleet.set_greeting(name, g)
    f.restart, f.greeting, f.actions = {name}, {name: g}, [("updateBot", bot_id(ctx, name))]
    return f


def controller_kill(ctx, before):
    """An env edit, then kill -9 of the daemon 0-300 ms later (mid-change), restarted at once."""
    name = pick_bot(ctx)
    g = new_greeting(ctx)
    ctx.daemon.scrape_into(ctx.daemon.current)  # its pass histogram; a scrape after the edit would delay the kill
    f = Fault("controller-kill", name, ctx.clock())
    ctx.fleet.set_greeting(name, g)
    delay = ctx.rng.uniform(0, 0.3)
    time.sleep(delay)
    ctx.daemon.kill9()
    try:
        time.sleep(0.5)
    finally:  # never leave the soak without its controller
        ctx.daemon.start()
    f.restart, f.greeting, f.actions = {name}, {name: g}, [("updateBot", bot_id(ctx, name))]
    f.notes["kill_after_edit_ms"] = round(delay * 1000)
    return f


def yaml_break(ctx, before):
    """A YAML syntax error in one file, fixed 5 s later: its bots must not be touched. Midway,
    /api/v1/status is read to see how the controller shows them (issue: they vanish)."""
    rel = ctx.rng.choice(sorted(ctx.fleet.files))
    f = Fault("yaml-break", rel, ctx.clock())
    ctx.fleet.break_file(rel)
    try:
        time.sleep(HOLD_S / 2)
        f.notes["status_midway"] = ctx.status_of(ctx.fleet.files[rel])
        time.sleep(HOLD_S / 2)
    finally:
        ctx.fleet.write(rel)
    f.t_release = ctx.clock()
    return f


def manifests_empty(ctx, before):
    """Every file moved out of the manifests dir, back 5 s later: the mass-delete guard must
    refuse to remove the bots."""
    f = Fault("manifests-empty", "all", ctx.clock())
    moved = []
    try:
        for entry in sorted(os.listdir(ctx.fleet.dir)):
            os.rename(os.path.join(ctx.fleet.dir, entry), os.path.join(ctx.holding, entry))
            moved.append(entry)
        time.sleep(HOLD_S)
    finally:
        for entry in moved:
            os.rename(os.path.join(ctx.holding, entry), os.path.join(ctx.fleet.dir, entry))
    f.t_release = ctx.clock()
    return f


def second_controller(ctx, before):
    """A second daemon on the same state dir for 5 s; once it has started, a pool is removed so
    that both race to recreate it. Exactly one new container and no other change may follow."""
    second = ctx.second = Second(ctx.daemon, ctx.seconds_started)
    ctx.seconds_started += 1
    started = ctx.clock()
    try:
        time.sleep(1.5)  # past its start-up and first pass, so it holds a view of the pools
        f = hit_pool(ctx, "second-controller", lambda p, f: docker_api.call("DELETE", f"/containers/{p.id}?force=1"))
        time.sleep(max(0.0, started + HOLD_S - ctx.clock()))
    finally:
        ended = second.stop()
        ctx.second = None
    f.notes["second_ended"] = ended
    # What it said (with the state dir lock: that it waits as standby, and for whom).
    f.notes["second_said"] = [e.get("message", "") for e in logs.read(second.log_path)][:5]
    return f


def fs_full(ctx, before):
    """The state dir's tmpfs filled to the last byte, then a bot's env edited; space returns 5 s
    later. The bot must keep running until its new files can be written (issue: it is stopped
    first and stays down)."""
    name = pick_bot(ctx)
    g = new_greeting(ctx)
    f = Fault("fs-full", name, ctx.clock())
    filler = os.path.join(ctx.state_dir, ".soak-filler")
    try:
        fill(filler)
        ctx.fleet.set_greeting(name, g)
        time.sleep(HOLD_S)
        # The bug: the bot is stopped before its new files are written, and stays down.
        f.notes["target_down_in_hold"] = name in ctx.prober.outages_between(f.t_inject, ctx.clock())
        f.notes["target_answers_at_release"] = ctx.answers_now(name)
    finally:
        os.unlink(filler)
    f.t_release = ctx.clock()
    f.restart, f.greeting, f.actions = {name}, {name: g}, [("updateBot", bot_id(ctx, name))]
    return f


def fill(path):
    """Writes zeros until the filesystem has not one byte left (unbuffered, halving the write
    size at each ENOSPC, since allocation rounding leaves a tail a big write cannot use)."""
    st = os.statvfs(os.path.dirname(path))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        try:
            os.posix_fallocate(fd, 0, st.f_bavail * st.f_frsize)
            os.lseek(fd, 0, os.SEEK_END)
        except OSError:
            pass
        size = 1 << 20
        while size:
            try:
                os.write(fd, b"\0" * size)
            except OSError:
                size //= 2
    finally:
        os.close(fd)


KINDS = {
    "bot-kill": bot_kill,
    "pool-kill": pool_kill,
    "pool-rm": pool_rm,
    "supervisord-kill": supervisord_kill,
    "controller-kill": controller_kill,
    "env-edit": env_edit,
    "yaml-break": yaml_break,
    "manifests-empty": manifests_empty,
    "second-controller": second_controller,
    "fs-full": fs_full,
}
