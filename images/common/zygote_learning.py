"""Preload that learns (`runtime: {fork: {preload: auto}}`): the zygote's side.

A module a bot imports after the fork is built in that bot's private memory, once per bot.
With --learn the zygote finds those modules and imports them itself before it forks bots:

1. Warm-up. The first launch request is not forked as the bot at once: a warm-up child runs
   the same command (same uid, environment, working directory and output as the bot) until its
   `sys.modules` has not grown for --learn-settle-seconds (or --learn-limit-seconds passed, or
   it exits), writes the names over a pipe and is killed with its process group. Requests that
   arrive meanwhile wait in the socket's backlog; the first real fork happens after learning,
   so 10 bots placed in one pass all share what was learned.
   Side effects, by design visible and bounded: the warm-up holds the bot's port while it runs
   (the bot is forked only after the warm-up is dead); it writes what the command writes at
   start-up into the bot's data dir and log; it gets BOTPOOL_WARMUP=1 and
   FREQTRADE__INITIAL_STATE=stopped, so a FreqTrade `trade` bot starts stopped and opens no
   trade during the few seconds it lives.
2. Trial. The names come from a process running bot code, so they are hostile input: only
   dotted identifiers (at most MAX_MODULES of at most MAX_NAME characters) are considered, and
   each is imported only if it resolves, package by package, to a built-in or frozen module or
   to a file under this interpreter's stdlib or site-packages (sysconfig), never to a bot's
   data dir, /tmp or a path a bot can write; a bot's strategies and scripts are not learned.
   They are imported first in a throw-away child that checks, after each import, that no
   thread was started (a fork would copy its locks without it); a module that starts one, or
   fails, is left out.
3. Import and refreeze. The zygote imports what passed, in the bot's import order, then
   `gc.collect(); gc.freeze()` again. Its anonymous memory (heap, not mapped files) grows by
   what the bots now share, reported as `learnedBytes`: each bot forked afterwards maps those
   pages instead of building its own copy, so it is the saving per bot forked after learning
   (minus the zygote's one copy), as long as the bot does not write to those pages.

The status file then carries `learned` (the list) and `learnedBytes`; botpool persists the list
per PoolClass and hands it to the next zygote of the class as --learned-file (one name a line),
which takes it through the same trial and skips the warm-up.
"""

import gc
import importlib.machinery
import json
import os
import re
import select
import signal
import sys
import sysconfig
import threading
import time
from importlib import import_module

MAX_MODULES = 4000
MAX_NAME = 200
MAX_REPORT = 1 << 20
# A trial round that takes longer is killed: the module it was importing hangs.
TRIAL_SECONDS = 120
MODULE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*\Z")
WARMUP_ENV = {b"BOTPOOL_WARMUP": b"1", b"FREQTRADE__INITIAL_STATE": b"stopped"}


def valid_names(names):
    """Module names worth trying, first occurrence kept, in order; the rest dropped."""
    seen, kept = set(), []
    for name in names:
        if (len(kept) < MAX_MODULES and len(name) <= MAX_NAME and MODULE_NAME.match(name)
                and name not in seen and name not in ("__main__", "__mp_main__")):
            seen.add(name)
            kept.append(name)
    return kept


def read_names(path):
    """The --learned-file list; an unreadable or oversized file is an empty list."""
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_REPORT + 1)
    except OSError:
        return []
    if len(data) > MAX_REPORT:
        return []
    return valid_names(data.decode("ascii", "replace").split())


def image_roots():
    paths = sysconfig.get_paths()
    roots = {os.path.realpath(paths[key]) for key in ("stdlib", "platstdlib", "purelib", "platlib") if key in paths}
    return tuple(sorted(roots))


def within(path, roots):
    real = os.path.realpath(path)
    return any(real == root or real.startswith(root + os.sep) for root in roots)


def from_image(spec, roots):
    if spec.origin in ("built-in", "frozen"):
        return True
    if spec.origin and spec.has_location:
        return within(spec.origin, roots)
    locations = list(spec.submodule_search_locations or [])
    return bool(locations) and all(within(location, roots) for location in locations)


