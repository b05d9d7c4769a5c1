#!/usr/bin/env python3
"""How many FreqTrade webserver bots fit in a memory budget: exec runtime vs fork runtime.

For each runtime (--runtimes, default both), on a fresh state dir and manifests dir: add bots in
steps of --step to one PoolClass (maxBots 20 a pool, up to --max-pools pools, memoryLimit 8Gi a
pool, so pools are filled one after another), run `botpool run --once`, wait until every bot answers
/api/v1/ping, then sum the PSS of every process in every pool container of the class (bots,
supervisord, zygotes). It goes on while the total stays within --budget-mib; near the budget the
step shrinks to what the last step's per-bot PSS says still fits, down to 1, so the last step
is the first one over it. The answer for a runtime is the largest count measured within the
budget with every bot answering. A runtime that stops before the budget (--max-bots, its
--max-minutes, the host's memory past --host-limit-mib, a step whose bots did not all answer
within --step-timeout) reports how far it measured and, separately, an extrapolation to the
budget at the per-bot PSS of its last steps. A forked bot's pages turn private as it runs (each
object it touches), so after the last step the bench waits --settle seconds and reads the PSS
again: settledPssMiB in results.json.
  exec   supervisord execs each bot
  fork   fork runtime, `preload: auto` (the zygote learns what a bot imports from a warm-up)
Usage: bench/density/run.sh [--budget-mib 16384] [--step 10] [--runtimes exec,fork]
       (needs root, Docker, botpool/freqtrade:dev; writes bench/density/results.json)
"""
import argparse, datetime, json, math, os, platform, shlex, shutil, sys, tempfile, time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
import freqtrade_bots
from freqtrade_bots import other_containers, pool_containers, pss_mb, run_once, wait_all

CLASS = "ftdensity"
BASE_PORT = 23000
MAX_BOTS, MEMORY = 20, "8Gi"
RUNTIMES = {"exec": None, "fork": "auto"}

def meminfo_mib():
    fields = {line.split(":")[0]: int(line.split()[1]) for line in open("/proc/meminfo")}
    return fields["MemTotal"] // 1024, (fields["MemTotal"] - fields["MemAvailable"]) // 1024

def next_step(steps, args, cap):
    """How many bots the next step adds: --step, or near the budget what the last step's
    per-bot PSS says still fits (at least 1); 0 at the cap."""
    if not steps: return min(args.step, cap)
    last = steps[-1]
    slope = last["stepPssPerBotMiB"]
    room = args.budget_mib - last["pssMiB"]
    fits = math.floor(room / slope) if slope > 0 else args.step
    return min(args.step, max(1, fits), cap - last["bots"])

def extrapolate(steps, budget):
    """Bots within the budget at the per-bot PSS of the last (up to) three steps."""
    first, last = steps[max(0, len(steps) - 4)], steps[-1]
    if last["bots"] == first["bots"]: first = {"bots": 0, "pssMiB": 0}
    slope = (last["pssMiB"] - first["pssMiB"]) / (last["bots"] - first["bots"])
    return {"fromBots": first["bots"], "toBots": last["bots"], "slopeMiBPerBot": slope,
            "bots": last["bots"] + math.floor((budget - last["pssMiB"]) / slope)}

