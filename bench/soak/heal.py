"""When is a fault healed: every bot it had to restart answers on its original port with a new
token (and the new greeting, for an edit), and then a sweep finds every bot of the fleet
answering on its original port. The heal time runs from the fault's release.

The targets are polled every 100 ms and the fleet is swept as soon as they are back, so the
heal time is exact to ~0.1 s plus one sweep (~0.2 s for 200 bots), not to the prober's 1 s.
"""
import time

import docker_api
from probe import ask, healthy


def target_back(bot, before, answer, greeting):
    if answer is None or answer.bot != bot.name:
        return False
    if before is not None and answer.token == before.token:
        return False
    return greeting is None or answer.greeting == greeting


def container_ip(pool):
    """The pool container's IP once it runs (None while it is gone, exited or Docker is busy)."""
    try:
        info = docker_api.inspect(pool) or {}
    except (OSError, docker_api.DockerError):
        return None
    if not (info.get("State") or {}).get("Running"):
        return None
    return (info.get("NetworkSettings") or {}).get("IPAddress") or None


def wait(ctx, fault, before, timeout):
    """Returns (seconds from release to heal or None if not within timeout, last sweep).

    For a pool fault each bot is also asked on the new container's own IP, bypassing the
    published port (docker-proxy): fault.notes gets, per bot, when it answered each way."""
    deadline = fault.t_release + timeout
    pending, direct_pending = set(fault.restart), set(fault.restart) if fault.pool else set()
    back, direct, ip = {}, {}, None
    while (pending or direct_pending) and ctx.clock() < deadline:
        if not pending and ctx.clock() > fault.t_release + max(back.values(), default=0) + 2:
            break  # the direct answers are a diagnosis, not worth holding the soak up for
        for name in sorted(pending):
            bot = ctx.fleet.bots[name]
            if target_back(bot, before.get(bot.port), ask(bot.port, timeout=0.3), fault.greeting.get(name)):
                pending.discard(name)
                back[name] = round(ctx.clock() - fault.t_release, 2)
        if direct_pending:
            ip = ip or container_ip(fault.pool)
            for name in sorted(direct_pending) if ip else []:
                bot = ctx.fleet.bots[name]
                if target_back(bot, before.get(bot.port), ask(bot.port, timeout=0.3, host=ip), None):
                    direct_pending.discard(name)
                    direct[name] = round(ctx.clock() - fault.t_release, 2)
        if pending or direct_pending:
            time.sleep(0.1)
    t_targets = max([fault.t_release] + [fault.t_release + s for s in back.values()]) if not pending else ctx.clock()
    if fault.pool:
        fault.notes["back_on_published_port_s"], fault.notes["back_on_container_ip_s"] = back, direct
    ports = [b.port for b in ctx.fleet.bots.values()]
    first = True
    while True:
        answers = ctx.sweeper.sweep(ports)
        if not pending and len(healthy(answers, ctx.fleet.bots)) == len(ctx.fleet.bots):
            t = t_targets if first else ctx.clock()
            return max(0.0, t - fault.t_release), answers
        if ctx.clock() >= deadline:
            return None, answers
        first = False
        time.sleep(0.25)


def wait_fleet(ctx, timeout):
    """The fleet all healthy (before a fault): (seconds waited or None, answers, when the last
    sweep began). An outage the prober first saw before that sweep belongs to an earlier fault."""
    t0 = ctx.clock()
    ports = [b.port for b in ctx.fleet.bots.values()]
    while True:
        t_sweep = ctx.clock()
        answers = ctx.sweeper.sweep(ports)
        if len(healthy(answers, ctx.fleet.bots)) == len(ctx.fleet.bots):
            return ctx.clock() - t0, answers, t_sweep
        if ctx.clock() - t0 > timeout:
            return None, answers, t_sweep
        time.sleep(0.25)


def changes(ctx, fault, before, after):
    """Bots restarted that the fault did not call for, and bots it called for that did not."""
    collateral, missed = [], []
    for name, bot in ctx.fleet.bots.items():
        b, a = before.get(bot.port), after.get(bot.port)
        restarted = b is not None and a is not None and a.bot == name and a.token != b.token
        if restarted and name not in fault.restart:
            collateral.append(name)
        if not restarted and name in fault.restart:
            missed.append(name)
    return sorted(collateral), sorted(missed)