def verified_import(name, roots):
    """Imports `name` if each package on the way resolves inside the image; else ImportError."""
    parts = name.split(".")
    for index in range(1, len(parts) + 1):
        prefix = ".".join(parts[:index])
        if prefix in sys.modules:
            continue
        if index == 1:
            spec = (importlib.machinery.BuiltinImporter.find_spec(prefix)
                    or importlib.machinery.FrozenImporter.find_spec(prefix)
                    or importlib.machinery.PathFinder.find_spec(prefix, [p for p in sys.path if p and within(p, roots)]))
        else:
            path = getattr(sys.modules[".".join(parts[:index - 1])], "__path__", None)
            if path is None:
                raise ImportError(f"{prefix}: its parent is not a package")
            spec = importlib.machinery.PathFinder.find_spec(prefix, list(path))
        if spec is None:
            raise ImportError(f"{prefix}: not found in the image's stdlib or site-packages")
        if not from_image(spec, roots):
            raise ImportError(f"{prefix}: {spec.origin} is outside the image's stdlib and site-packages")
        import_module(prefix)


def thread_count():
    return max(threading.active_count(), len(os.listdir("/proc/self/task")))


def trial(names, roots, round_seconds=None):
    """(accepted, rejected) after importing `names` in a throw-away child, a few rounds: a module
    that starts a thread poisons the rest of its round, so it is left out and the round rerun.
    A round that takes longer than `round_seconds` (TRIAL_SECONDS) is killed and the module it
    was importing left out: an import that hangs must not keep the zygote from serving."""
    round_seconds = TRIAL_SECONDS if round_seconds is None else round_seconds
    rejected = {}
    for _ in range(4):
        candidates = [name for name in names if name not in rejected and name not in sys.modules]
        read_end, write_end = os.pipe2(os.O_CLOEXEC)
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            status = 0
            try:
                os.setpgid(0, 0)  # so that a kill takes what the imports started along
                for name in candidates:
                    os.write(write_end, json.dumps([name, None]).encode() + b"\n")  # importing it now
                    try:
                        verified_import(name, roots)
                    except BaseException as error:  # noqa: BLE001 - any failure leaves it out
                        os.write(write_end, json.dumps([name, f"{type(error).__name__}: {error}"[:300]]).encode() + b"\n")
                        continue
                    if thread_count() > 1:
                        os.write(write_end, json.dumps([name, "starts a thread at import"]).encode() + b"\n")
                        status = 3
                        break
            finally:
                os._exit(status)
        os.close(write_end)
        deadline = time.monotonic() + round_seconds
        report = read_bounded(read_end, deadline)
        os.close(read_end)
        status, finished = reap(pid, deadline)
        importing = None
        for line in report.splitlines():
            try:
                name, reason = json.loads(line)
            except ValueError:
                continue
            if reason is None:
                importing = str(name)
            else:
                rejected[str(name)] = str(reason)
        if not finished:
            if importing is None or importing in rejected:
                return [], rejected
            rejected[importing] = f"its import did not finish in {round_seconds:g} s"
            continue
        if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
            return [name for name in candidates if name not in rejected], rejected
    return [], rejected


def reap(pid, deadline):
    """(wait status, whether it ended by itself) of child `pid`, which is killed with its process
    group if it has not ended at the monotonic `deadline`."""
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status, True
        if time.monotonic() >= deadline:
            break
        time.sleep(0.05)
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    return os.waitpid(pid, 0)[1], False


def read_bounded(fd, deadline):
    """What arrives on `fd` until EOF, MAX_REPORT bytes or the monotonic `deadline`."""
    data = bytearray()
    while len(data) <= MAX_REPORT:
        timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            break
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        data += chunk
    return bytes(data[:MAX_REPORT])