def measure(botpool, runtime, args, work):
    freqtrade_bots.cleanup(CLASS)
    manifests, state = f"{work}/{runtime}/m", f"{work}/{runtime}/s"
    os.makedirs(manifests)
    open(f"{manifests}/class.yaml", "w").write(
        freqtrade_bots.pool_class(CLASS, BASE_PORT, RUNTIMES[runtime], MAX_BOTS, args.max_pools, MEMORY))
    cap = min(args.max_bots or MAX_BOTS * args.max_pools, MAX_BOTS * args.max_pools)
    began, steps, stopped = time.monotonic(), [], None
    try:
        while True:
            bots = steps[-1]["bots"] if steps else 0
            add = next_step(steps, args, cap)
            if add == 0:
                stopped = f"reached {cap} bots (--max-bots or the class's maxBots x maxPools)"; break
            if time.monotonic() - began > args.max_minutes * 60:
                stopped = f"--max-minutes {args.max_minutes:g} passed"; break
            _, used = meminfo_mib()
            if steps and used + 1.5 * add * steps[-1]["stepPssPerBotMiB"] > args.host_limit_mib:
                stopped = f"the host's used memory ({used} MiB) would pass --host-limit-mib {args.host_limit_mib}"; break
            for i in range(bots, bots + add):
                open(f"{manifests}/bot-{i:03d}.yaml", "w").write(freqtrade_bots.bot(f"bot-{i:03d}", CLASS))
            bots += add
            start = time.monotonic()
            result = run_once(botpool, manifests, state)
            pass_s = time.monotonic() - start
            if result.returncode == 2: raise SystemExit(f"{runtime}: run --once exited 2\n{result.stderr}")
            # Placement fills pool 0 (ports 23000-23019), then pool 1 (23020-) …: bot k of a fresh
            # class answers on BASE_PORT + k.
            up, missing = wait_all(range(BASE_PORT, BASE_PORT + bots), start, args.step_timeout)
            if missing:
                stopped = (f"{len(missing)} of {bots} bots did not answer within {args.step_timeout:g} s "
                           f"(ports {missing[:10]}{' …' if len(missing) > 10 else ''}); run --once exited "
                           f"{result.returncode}: {result.stderr.strip()[-2000:]}")
                break
            time.sleep(3)  # let the bots finish their start-up allocations before reading memory
            containers = pool_containers(CLASS)
            pss = sum(pss_mb(c) for c in containers)
            total, used = meminfo_mib()
            previous = steps[-1] if steps else {"bots": 0, "pssMiB": 0}
            step = {"bots": bots, "pssMiB": round(pss, 1), "pssPerBotMiB": round(pss / bots, 1),
                    "stepPssPerBotMiB": round((pss - previous["pssMiB"]) / add, 1), "upSeconds": round(up, 1),
                    "runOnceSeconds": round(pass_s, 1), "runOnceExit": result.returncode, "pools": len(containers),
                    "hostUsedMiB": used, "load1": round(os.getloadavg()[0], 2),
                    "otherContainersOfImage": other_containers(containers)}
            if result.returncode != 0: step["runOnceStderr"] = result.stderr.strip()[-2000:]
            steps.append(step)
            print(f"{runtime:4}: {bots:3} bots in {len(containers):2} pools answer /api/v1/ping {up:6.1f} s after run --once "
                  f"started (its pass {pass_s:.1f} s, exit {result.returncode}); PSS {pss:7.0f} MiB, {pss / bots:5.1f} a bot, "
                  f"{step['stepPssPerBotMiB']:5.1f} a bot added; host used {used}/{total} MiB, load {step['load1']}"
                  + (f"; other containers of the image: {', '.join(step['otherContainersOfImage'])}"
                     if step["otherContainersOfImage"] else ""), flush=True)
            if pss > args.budget_mib:
                stopped = f"past the budget at {bots} bots"; break
        if steps:
            time.sleep(args.settle)
            containers = pool_containers(CLASS)
            steps[-1]["settledSeconds"] = args.settle
            steps[-1]["settledPssMiB"] = round(sum(pss_mb(c) for c in containers), 1)
            print(f"{runtime:4}: {steps[-1]['bots']:3} bots, PSS {args.settle:g} s later {steps[-1]['settledPssMiB']:.0f} MiB "
                  f"(was {steps[-1]['pssMiB']:.0f})", flush=True)
    finally:
        freqtrade_bots.cleanup(CLASS, state)
    within = [s for s in steps if s["pssMiB"] <= args.budget_mib]
    out = {"steps": steps, "stopped": stopped, "minutes": round((time.monotonic() - began) / 60, 1),
           "learnedPreloadRecorded": os.path.exists(f"{state}/classes/{CLASS}/learned-preload.json"),
           "withinBudget": within[-1]["bots"] if within else 0,
           "pssAtWithinBudgetMiB": within[-1]["pssMiB"] if within else None,
           "pssPerBotAtWithinBudgetMiB": within[-1]["pssPerBotMiB"] if within else None,
           "reachedBudget": bool(steps) and steps[-1]["pssMiB"] > args.budget_mib}
    if steps and not out["reachedBudget"]:
        out["extrapolated"] = extrapolate(steps, args.budget_mib)
    return out

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--botpool", required=True)
    parser.add_argument("--budget-mib", type=float, default=16384)
    parser.add_argument("--step", type=int, default=10)
    parser.add_argument("--runtimes", default=",".join(RUNTIMES))
    parser.add_argument("--max-pools", type=int, default=40, help="the class's maxPools (ports from 23000 on, 20 a pool)")
    parser.add_argument("--max-bots", type=int, default=0, help="stop a runtime at this many bots (0: 20 x --max-pools)")
    parser.add_argument("--settle", type=float, default=60, help="seconds after the last step before PSS is read again")
    parser.add_argument("--max-minutes", type=float, default=60, help="start no step after this long, per runtime")
    parser.add_argument("--step-timeout", type=float, default=600, help="seconds for a step's bots to answer")
    parser.add_argument("--host-limit-mib", type=int, default=20480, help="start no step that could take the host's used memory past this")
    args = parser.parse_args()
    runtimes = args.runtimes.split(",")
    if not runtimes or not set(runtimes) <= set(RUNTIMES): raise SystemExit(f"--runtimes: any of {', '.join(RUNTIMES)}")
    command = "bench/density/run.sh " + shlex.join(sys.argv[1:][:sys.argv[1:].index("--botpool")]
                                                   + sys.argv[1:][sys.argv[1:].index("--botpool") + 2:])
    total, used = meminfo_mib()
    machine = {"cpus": os.cpu_count(), "memTotalMiB": total, "usedAtStartMiB": used, "loadAtStart": os.getloadavg(),
               "kernel": platform.release()}
    work = tempfile.mkdtemp(prefix="bp-density-")
    results = {}
    try:
        for runtime in runtimes:
            results[runtime] = measure(args.botpool, runtime, args, work)
    finally:
        freqtrade_bots.cleanup(CLASS)
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nbudget {args.budget_mib:g} MiB; pools of {MAX_BOTS} bots, memoryLimit {MEMORY}")
    print(f"{'runtime':7} {'bots':>5} {'PSS MiB':>8} {'MiB/bot':>8} {'all-up s':>8}  (per step; * = within the budget)")
    for runtime, result in results.items():
        for s in result["steps"]:
            print(f"{runtime:7} {s['bots']:5} {s['pssMiB']:8.0f} {s['pssPerBotMiB']:8.1f} {s['upSeconds']:8.1f}"
                  f"{'  *' if s['pssMiB'] <= args.budget_mib else ''}")
    print()
    for runtime, result in results.items():
        line = (f"{runtime}: {result['withinBudget']} bots within {args.budget_mib:g} MiB, measured "
                f"({result['pssAtWithinBudgetMiB']} MiB, {result['pssPerBotAtWithinBudgetMiB']} MiB a bot)")
        if "extrapolated" in result:
            e = result["extrapolated"]
            line += (f"; measured only up to {result['steps'][-1]['bots']} bots ({result['steps'][-1]['pssMiB']:.0f} MiB), "
                     f"extrapolated to the budget: {e['bots']} bots at {e['slopeMiBPerBot']:.1f} MiB a bot "
                     f"(the slope from {e['fromBots']} to {e['toBots']} bots)")
        print(line + f"; stopped: {result['stopped']}")
    json.dump({"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"), "command": command,
               "botpool": args.botpool, "budgetMiB": args.budget_mib, "step": args.step,
               "poolClass": {"name": CLASS, "maxBots": MAX_BOTS, "maxPools": args.max_pools, "memoryLimit": MEMORY,
                             "basePort": BASE_PORT, "preload": RUNTIMES},
               "machine": machine, "results": results},
              open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "results.json"), "w"), indent=2)

if __name__ == "__main__":
    main()
