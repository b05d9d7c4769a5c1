#!/usr/bin/env python3
"""10 FreqTrade webserver bots in one pool through botpool: exec runtime vs fork runtimes.

Measures, in one run, for each variant on a fresh state dir: time from `botpool run --once`
until every bot answers /api/v1/ping, summed PSS of every process in the pool container, and
(fork) one bot added to the warm pool, from the start of the pass that places it to its first
ping answer (p50 of 5). Variants (--variants, default all):
  exec        supervisord execs each bot
  auto        fork, `preload: auto`: the zygote learns from a warm-up run of the first bot
  main-auto   fork, `preload: [freqtrade.main, auto]`
  main        fork, `preload: [freqtrade.main]` (no learning)
  curated     fork, the hand-written list PRELOAD below (no learning)
Usage: bench/fork/run.sh [--bots 10] [--variants exec,auto]   (needs root, Docker, botpool/freqtrade:dev)
"""
import argparse, json, os, shutil, statistics, sys, tempfile, time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
import freqtrade_bots
from freqtrade_bots import other_containers, pss_mb, run_once

BASE_PORT = 21000
CLASS = "ftbench"

# What a `freqtrade webserver` bot imports, so that no bot imports it after the fork: the API
# routers ApiServer.configure_app imports when the app is built, and the modules uvicorn imports
# when its server starts. A module imported after the fork is built in each bot's private memory
# and its import dirties shared pages: measured with only the first two, each bot had ~51 MB
# private dirty; with all of them ~27 MB (bench/fork/late_imports.py lists what is still late).
PRELOAD = ["freqtrade.main", "freqtrade.rpc.api_server.webserver"] + [
    f"freqtrade.rpc.api_server.{name}" for name in (
        "api_v1", "api_auth", "api_analysis", "api_background_tasks", "api_backtest", "api_download_data",
        "api_pair_history", "api_pairlists", "api_trading", "api_webserver", "api_ws", "web_ui")
] + ["freqtrade.exchange.check_exchange", "uvicorn.protocols.http.auto", "uvicorn.protocols.websockets.auto",
     "uvicorn.lifespan.on", "uvloop"]

VARIANTS = {"exec": None, "auto": "auto", "main-auto": "[freqtrade.main, auto]", "main": "[freqtrade.main]",
            "curated": f"[{', '.join(PRELOAD)}]"}

def pool_class(variant):
    return freqtrade_bots.pool_class(CLASS, BASE_PORT, VARIANTS[variant])

def bot(name):
    return freqtrade_bots.bot(name, CLASS)

def wait_all(ports, start, limit=600):
    up, missing = freqtrade_bots.wait_all(ports, start, limit)
    if missing: raise SystemExit(f"ports {missing} did not answer within {limit} s")
    return up

def cleanup(state=None):
    freqtrade_bots.cleanup(CLASS, state)

def learned(state):
    """What the pool's zygote reports having learned (its status file), and the class's record."""
    try:
        status = json.load(open(f"{state}/pools/botpool-{CLASS}.bench-0/run/zygote.json"))
    except (OSError, ValueError):
        return None
    return {"modules": len(status.get("learned") or []), "learnedMB": (status.get("learnedBytes") or 0) / 2**20,
            "recorded": os.path.exists(f"{state}/classes/{CLASS}/learned-preload.json")}

def measure(botpool, runtime, bots, work):
    cleanup()
    manifests, state = f"{work}/{runtime}/m", f"{work}/{runtime}/s"
    os.makedirs(manifests)
    open(f"{manifests}/class.yaml", "w").write(pool_class(runtime))
    for i in range(bots):
        open(f"{manifests}/bot-{i:02d}.yaml", "w").write(bot(f"bot-{i:02d}"))
    start = time.monotonic()
    result = run_once(botpool, manifests, state)
    if result.returncode != 0: raise SystemExit(f"{runtime}: run --once exited {result.returncode}\n{result.stderr}")
    up = wait_all([BASE_PORT + i for i in range(bots)], start)
    time.sleep(3)  # let the bots finish their start-up allocations before reading memory
    pss = pss_mb(f"botpool-{CLASS}.bench-0")
    others = other_containers([f"botpool-{CLASS}.bench-0"])
    if others:
        print(f"{runtime:5}: warning: other containers of the pool's image ran while PSS was read, which lowers it: "
              f"{', '.join(others)}", flush=True)
    print(f"{runtime:9}: {bots} bots answer /api/v1/ping {up:.1f} s after run --once started; pool PSS {pss:.0f} MB", flush=True)
    added = []
    if runtime != "exec":
        for i in range(5):
            name = f"extra-{i}"
            open(f"{manifests}/{name}.yaml", "w").write(bot(name))
            start = time.monotonic()
            run_once(botpool, manifests, state)
            added.append(wait_all([BASE_PORT + bots + i], start, limit=60))
        print(f"{runtime:9}: one bot added to the warm pool answers after p50 {statistics.median(added)*1000:.0f} ms "
              f"(runs: {', '.join(f'{a*1000:.0f}' for a in added)} ms)", flush=True)
    knew = learned(state)
    cleanup(state)
    result = {"upSeconds": up, "pssMB": pss, "addedSeconds": added, "otherContainersOfImage": others}
    if knew and VARIANTS[runtime] and "auto" in VARIANTS[runtime]:
        result["learned"] = knew
    return result

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bots", type=int, default=10)
    parser.add_argument("--botpool", required=True)
    parser.add_argument("--variants", default=",".join(VARIANTS))
    args = parser.parse_args()
    variants = args.variants.split(",")
    if "exec" not in variants or not set(variants) <= set(VARIANTS):
        raise SystemExit(f"--variants: exec and any of {', '.join(VARIANTS)}")
    work = tempfile.mkdtemp(prefix="bp-fork-")
    results = {}
    try:
        for variant in variants:
            results[variant] = measure(args.botpool, variant, args.bots, work)
    finally:
        cleanup()
        shutil.rmtree(work, ignore_errors=True)
    exec_ = results["exec"]
    summary = {}
    print()
    for variant, result in results.items():
        if variant == "exec": continue
        summary[variant] = {"pssRatio": result["pssMB"] / exec_["pssMB"], "speedup": exec_["upSeconds"] / result["upSeconds"],
                            "warmAddP50Seconds": statistics.median(result["addedSeconds"])}
        print(f"{variant:9}: fork/exec PSS {summary[variant]['pssRatio']:.3f} (goal <= 0.27); all-up "
              f"{result['upSeconds']:.1f} s vs exec {exec_['upSeconds']:.1f} s ({summary[variant]['speedup']:.1f}x); "
              f"new bot in warm pool p50 {summary[variant]['warmAddP50Seconds']*1000:.0f} ms"
              + (f"; learned {result['learned']['modules']} modules, +{result['learned']['learnedMB']:.0f} MB in the zygote"
                 if "learned" in result else ""))
    json.dump({"bots": args.bots, "command": f"bench/fork/run.sh --bots {args.bots} --variants {args.variants}", "results": results,
               "summary": summary}, open(os.path.join(os.path.dirname(__file__), "results.json"), "w"), indent=2)

if __name__ == "__main__":
    main()