def anonymous_bytes():
    """This process's anonymous memory (its heap, not mapped files): what a bot that imports a
    module itself holds privately, and a forked bot shares when the zygote imported it."""
    try:
        with open("/proc/self/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Anonymous:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class Learner:
    """What the zygote learned so far, and how it learns more."""

    def __init__(self, enabled, settle_seconds, limit_seconds, log):
        self.enabled = enabled
        self.settle_seconds = settle_seconds
        self.limit_seconds = limit_seconds
        self.log = log
        self.learned = []
        self.learned_bytes = 0
        self.warmed_up = False
        self.roots = image_roots()

    @property
    def wants_warm_up(self):
        """Warm up once, only when no learned list was handed over."""
        return self.enabled and not self.warmed_up and not self.learned

    def adopt(self, names, source):
        """Imports what passes the trial into this process and refreezes; returns the seconds."""
        started = time.monotonic()
        before = anonymous_bytes()
        accepted, rejected = trial(valid_names(names), self.roots)
        imported = []
        for name in accepted:
            try:
                verified_import(name, self.roots)
                imported.append(name)
            except BaseException as error:  # noqa: BLE001 - the trial imported it; left out
                rejected[name] = f"{type(error).__name__}: {error}"
        gc.collect()
        gc.freeze()
        self.learned += [name for name in imported if name not in self.learned]
        self.learned_bytes += max(0, anonymous_bytes() - before)
        seconds = time.monotonic() - started
        if rejected:
            shown = ", ".join(f"{name} ({reason})" for name, reason in list(rejected.items())[:5])
            self.log(f"left out {len(rejected)} modules {source} (first: {shown})")
        self.log(f"imported {len(imported)} modules {source} in {seconds:.2f} s "
                 f"(+{self.learned_bytes >> 20} MiB anonymous memory); refroze")
        return seconds

    def warm_up(self, fork_bot):
        """Runs the first bot's command in a warm-up child and adopts what it imported.
        `fork_bot(extra_env, hook)` forks the bot as `Server.spawn` would and returns its pid;
        `hook` runs in the child just before the command."""
        self.warmed_up = True
        read_end, write_end = os.pipe2(os.O_CLOEXEC)
        settle, limit = self.settle_seconds, self.limit_seconds

        def hook():
            os.close(read_end)
            print("botpool-zygote: warm-up run of this command, to learn what it imports; it is "
                  "killed once its imports settle, then the bot starts", file=sys.stderr, flush=True)
            report_once(write_end, settle, limit)

        started = time.monotonic()
        pid = fork_bot(WARMUP_ENV, hook)
        os.close(write_end)
        if pid is None:
            os.close(read_end)
            return
        report = read_bounded(read_end, time.monotonic() + limit + 10)
        os.close(read_end)
        try:
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        os.waitpid(pid, 0)
        names = [name for name in report.decode("ascii", "replace").split() if name not in sys.modules]
        self.log(f"warm-up pid {pid} reported {len(names)} modules beyond the preload after "
                 f"{time.monotonic() - started:.1f} s")
        self.adopt(names, "learned from the warm-up")

    def status(self):
        return {"learn": self.enabled, "learned": self.learned, "learnedBytes": self.learned_bytes}


def report_once(fd, settle_seconds, limit_seconds):
    """In the warm-up child: a daemon thread writes `sys.modules` (import order) to `fd` once it
    has not grown for `settle_seconds`, or after `limit_seconds`, or at exit, then kills the
    warm-up's process group (the zygote kills it too)."""
    lock = threading.Lock()
    done = []

    def report():
        with lock:
            if done:
                return
            done.append(True)
            try:
                os.write(fd, "\n".join(list(sys.modules)).encode("ascii", "replace")[:MAX_REPORT])
            except OSError:
                pass
            finally:
                os.close(fd)

    def watch():
        started = last_change = time.monotonic()
        count = len(sys.modules)
        while time.monotonic() - started < limit_seconds:
            time.sleep(0.25)
            if len(sys.modules) != count:
                count, last_change = len(sys.modules), time.monotonic()
            elif time.monotonic() - last_change >= settle_seconds:
                break
        report()
        os.killpg(0, signal.SIGKILL)

    import atexit
    atexit.register(report)
    threading.Thread(target=watch, name="botpool-warm-up", daemon=True).start()

