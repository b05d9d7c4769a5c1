"""The count after the settle: which bots are lost (silent, or answering on another port than
their first one), whose data went, what the controller's status says, and which containers
are left over. Also splits the Docker events by fault: a create or destroy no fault called
for is an orphan or a duplicate in time.
"""
import collections

import logs
from probe import healthy


def count(world):
    ctx = world.ctx
    fleet = ctx.fleet
    answers = ctx.sweeper.sweep(b.port for b in fleet.bots.values())
    ok = healthy(answers, fleet.bots)
    pools = ctx.inventory.sample()
    # Every port of every pool: a lost bot may answer on another slot.
    scan = ctx.sweeper.sweep(p for pool in pools for p in range(pool.base_port, pool.base_port + fleet.max_bots))
    where = {}
    for port, a in scan.items():
        if a is not None:
            where.setdefault(a.bot, []).append(port)
    moved = {n: where[n] for n in fleet.bots if n not in ok and n in where}
    silent = sorted(n for n in fleet.bots if n not in ok and n not in where)
    data = {n: fleet.read_born(world.state_dir, n) for n in fleet.bots}
    data_lost = sorted(n for n in fleet.bots if world.born.get(n) is None or data[n] != world.born[n])
    holding = collections.Counter()
    for b in fleet.bots.values():
        p = ctx.inventory.pool_of_port(b.port, fleet.max_bots)
        holding[p.name if p else None] += 1
    return {
        "bots_lost": sorted(silent + list(moved)),
        "bots_silent": silent,
        "bots_moved": moved,
        "data_lost": data_lost,
        "status": ctx.status_of(set(fleet.bots)),
        "pools_at_end": len(pools),
        "pools_not_running": sorted(p.name for p in pools if p.state != "running"),
        "pools_without_bots": sorted(p.name for p in pools if holding[p.name] == 0),
        "events": by_fault(world),
    }


def by_fault(world):
    """Splits what happened into fault windows (from the healthy sweep before one fault to the
    one before the next; the last runs to the end): container creates and destroys beyond the
    one pool a fault hit, and restarts and outages of bots it did not hit, or of a hit bot more
    than once."""
    ctx = world.ctx
    events = ctx.events.snapshot()
    restarts, outages = ctx.prober.spans()
    recs = [r for r in world.records if "t_window" in r]
    bounds = [r["t_window"] for r in recs] + [float("inf")]
    hit = [set(r.get("restart_expected", [])) for r in recs]

    seen = [collections.Counter() for _ in recs]

    def owner(bot, t_from, t_to):
        """The fault to charge for what happened to `bot` in (t_from, t_to]: the first one whose
        window overlaps, that hit the bot and is not yet charged with its restart (expected), else
        the last overlapping one."""
        cands = [i for i in range(len(recs)) if bounds[i] <= t_to and bounds[i + 1] > t_from]
        mine = [i for i in cands if bot in hit[i]]
        for i in mine:
            if not seen[i][bot]:
                return i, True
        if mine:
            return mine[-1], True
        return (cands[-1] if cands else None), False

    # The prober sees every token change (heal.py's before/after only those up to the heal).
    collateral = [set() for _ in recs]
    unexpected_outages = [set() for _ in recs]
    for bot, lo, hi in sorted(restarts, key=lambda x: x[2]):
        i, expected = owner(bot, lo, hi)
        if i is not None:
            (seen[i].update([bot]) if expected else collateral[i].add(bot))
    for bot, lo, hi in outages:
        i, expected = owner(bot, lo, hi)
        if i is not None and not expected:
            unexpected_outages[i].add(bot)
    gaps = [(a, float("inf") if b is None else b) for a, b in (ctx.events.outages or [])]
    for i, r in enumerate(recs):
        # Someone else restarted the Docker daemon: every pool died, not the fault's doing.
        r["docker_outage"] = any(a < bounds[i + 1] and b >= bounds[i] for a, b in gaps)
        r["collateral_restarts"] = sorted(collateral[i])
        r["double_restarts"] = sorted(b for b in hit[i] if seen[i][b] > 1)
        r["unexpected_outages"] = sorted(unexpected_outages[i])
        window = [e for e in events if bounds[i] <= e[0] < bounds[i + 1]]
        target = r.get("pool")
        for act, key in (("create", "extra_creates"), ("destroy", "unexpected_removals")):
            n = collections.Counter(pool for _, a, _, pool in window if a == act)
            r[key] = {p: c - (p == target) for p, c in n.items() if c - (p == target) > 0}
        if target and not any(a == "create" and pool == target for _, a, _, pool in window):
            r["target_not_recreated"] = True
        if r["extra_creates"] or r["unexpected_removals"]:
            r["container_events"] = [f"{t:.2f} {a} {pool} {cid}" for t, a, cid, pool in window
                                     if a in ("create", "destroy", "die")]
    charge_actions(world, recs, bounds)
    setup_creates = sum(1 for t, act, _, _ in events if act == "create" and t < bounds[0])
    return {"setup_creates": setup_creates, "total": len(events), "docker_outages": ctx.events.outages,
            "prober_restarts": [(b, round(lo, 2), round(hi, 2)) for b, lo, hi in restarts],
            "prober_outages": [(b, round(lo, 2), round(hi, 2)) for b, lo, hi in outages]}


def charge_actions(world, recs, bounds):
    """The controllers' actions against what each fault called for (a pool fault: one
    replacePool; a kill: one restartBot; an edit: one updateBot). Anything else done is extra,
    e.g. a bot restarted again right after its pool was replaced. Log times are whole seconds,
    so an action is charged to a window overlapping its second, the one that expects it first."""
    left = [collections.Counter(tuple(x.split(" ", 1)) for x in r.get("actions_expected", [])) for r in recs]
    extra, failed = [[] for _ in recs], [[] for _ in recs]
    for t, source, kind, result, subject, reason, error in logs.actions(world.log_paths(), lambda w: w - world.t0):
        cands = [i for i in range(len(recs)) if bounds[i] < t + 1 and bounds[i + 1] > t]
        if not cands:
            continue  # the first convergence
        line = f"{t:.0f} {source} {kind} {subject} ({reason}{'; ' + error if error else ''})"
        if result == "failed":
            failed[cands[-1]].append(line)
            continue
        mine = [i for i in cands if left[i][(kind, subject)] > 0]
        if mine:
            left[mine[0]][(kind, subject)] -= 1
        else:
            extra[cands[-1]].append(line)
    for i, r in enumerate(recs):
        r["extra_actions"], r["failed_actions"] = extra[i], failed[i]
        r["missing_actions"] = sorted(f"{k} {s}" for (k, s), n in left[i].items() if n > 0)
