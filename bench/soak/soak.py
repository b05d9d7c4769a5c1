#!/usr/bin/env python3
"""botpool soak: N light bots under `botpool run`, a random fault every --interval seconds for
--minutes, then the bill: bots lost, duplicate pools, heal time per fault kind, controller RSS
first vs last window, pass duration p99 (issue 11, "Measure").

Run through bench/soak/run.sh (it builds the release binary unless BOTPOOL_BIN is set).
Python 3 stdlib only; needs root (tmpfs for fs-full, SIGKILL to a pool's supervisord from the
host) and a Docker daemon with the image botpool/pool:dev. README.md says what it touches.
"""
import argparse
import json
import os
import random
import signal
import sys
import time

import docker_api
import faults
import final
import heal
import report
import setup

LISTEN_PORT = 23990


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bots", type=int, default=200)
    ap.add_argument("--minutes", type=float, default=30)
    ap.add_argument("--interval", type=float, default=10, help="seconds between faults (the next one "
                    "also waits until the last one healed, up to --heal-timeout)")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--max-bots", type=int, default=10, help="the class's maxBots (bots per pool)")
    ap.add_argument("--faults", default=",".join(faults.KINDS),
                    help=f"comma-separated kinds (default all): {', '.join(faults.KINDS)}")
    ap.add_argument("--heal-timeout", type=float, default=180)
    ap.add_argument("--settle", type=float, default=60, help="seconds after the last fault before the final count")
    ap.add_argument("--tmpfs-mb", type=int, default=256, help="size of the state dir's tmpfs (fs-full only)")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "results.json"))
    ap.add_argument("--binary", default=os.environ.get("BOTPOOL_BIN"))
    ap.add_argument("--keep", action="store_true", help="keep the work dir (manifests, logs; the state dir's "
                    "tmpfs is unmounted anyway)")
    a = ap.parse_args(argv)
    a.kinds = [k for k in a.faults.split(",") if k]
    unknown = [k for k in a.kinds if k not in faults.KINDS]
    if unknown or not a.kinds:
        ap.error(f"--faults: unknown kind(s) {unknown}; known: {', '.join(faults.KINDS)}")
    if not a.binary or not os.access(a.binary, os.X_OK):
        ap.error("--binary/BOTPOOL_BIN must name the botpool executable")
    if a.bots < 2:
        ap.error("--bots must be at least 2 (two tenants)")
    if a.seed is None:
        a.seed = random.SystemRandom().randrange(1 << 31)
    return a


def run(a, world):
    ctx = world.ctx
    t_end = ctx.clock() + a.minutes * 60
    log(f"faults for {a.minutes:g} min, one every {a.interval:g} s (seed {a.seed}): {', '.join(a.kinds)}")
    world.t_faults_start = ctx.clock()
    t_next = ctx.clock() + a.interval
    while t_next < t_end:
        time.sleep(max(0.0, t_next - ctx.clock()))
        rec = one_fault(a, world)
        world.records.append(rec)
        outcome = "NOT HEALED" if rec["heal_s"] is None else f"healed in {rec['heal_s']:.2f} s"
        extra = "".join(f" {k}={rec[k]}" for k in ("collateral_restarts", "unexpected_outages", "error") if rec.get(k))
        log(f"#{len(world.records)} {rec['kind']} {rec.get('target', '')}: {outcome}{extra}")
        t_next = max(rec["t_inject"] + a.interval, ctx.clock())
    world.t_faults_end = ctx.clock()
    revive(world)


def revive(world):
    """A daemon that exited on its own is a finding (its log says why); it is restarted so the
    soak goes on measuring."""
    inst = world.ctx.daemon.current
    if inst.proc.poll() is not None and inst.how_ended is None:
        inst.ended, inst.how_ended = world.clock(), f"exited by itself, code {inst.proc.returncode}"
        world.crashes.append({"t": round(inst.ended, 2), "code": inst.proc.returncode, "log": inst.log_path})
        log(f"botpool run exited by itself (code {inst.proc.returncode}, see {inst.log_path}); restarting it")
        world.ctx.daemon.start()


def one_fault(a, world):
    ctx = world.ctx
    revive(world)
    try:
        ctx.inventory.sample()  # fresh container ids: a pool recreated since the last sample has a new one
    except (OSError, docker_api.DockerError):
        log("the Docker daemon does not answer (restarted by someone else?); waiting up to 180 s")
        if not docker_api.wait_ready(180):
            raise
        ctx.inventory.sample()
    waited, before, t_sweep = heal.wait_fleet(ctx, a.heal_timeout)
    kind = ctx.rng.choice(a.kinds)
    rec = {"kind": kind, "fleet_wait_before_s": None if waited is None else round(waited, 2),
           "load1": os.getloadavg()[0]}  # a shared 2-core box: slow heals often mean a busy one
    try:
        f = faults.KINDS[kind](ctx, before)
    except Exception as e:  # noqa: BLE001  a fault that could not be injected is reported, not fatal
        rec.update(t_window=round(t_sweep, 3), t_inject=ctx.clock(), heal_s=None, error=f"not injected: {e}")
        return rec
    heal_s, after = heal.wait(ctx, f, before, a.heal_timeout)
    collateral, missed = heal.changes(ctx, f, before, after)
    t_healed = ctx.clock()
    outages = sorted(ctx.prober.outages_between(t_sweep, t_healed) - f.restart)
    # final.py widens the outages and restarts to the whole window up to the next fault.
    rec.update(target=f.target, t_window=round(t_sweep, 3), t_inject=round(f.t_inject, 3),
               t_release=round(f.t_release, 3), heal_s=None if heal_s is None else round(heal_s, 3),
               pool=f.pool, restart_expected=sorted(f.restart), actions_expected=[f"{k} {s}" for k, s in f.actions],
               collateral_restarts=collateral, not_restarted=missed, unexpected_outages=outages, notes=f.notes)
    return rec


def main(argv):
    a = parse_args(argv)
    if os.geteuid() != 0:
        sys.exit("soak: needs root (tmpfs mount, SIGKILL to a pool's supervisord from the host)")

    def interrupted(signum, frame):
        raise KeyboardInterrupt()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, interrupted)

    world = setup.World(a, LISTEN_PORT, log)
    try:
        world.prepare()
        run(a, world)
        log(f"settling {a.settle:g} s before the final count")
        time.sleep(a.settle)
        try:
            result = report.build(a, world, final.count(world))
        except Exception:
            with open(a.out + ".partial", "w") as fh:  # a long run's faults survive a report bug
                json.dump(world.records, fh, indent=2, default=str)
            log(f"report failed; the faults are in {a.out}.partial")
            raise
        with open(a.out, "w") as fh:
            json.dump(result, fh, indent=2, default=str)
        print(report.table(result))
        print(f"\nresults: {a.out}; logs: {world.work}{'' if a.keep else ' (removed; --keep keeps them)'}")
        return 0
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    except Exception:
        a.keep = True  # the controller's logs are the evidence
        log(f"failed; keeping {world.work}")
        raise
    finally:
        world.cleanup(keep=a.keep)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
