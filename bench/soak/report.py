"""The soak's numbers: results.json (every number, every fault, the command line, seed and
commit) and the table printed at the end.

Pass duration comes from two places because neither is complete: the log has the exact
seconds of every pass that did something, the /metrics histogram counts quiet passes too but
only in buckets (10 ms .. 30 s), and a kill -9 loses what an instance counted since its last
scrape (one is taken just before each planned kill).
"""
import collections
import math
import os
import subprocess

import docker_api
import logs


def pct(values, q):
    s = sorted(v for v in values if v is not None)
    if not s:
        return None
    k = (len(s) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def histogram_quantile(buckets, q):
    """Prometheus-style quantile from cumulative {le: count}; +Inf answers the last finite bound."""
    items = sorted(buckets.items(), key=lambda kv: float(kv[0]))
    total = items[-1][1] if items else 0
    if not total:
        return None
    want, prev_le, prev_c = q * total, 0.0, 0.0
    for le, c in items:
        if c >= want:
            if math.isinf(float(le)):
                return prev_le
            return prev_le + (float(le) - prev_le) * (want - prev_c) / max(c - prev_c, 1e-9)
        prev_le, prev_c = float(le), c
    return prev_le


def pass_histogram(daemon):
    buckets, count, total = collections.Counter(), 0.0, 0.0
    for inst in daemon.instances:
        for name, labels, v in inst.metrics or []:
            if name == "botpool_pass_duration_seconds_bucket":
                buckets[labels.get("le", "+Inf")] += v
            elif name == "botpool_pass_duration_seconds_count":
                count += v
            elif name == "botpool_pass_duration_seconds_sum":
                total += v
    return {"passes": int(count), "mean_s": total / count if count else None,
            "p50_s": histogram_quantile(buckets, 0.5), "p99_s": histogram_quantile(buckets, 0.99),
            "buckets": dict(buckets)}


def rss(world):
    """Mean RSS of the first and last window of the fault phase (5 min, or a fifth of a short run)."""
    samples = world.ctx.monitor.rss
    start, end = world.t_faults_start, world.t_faults_end
    w = min(300.0, (end - start) / 5)
    first = [kb for t, _, kb in samples if start <= t <= start + w]
    last = [kb for t, _, kb in samples if end - w <= t <= end]
    out = {"window_s": round(w, 1), "samples": len(samples), "controller_restarts": len(world.ctx.daemon.instances) - 1,
           "first_mb": mean_mb(first), "last_mb": mean_mb(last), "max_mb": mean_mb([max(kb for *_, kb in samples)]) if samples else None}
    out["growth_pct"] = (out["last_mb"] / out["first_mb"] - 1) * 100 if first and last else None
    # The longest-lived instance alone: a restart hides a leak from the window comparison.
    per = collections.defaultdict(list)
    for t, n, kb in samples:
        per[n].append((t, kb))
    if per:
        n, s = max(per.items(), key=lambda kv: kv[1][-1][0] - kv[1][0][0])
        k = max(1, len(s) // 5)
        a, b = mean_mb([kb for _, kb in s[:k]]), mean_mb([kb for _, kb in s[-k:]])
        out["longest_instance"] = {"instance": n, "lived_s": round(s[-1][0] - s[0][0]), "first_fifth_mb": a,
                                   "last_fifth_mb": b, "growth_pct": (b / a - 1) * 100}
    return out


def mean_mb(kbs):
    return sum(kbs) / len(kbs) / 1024 if kbs else None


def by_kind(records):
    """Per fault kind; faults whose window saw the Docker daemon go away are left out."""
    kinds = collections.defaultdict(list)
    for r in records:
        if not r.get("docker_outage"):
            kinds[r["kind"]].append(r)
    out = {}
    for kind, rs in sorted(kinds.items()):
        heals = [r["heal_s"] for r in rs if r.get("heal_s") is not None]
        out[kind] = {"faults": len(rs), "healed": len(heals), "not_healed": len(rs) - len(heals),
                     "heal_p50_s": pct(heals, 0.5), "heal_p99_s": pct(heals, 0.99),
                     "heal_max_s": max(heals) if heals else None,
                     "collateral_restarts": sum(len(r.get("collateral_restarts", [])) + len(r.get("double_restarts", []))
                                                for r in rs),
                     "unexpected_outages": sum(len(r.get("unexpected_outages", [])) for r in rs),
                     "extra_creates": sum(sum(r.get("extra_creates", {}).values()) for r in rs),
                     "unexpected_removals": sum(sum(r.get("unexpected_removals", {}).values()) for r in rs),
                     "extra_actions": sum(len(r.get("extra_actions", [])) for r in rs),
                     "failed_actions": sum(len(r.get("failed_actions", [])) for r in rs),
                     "not_injected": sum(1 for r in rs if r.get("error"))}
    return out


def git_commit():
    here = os.path.dirname(os.path.abspath(__file__))
    r = subprocess.run(["git", "-C", here, "rev-parse", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", here, "status", "--porcelain"], capture_output=True, text=True).stdout
    return r.stdout.strip() + ("-dirty" if dirty.strip() else "")


def build(a, world, final):
    ctx = world.ctx
    paths = world.log_paths()
    lg = logs.summarize(paths, lambda wall: wall - world.t0, world.work)
    secs = [s for _, s, *_ in lg.pop("passes") if not math.isnan(s)]
    acts = logs.actions(paths, lambda wall: wall - world.t0)
    for r in world.records:  # what the controllers did around a slow or messy heal: the evidence
        if r.get("heal_s") is None or r["heal_s"] > 5 or r.get("collateral_restarts") or r.get("extra_creates") \
                or r.get("extra_actions"):
            end = r["t_release"] + (r["heal_s"] or a.heal_timeout)
            r["controller_actions"] = [f"{t:.0f} {src} {kind} {result} {subj} ({reason}{'; ' + err if err else ''})"
                                       for t, src, kind, result, subj, reason, err in acts
                                       if r["t_window"] - 1 <= t <= end + 1]
    dup = ctx.inventory.duplicates
    kinds = by_kind(world.records)
    return {
        "started": world.started_wall, "command": os.environ.get("BENCH_COMMAND", "soak.py"),
        "argv": vars(a) | {"binary": a.binary}, "seed": a.seed, "commit": git_commit(),
        "host": {"cpus": os.cpu_count(), "kernel": os.uname().release,
                 "docker": docker_api.call("GET", "/version").get("Version"), "loadavg_end": os.getloadavg()},
        "setup": {"bots": a.bots, "tenants": 2, "converge_s": world.converge_s, "state_dir_tmpfs": world.tmpfs,
                  "fault_phase_s": world.t_faults_end - world.t_faults_start},
        "headline": {
            "bots_lost": len(final["bots_lost"]), "duplicate_pools_sampled": len({p for _, p, _ in dup}),
            "extra_pool_creates": sum(k["extra_creates"] for k in kinds.values()),
            "orphan_removals": sum(k["unexpected_removals"] for k in kinds.values()),
            "collateral_restarts": sum(k["collateral_restarts"] for k in kinds.values()),
            "data_lost": len(final["data_lost"]), "faults": len(world.records),
            "not_healed": sum(k["not_healed"] for k in kinds.values()),
            "controller_crashes": len(world.crashes),
            "docker_outages": len(final["events"]["docker_outages"] or []),
            "faults_set_apart": sum(1 for r in world.records if r.get("docker_outage")),
        },
        "controller_crashes": world.crashes,
        "by_kind": kinds, "rss": rss(world),
        "pass_duration": {"log_passes_with_actions": len(secs), "log_p50_s": pct(secs, 0.5),
                          "log_p99_s": pct(secs, 0.99), "log_max_s": max(secs) if secs else None,
                          "metrics_all_passes": pass_histogram(ctx.daemon)},
        "controller": lg | {"instances": [{"n": i.n, "started": round(i.started, 2), "ended": i.ended,
                                           "how": i.how_ended} for i in ctx.daemon.instances]},
        "duplicates_sampled": dup, "inventory_samples": ctx.inventory.samples, "prober_rounds": ctx.prober.rounds,
        "final": final, "faults": world.records,
    }


def fmt(v, unit="", nd=2):
    return "-" if v is None else f"{v:.{nd}f}{unit}"


def table(r):
    h, rs, pd = r["headline"], r["rss"], r["pass_duration"]
    out = [f"\nbotpool soak — {r['setup']['bots']} bots, {r['setup']['fault_phase_s'] / 60:.1f} min of faults, "
           f"{r['host']['cpus']} CPUs, docker {r['host']['docker']}, commit {r['commit'][:12]}, {r['started']}",
           f"command: {r['command']}  (seed {r['seed']})", ""]
    w = out.append
    goal = lambda ok: "OK" if ok else "MISSED"
    w(f"{'bots lost (silent or on another port)':<44}{h['bots_lost']:>10}   goal 0 {goal(h['bots_lost'] == 0)}")
    w(f"{'duplicate pools (sampled, 2 s)':<44}{h['duplicate_pools_sampled']:>10}   goal 0 {goal(h['duplicate_pools_sampled'] == 0)}")
    w(f"{'pool containers created no fault called for':<44}{h['extra_pool_creates']:>10}   goal 0 {goal(h['extra_pool_creates'] == 0)}")
    w(f"{'pool containers removed no fault hit':<44}{h['orphan_removals']:>10}   goal 0 {goal(h['orphan_removals'] == 0)}")
    w(f"{'bots restarted no fault called for':<44}{h['collateral_restarts']:>10}   goal 0 {goal(h['collateral_restarts'] == 0)}")
    w(f"{'bots whose data dir marker changed':<44}{h['data_lost']:>10}   goal 0 {goal(h['data_lost'] == 0)}")
    w(f"{'faults not healed within the timeout':<44}{h['not_healed']:>10}")
    if h["docker_outages"]:
        w(f"{'Docker daemon outages (not the soak)':<44}{h['docker_outages']:>10}   "
          f"{h['faults_set_apart']} faults in them left out of the per-kind numbers")
    w(f"{'controller exits no fault caused':<44}{h['controller_crashes']:>10}   goal 0 {goal(h['controller_crashes'] == 0)}")
    g = rs.get("growth_pct")
    w(f"{'controller RSS first/last ' + str(int(rs['window_s'])) + ' s (MB)':<44}"
      f"{fmt(rs['first_mb'], nd=1):>10} -> {fmt(rs['last_mb'], nd=1)}  {fmt(g, ' %', 1)}   goal <= 5 % "
      f"{'n/a' if g is None else goal(g <= 5)}  ({rs['controller_restarts']} controller restarts)")
    li = rs.get("longest_instance")
    if li:
        w(f"{'  longest-lived instance, first/last fifth':<44}{fmt(li['first_fifth_mb'], nd=1):>10} -> "
          f"{fmt(li['last_fifth_mb'], nd=1)}  {fmt(li['growth_pct'], ' %', 1)}  (lived {li['lived_s']} s)")
    m = pd["metrics_all_passes"]
    w(f"{'pass duration p99, passes with actions (log)':<44}{fmt(pd['log_p99_s'], ' s', 3):>10}   "
      f"p50 {fmt(pd['log_p50_s'], ' s', 3)}, max {fmt(pd['log_max_s'], ' s', 3)}, {pd['log_passes_with_actions']} passes")
    w(f"{'pass duration p99, all passes (/metrics)':<44}{fmt(m['p99_s'], ' s', 3):>10}   "
      f"p50 {fmt(m['p50_s'], ' s', 3)}, mean {fmt(m['mean_s'], ' s', 3)}, {m['passes']} passes (buckets)")
    w("")
    w(f"{'fault kind':<20}{'n':>4}{'healed':>8}{'p50 s':>8}{'p99 s':>8}{'max s':>8}{'collat.':>9}{'outage':>8}"
      f"{'+ctr':>6}{'-ctr':>6}{'+act':>6}{'fail':>6}")
    w("-" * 97)
    for kind, k in r["by_kind"].items():
        w(f"{kind:<20}{k['faults']:>4}{k['healed']:>8}{fmt(k['heal_p50_s']):>8}{fmt(k['heal_p99_s']):>8}"
          f"{fmt(k['heal_max_s']):>8}{k['collateral_restarts']:>9}{k['unexpected_outages']:>8}"
          f"{k['extra_creates']:>6}{k['unexpected_removals']:>6}{k['extra_actions']:>6}{k['failed_actions']:>6}")
    w("-" * 97)
    w("heal: from the fault (or its release) until every bot hit is back (new process, new env) and every")
    w("bot answers on its first port. collat.: restarts (or 2nd restarts), outage: bots seen down, that the")
    w("fault did not call for. +ctr/-ctr: pool containers created/removed beyond the one pool a fault hit.")
    w("+act: controller actions beyond the one the fault called for; fail: failed actions (from its log).")
    fails = {k: v for k, v in r["controller"]["actions"].items() if k.endswith("failed")}
    if fails:
        w(f"controller actions failed: {', '.join(f'{k} x{v}' for k, v in fails.items())}")
    for p in r["controller"]["problems"][:6]:
        w(f"  {p['count']:>4}x {p['level']}: {p['message']} {p['detail'][:90]}")
    st = r["final"]["status"]
    w(f"status at the end: {st.get('listed', '?')}/{st.get('of', '?')} bots listed, phases {st.get('phases', st)}")
    return "\n".join(out)
