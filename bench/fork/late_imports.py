#!/usr/bin/env python3
"""Which modules a forked bot still imports after the zygote's preload: candidates for `preload`.

A module a bot imports after the fork is built in the bot's private memory, and the import
itself writes to the shared pages it touches (sys.modules, type and ABC caches, pydantic and
FastAPI structures), so every bot pays for it again. This runs the bot's command in one
container of the pool image the way the zygote would (preload imported first, then the
console script or `-m` module in the same interpreter), waits, and prints the modules that
appeared after the preload, in import order.

Usage: bench/fork/late_imports.py [--image botpool/freqtrade:dev] [--python /opt/freqtrade/bin/python3]
           [--preload a.b,c.d] [--seconds 15] [--file NAME=PATH ...] -- COMMAND [ARG...]
e.g.   bench/fork/late_imports.py --preload freqtrade.main --file config.json=my-config.json \\
           -- freqtrade webserver --config config.json --user-data-dir .
"""
import argparse, json, os, shutil, subprocess, sys, tempfile

PROBE = r"""
import importlib, json, os, runpy, sys, threading, time
from importlib import metadata
preload, seconds, argv = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
for name in filter(None, (m.strip() for m in preload.split(","))):
    importlib.import_module(name)
before = set(sys.modules)
def report():
    time.sleep(seconds)
    late = [name for name in list(sys.modules) if name not in before]
    print("LATE " + json.dumps(late), file=sys.__stderr__, flush=True)
    os._exit(0)
threading.Thread(target=report, daemon=True).start()
sys.argv = argv
if argv[0].startswith("python") and argv[1:2] == ["-m"]:
    sys.argv = [argv[0]] + argv[3:]
    runpy.run_module(argv[2], run_name="__main__", alter_sys=True)
else:
    next(iter(metadata.entry_points(group="console_scripts", name=argv[0]))).load()()
time.sleep(seconds + 5)
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--image", default="botpool/freqtrade:dev")
    parser.add_argument("--python", default="/opt/freqtrade/bin/python3")
    parser.add_argument("--preload", default="")
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--file", action="append", default=[], help="NAME=PATH copied into the bot's directory")
    parser.add_argument("command", nargs="+")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="bp-late-")
    try:
        for item in args.file:
            name, _, path = item.partition("=")
            shutil.copy(path, os.path.join(work, name))
        run = subprocess.run(["docker", "run", "--rm", "-v", f"{work}:/bot", "-w", "/bot", args.image,
                              args.python, "-c", PROBE, args.preload, str(args.seconds)] + args.command,
                             capture_output=True, text=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    lines = [line for line in run.stderr.splitlines() if line.startswith("LATE ")]
    if not lines:
        sys.exit(f"the command ended before {args.seconds} s or failed:\n{run.stderr[-3000:]}")
    late = json.loads(lines[-1][5:])
    print(f"{len(late)} modules imported after the preload ({args.preload or 'nothing'}):")
    for name in late:
        print(f"  {name}")


if __name__ == "__main__":
    main()
