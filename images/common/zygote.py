"""botpool zygote: one preloaded Python interpreter that forks the bots of a fork pool.

supervisord runs it as the pool's first program:

    PYTHON /usr/local/lib/botpool/zygote.py --socket /botpool/run/zygote.sock \
        --preload freqtrade.main,freqtrade.freqtradebot [--status-file PATH] \
        [--learn] [--learned-file PATH]

It imports the preload modules, runs `gc.collect(); gc.freeze()` (so the collector never
writes to the shared object pages and children keep sharing them), refuses to serve when
preloading left more than one thread (a forked child would inherit their locks but not the
threads), then serves launchers (`botpool-launch`, one per bot) on a unix socket (0666).
The socket is bound before the preload: launchers that start meanwhile (10 bots placed with
the pool) wait in its backlog for their reply, however long the preload takes on a loaded
machine, instead of giving up on a missing socket after botpool-launch's --wait. If the
preload fails, their connections close and they exit 69 (supervisord restarts them).
With --learn / --learned-file it also imports what bots import after the fork, before the
first one is forked (zygote_learning.py says how, and what that costs).
Each bot runs as the uid and gid its launcher connected with (SO_PEERCRED, which the kernel
fills in: a launcher cannot claim another), so the socket is open to every uid in the pool,
and a connection only ever gets a process of its own uid.
It is single-threaded: one `selectors` loop, SIGCHLD through a wakeup pipe.

Protocol, per connection (launcher -> zygote first):
  request   4-byte big-endian length, then NUL-terminated byte strings:
            "1" (version), argc, argv..., envc, env ("NAME=value")...;
            SCM_RIGHTS with 4 fds on the first bytes: stdin, stdout, stderr, and the
            launcher's working directory (fchdir'ed by the bot).
            Byte strings, not JSON: argv and environ are bytes (decoded like CPython's own,
            with os.fsdecode) and the launcher is C.
  replies   text lines: "pid N", then "exit N" or "killed SIG" when the bot ends, or
            "error MESSAGE" before closing a bad request.
  launcher  "signal N" lines: the zygote sends N to the bot's process group.
If the launcher's connection closes while its bot runs, the zygote SIGKILLs the bot's
process group. If the zygote dies, PR_SET_PDEATHSIG kills each bot with SIGKILL.

The bot (child): own session and process group, PDEATHSIG, fds 0-2 from the launcher, the
launcher's cwd, its environment replacing the zygote's, signal dispositions and mask as the
zygote started with, reseeded `random` (and numpy), fresh sys.std* (PYTHONUNBUFFERED and
PYTHONIOENCODING honoured), then `argv` runs as:
  - `python3 -m MODULE ARGS`      runpy.run_module as __main__
  - `python3 SCRIPT ARGS`         runpy.run_path as __main__
  - `python3 -c CODE ARGS`        CODE run in a fresh __main__
  - `NAME ARGS` (no "/")          the console_scripts entry point NAME of this interpreter,
                                  else NAME looked up on the bot's PATH like a path below
  - `/PATH ARGS`                  a Python script (".py" or a "python" #! line): run_path;
                                  anything else is exec'd (same pid, still supervised)
Exit status as CPython's: SystemExit code, 0, 1 after a traceback, death by SIGINT after an
uncaught KeyboardInterrupt; 127 when the command is not found. Other PYTHON* variables of
the bot have no effect: the interpreter is already running.

Exit status of the zygote: 0 after SIGTERM (bots are sent SIGTERM, then it waits up to
--stop-seconds), 1 when a preload fails, 78 when it refuses to serve (threads), 2 usage.
"""

import argparse
import atexit
import ctypes
import gc
import io
import json
import os
import runpy
import selectors
import shutil
import signal
import socket
import struct
import sys
import threading
import time
import traceback
import warnings
from importlib import import_module, metadata

from zygote_learning import Learner, read_names

FD_COUNT = 4
MAX_REQUEST = 8 << 20
EXIT_REFUSED = 78
PR_SET_PDEATHSIG = 1
PR_SET_NAME = 15

# Numeric libraries start thread pools at import (OpenBLAS, numexpr, OpenMP, pyarrow's
# jemalloc); a fork would copy their locks without their threads. One thread each is also
# what N bots sharing a pool's CPUs want. Set only where the zygote's environment has none.
SINGLE_THREAD_DEFAULTS = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "NUMEXPR_NUM_THREADS": "1",
    "NUMEXPR_MAX_THREADS": "1",
    "JE_ARROW_MALLOC_CONF": "background_thread:false",
}


def log(message):
    print(f"botpool-zygote[{os.getpid()}]: {message}", file=sys.stderr, flush=True)


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="zygote.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--socket", required=True, help="unix socket to serve launchers on")
    parser.add_argument("--preload", default="", help="comma-separated modules to import")
    parser.add_argument("--status-file", help="write pid, preload and timing here as JSON")
    parser.add_argument("--learn", action="store_true",
                        help="learn what the first bot imports after the fork (zygote_learning.py)")
    parser.add_argument("--learned-file", help="modules learned by an earlier zygote, one a line")
    parser.add_argument("--learn-settle-seconds", type=float, default=3.0,
                        help="the warm-up reports once its sys.modules has not grown this long")
    parser.add_argument("--learn-limit-seconds", type=float, default=60.0,
                        help="the warm-up reports after this long at the latest")
    parser.add_argument("--stop-seconds", type=float, default=10.0,
                        help="after SIGTERM, how long to wait for bots before exiting")
    args = parser.parse_args(argv)
    args.preload = [name.strip() for name in args.preload.split(",") if name.strip()]
    return args


def startup_dispositions():
    """Signal handlers as this interpreter started: what a bot exec'd by supervisord gets."""
    handlers = {}
    for signum in signal.valid_signals():
        try:
            handler = signal.getsignal(signum)
        except (OSError, ValueError):
            continue
        if handler is not None:
            handlers[signum] = handler
    return handlers


def extra_threads():
    """Threads besides this one: Python's, and the OS's (native pools started by C code)."""
    python = [t.name for t in threading.enumerate() if t is not threading.current_thread()]
    python_states = len(sys._current_frames()) - 1
    tasks = []
    for tid in os.listdir("/proc/self/task"):
        if int(tid) != threading.get_native_id():
            try:
                with open(f"/proc/self/task/{tid}/comm") as comm:
                    tasks.append(f"{tid}:{comm.read().strip()}")
            except OSError:
                tasks.append(tid)
    if python or python_states > 0 or tasks:
        return f"Python threads {python or python_states}, OS threads {tasks}"
    return None


def preload(modules):
    started = time.monotonic()
    for name in modules:
        import_module(name)
    gc.collect()
    gc.freeze()
    return time.monotonic() - started


def write_status(path, fields):
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w") as file:
        json.dump(fields, file, indent=2)
        file.write("\n")
    os.replace(temporary, path)


def listen(path):
    """Binds `path` (0666), replacing a stale socket but never a live zygote's."""
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.connect(path)
        raise SystemExit(f"botpool-zygote: another zygote already serves {path}")
    except (FileNotFoundError, ConnectionRefusedError):
        pass
    finally:
        probe.close()
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    umask = os.umask(0o111)
    try:
        listener.bind(path)
    finally:
        os.umask(umask)
    os.chmod(path, 0o666)
    listener.listen(128)
    listener.setblocking(False)
    return listener


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    dispositions = startup_dispositions()
    for name, value in SINGLE_THREAD_DEFAULTS.items():
        os.environ.setdefault(name, value)
    # Bound first, replacing a stale socket; refuses at once if a live zygote serves it.
    listener = listen(args.socket)
    try:
        return preload_and_serve(args, listener, dispositions)
    finally:
        listener.close()  # launchers still in the backlog see their connection close
        try:
            os.unlink(args.socket)
        except FileNotFoundError:
            pass


def preload_and_serve(args, listener, dispositions):
    log(f"preloading {', '.join(args.preload) or 'nothing'} with {sys.executable} "
        f"(Python {sys.version.split()[0]})")
    try:
        seconds = preload(args.preload)
    except BaseException:  # noqa: BLE001 - any failure to preload is fatal and reported
        log("preload failed:\n" + traceback.format_exc().rstrip())
        return 1
    learner = Learner(args.learn, args.learn_settle_seconds, args.learn_limit_seconds, log)
    if args.learned_file:
        try:
            learner.adopt(read_names(args.learned_file), f"from {args.learned_file}")
        except BaseException:  # noqa: BLE001 - a learned list is an optimisation, never fatal
            log("importing the learned modules failed:\n" + traceback.format_exc().rstrip())
    threads = extra_threads()
    if threads:
        log(f"refusing to serve: preloading started threads ({threads}); forked bots would "
            f"inherit their locks but not the threads. Remove the module that starts them "
            f"from --preload, or configure it not to (see SINGLE_THREAD_DEFAULTS)")
        return EXIT_REFUSED
    frozen = gc.get_freeze_count()
    log(f"preloaded {len(args.preload)} modules in {seconds:.2f} s; froze {frozen} objects; "
        f"serving on {args.socket}")
    started_at = time.time()

    def report():
        if args.status_file:
            write_status(args.status_file, {
                "pid": os.getpid(), "python": sys.executable, "version": sys.version.split()[0],
                "preload": args.preload, "preloadSeconds": round(seconds, 3),
                "frozenObjects": gc.get_freeze_count(), "socket": args.socket, "startedAt": started_at,
                **learner.status(),
            })

    report()
    return Server(listener, dispositions, args.stop_seconds, learner, report).run()


# --- the server: one selectors loop, no threads ------------------------------------------

class Launch:
    """One launcher connection: its request while it arrives, then its bot."""

    def __init__(self, sock):
        self.sock = sock
        self.buffer = bytearray()
        self.fds = []
        self.pid = None
        _, self.uid, self.gid = struct.unpack("3i", sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i")))


class Server:
    def __init__(self, listener, dispositions, stop_seconds, learner, report):
        self.listener = listener
        self.learner = learner
        self.report = report
        self.dispositions = dispositions
        self.stop_seconds = stop_seconds
        self.selector = selectors.DefaultSelector()
        self.launches = {}  # socket fd -> Launch
        self.bots = {}  # pid -> Launch, or None once its launcher went away
        self.stop_requested = False
        self.stopping_since = None
        self.wake_read, self.wake_write = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
        signal.set_wakeup_fd(self.wake_write, warn_on_full_buffer=False)
        signal.signal(signal.SIGCHLD, lambda *_: None)
        signal.signal(signal.SIGTERM, self.request_stop)
        self.selector.register(listener, selectors.EVENT_READ, self.accept)
        self.selector.register(self.wake_read, selectors.EVENT_READ, self.drain_wakeups)

    def run(self):
        while self.stopping_since is None or self.bots:
            timeout = None
            if self.stopping_since is not None:
                timeout = self.stopping_since + self.stop_seconds - time.monotonic()
                if timeout <= 0:
                    log(f"bots {sorted(self.bots)} still running after {self.stop_seconds} s; "
                        f"exiting (PR_SET_PDEATHSIG kills them)")
                    break
            for key, _ in self.selector.select(timeout):
                key.data(key.fileobj)
            self.reap()
            if self.stop_requested and self.stopping_since is None:
                self.stop()
        return 0

    def request_stop(self, *_):
        self.stop_requested = True  # acted on by the loop, never inside a handler

    def stop(self):
        if self.stopping_since is None:
            self.stopping_since = time.monotonic()
            log(f"SIGTERM: no new bots; sending SIGTERM to {len(self.bots)} bots")
            self.selector.unregister(self.listener)
            self.listener.close()
            for launch in [launch for launch in self.launches.values() if launch.pid is None]:
                self.close(launch)  # its request is not complete: no bot is forked after a stop
            for pid in self.bots:
                signal_group(pid, signal.SIGTERM)

    def drain_wakeups(self, _):
        try:
            while os.read(self.wake_read, 512):
                pass
        except BlockingIOError:
            pass

    def accept(self, _):
        try:
            sock, _ = self.listener.accept()
        except BlockingIOError:
            return
        sock.setblocking(False)
        self.launches[sock.fileno()] = Launch(sock)
        self.selector.register(sock, selectors.EVENT_READ, self.receive)

    def receive(self, sock):
        launch = self.launches[sock.fileno()]
        try:
            data, fds, flags, _ = socket.recv_fds(sock, 65536, FD_COUNT)
        except BlockingIOError:
            return
        except OSError:
            data, fds, flags = b"", [], 0
        if launch.pid is None:
            launch.fds += fds
        else:
            close_all(fds)
        if not data:
            self.close(launch)
            return
        if flags & socket.MSG_CTRUNC:
            self.refuse(launch, "file descriptors truncated")
            return
        launch.buffer += data
        if launch.pid is None:
            self.receive_request(launch)
        else:
            self.receive_signals(launch)

    def receive_request(self, launch):
        if len(launch.buffer) < 4:
            return
        (length,) = struct.unpack(">I", launch.buffer[:4])
        if length > MAX_REQUEST:
            self.refuse(launch, f"request of {length} bytes is larger than {MAX_REQUEST}")
            return
        if len(launch.buffer) < 4 + length:
            return
        payload = bytes(launch.buffer[4:4 + length])
        del launch.buffer[:4 + length]
        try:
            argv, env = decode_request(payload)
        except ValueError as error:
            self.refuse(launch, str(error))
            return
        if len(launch.fds) != FD_COUNT:
            self.refuse(launch, f"expected {FD_COUNT} file descriptors, got {len(launch.fds)}")
            return
        self.spawn(launch, argv, env)
        self.receive_signals(launch)

    def receive_signals(self, launch):
        while b"\n" in launch.buffer:
            line, _, rest = bytes(launch.buffer).partition(b"\n")
            launch.buffer[:] = rest
            word, _, number = line.decode("ascii", "replace").partition(" ")
            if word == "signal" and number.isdigit() and launch.pid in self.bots:
                signal_group(launch.pid, int(number))

    def spawn(self, launch, argv, env):
        if self.learner.wants_warm_up:
            try:
                self.learner.warm_up(lambda extra, hook: self.fork_bot(launch, argv, env, extra, hook))
            except BaseException:  # noqa: BLE001 - learning is an optimisation: serve anyway
                log("learning from the warm-up failed:\n" + traceback.format_exc().rstrip())
            self.report()
        pid = self.fork_bot(launch, argv, env)
        if pid is None:
            return
        close_all(launch.fds)
        launch.fds = []
        launch.pid = pid
        self.bots[pid] = launch
        log(f"bot pid {pid} started ({os.fsdecode(argv[0])})")
        self.send(launch, f"pid {pid}\n")

    def fork_bot(self, launch, argv, env, extra_env=None, hook=None):
        """Forks the bot of `launch` (its fds stay open here); its pid, or None after a refusal.
        `extra_env` overrides the request's environment, `hook` runs just before the command."""
        sys.stdout.flush()
        sys.stderr.flush()
        # Blocked across fork: a signal must not run a zygote handler in the child.
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, signal.valid_signals())
        zygote = os.getpid()
        try:
            pid = os.fork()
        except OSError as error:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            self.refuse(launch, f"fork failed: {error}")
            return None
        if pid == 0:
            code = 70
            try:
                env = env + [name + b"=" + value for name, value in (extra_env or {}).items()]
                become_bot(zygote, launch, argv, env, self.dispositions, self.owned_fds(), hook)
            except BaseException:  # noqa: BLE001 - the child must never return into the loop
                traceback.print_exc()
            finally:
                os._exit(code)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        return pid

    def owned_fds(self):
        fds = [self.listener.fileno(), self.selector.fileno(), self.wake_read, self.wake_write]
        for launch in self.launches.values():
            fds.append(launch.sock.fileno())
            fds += launch.fds
        return [fd for fd in fds if fd >= 0]

    def reap(self):
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            launch = self.bots.pop(pid, None)
            if os.WIFSIGNALED(status):
                outcome, text = f"killed {os.WTERMSIG(status)}", f"was killed by signal {os.WTERMSIG(status)}"
            else:
                outcome, text = f"exit {os.WEXITSTATUS(status)}", f"exited with status {os.WEXITSTATUS(status)}"
            log(f"bot pid {pid} {text}")
            if launch is not None:
                self.send(launch, outcome + "\n")
                self.close(launch)

    def send(self, launch, text):
        """Replies are a few bytes into an empty socket buffer; one that would block means
        the launcher stopped reading, which is handled like a launcher that went away."""
        try:
            launch.sock.send(text.encode("ascii"))
        except OSError:
            self.close(launch)

    def refuse(self, launch, reason):
        log(f"refusing a launch: {reason}")
        try:
            launch.sock.send(f"error {reason}\n".encode("ascii", "replace"))
        except OSError:
            pass
        self.close(launch)

    def close(self, launch):
        fd = launch.sock.fileno()
        if fd < 0:
            return
        if self.bots.get(launch.pid) is launch:
            signal_group(launch.pid, signal.SIGKILL)
            log(f"launcher of bot pid {launch.pid} went away; killed its process group")
            self.bots[launch.pid] = None
        self.selector.unregister(launch.sock)
        del self.launches[fd]
        launch.sock.close()
        close_all(launch.fds)
        launch.fds = []


def signal_group(pid, signum):
    """Signals a bot's process group; `pid` is a child not yet reaped. A bot just forked may
    not have called setsid() yet (there is no group `pid` then): it gets the signal itself,
    pending while it blocks signals, delivered once it restored its startup dispositions."""
    try:
        os.killpg(pid, signum)
    except ProcessLookupError:
        try:
            os.kill(pid, signum)
        except (ProcessLookupError, PermissionError):
            pass
    except PermissionError:
        pass


def close_all(fds):
    for fd in fds:
        try:
            os.close(fd)
        except OSError:
            pass


def decode_request(payload):
    fields = payload.split(b"\0")
    if len(fields) < 4 or fields[-1] != b"" or fields[0] != b"1":
        raise ValueError("malformed request (protocol version 1 expected)")
    fields = fields[1:-1]

    def take_list():
        count = fields.pop(0)
        if not count.isdigit() or int(count) > len(fields):
            raise ValueError("malformed request (bad count)")
        items = fields[:int(count)]
        del fields[:int(count)]
        return items

    argv = take_list()
    env = take_list()
    if not argv or fields:
        raise ValueError("malformed request (empty argv or trailing fields)")
    return argv, env


# --- the bot: everything below runs in the forked child only --------------------------

def become_bot(zygote, launch, argv, env, dispositions, zygote_fds, hook=None):
    """Turns the forked child into the bot described by the request. Never returns."""
    fds = launch.fds
    signal.set_wakeup_fd(-1)
    os.setsid()
    if (launch.uid, launch.gid) != (os.getuid(), os.getgid()):
        # The launcher's own user: before PDEATHSIG, which a change of credentials clears.
        os.setgroups([])
        os.setgid(launch.gid)
        os.setuid(launch.uid)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG)")
    if os.getppid() != zygote:
        os._exit(70)  # the zygote died before PDEATHSIG was armed
    # ps and top show the command's name, as after an exec (the full command line stays).
    libc.prctl(PR_SET_NAME, os.path.basename(argv[0])[:15], 0, 0, 0)
    for target, fd in enumerate(fds[:3]):
        os.dup2(fd, target)
    os.fchdir(fds[3])
    close_all(set(zygote_fds) | set(fds))
    os.environ.clear()
    for entry in env:
        name, equals, value = entry.partition(b"=")
        if equals and name:
            os.environb[name] = value
    time.tzset()
    for signum, handler in dispositions.items():
        try:
            signal.signal(signum, handler)
        except (OSError, ValueError, TypeError):
            pass
    signal.pthread_sigmask(signal.SIG_SETMASK, set())
    reseed()
    reopen_stdio()
    argv = [os.fsdecode(arg) for arg in argv]
    if hook is not None:
        hook()
    finish(run(argv))


def reseed():
    if "random" in sys.modules:
        sys.modules["random"].seed()
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        try:
            numpy.random.seed()
        except Exception:  # noqa: BLE001 - a numpy without a global RNG has nothing to reseed
            pass


def reopen_stdio():
    """sys.std* as a fresh interpreter would make them for the launcher's fds."""
    unbuffered = bool(os.environ.get("PYTHONUNBUFFERED"))
    encoding, _, errors = os.environ.get("PYTHONIOENCODING", "").partition(":")
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        old = getattr(sys, name)
        raw = io.FileIO(fd, "rb" if fd == 0 else "wb", closefd=False)
        if fd == 0:
            buffered = io.BufferedReader(raw)
        else:
            buffered = raw if unbuffered else io.BufferedWriter(raw)
        stream = io.TextIOWrapper(
            buffered,
            encoding=encoding or getattr(old, "encoding", None) or "utf-8",
            errors=errors or ("backslashreplace" if fd == 2 else getattr(old, "errors", None)),
            line_buffering=fd == 2 or raw.isatty(),
            write_through=unbuffered,
        )
        setattr(sys, name, stream)
        setattr(sys, f"__{name}__", stream)


def run(argv):
    """Runs the bot's command; returns its exit status the way CPython's main would."""
    sys.argv = list(argv)
    try:
        target = resolve(argv)
        if target is None:
            print(f"botpool-zygote: {argv[0]}: command not found", file=sys.stderr)
            return 127
        kind, what, script_dir = target
        if script_dir is not None:
            sys.path[0] = script_dir
        if kind == "module":
            with warnings.catch_warnings():
                # "found in sys.modules ... prior to execution": true of every preloaded
                # module, and harmless; a fresh interpreter would not have imported it.
                warnings.filterwarnings("ignore", "'.*' found in sys.modules", RuntimeWarning)
                runpy.run_module(what, run_name="__main__", alter_sys=True)
        elif kind == "path":
            runpy.run_path(what, run_name="__main__")
        elif kind == "code":
            main = sys.modules["__main__"] = type(sys)("__main__")
            exec(compile(what, "<string>", "exec"), main.__dict__)
        elif kind == "exec":
            os.execv(what, sys.argv)
        else:
            return exit_status(what.load()())
        return 0
    except SystemExit as exit:
        return exit_status(exit.code)
    except KeyboardInterrupt:
        traceback.print_exc()
        return -signal.SIGINT
    except BaseException:  # noqa: BLE001 - reported like an uncaught exception
        traceback.print_exc()
        return 1


def resolve(argv):
    """(kind, target, sys.path[0]) for argv, or None when there is nothing to run."""
    name = argv[0]
    base = os.path.basename(name)
    if base == "python" or base.startswith("python3"):
        if len(argv) >= 3 and argv[1] == "-m":
            sys.argv = [name] + argv[3:]
            return "module", argv[2], os.getcwd()
        if len(argv) >= 3 and argv[1] == "-c":
            sys.argv = ["-c"] + argv[3:]
            return "code", argv[2], ""
        if len(argv) >= 2 and not argv[1].startswith("-"):
            sys.argv = argv[1:]
            return "path", argv[1], os.path.dirname(os.path.abspath(argv[1]))
        raise SystemExit(f"botpool-zygote: only `{name} -m MODULE`, `-c CODE` and `SCRIPT` can be forked")
    if "/" not in name:
        for entry in metadata.entry_points(group="console_scripts", name=name):
            return "entry", entry, os.path.dirname(sys.executable)
        name = shutil.which(name, path=os.environ.get("PATH", os.defpath))
        if name is None:
            return None
    if not os.path.exists(name):
        return None
    if is_python_script(name):
        return "path", name, os.path.dirname(os.path.abspath(name))
    return "exec", name, None


def is_python_script(path):
    if path.endswith(".py"):
        return True
    try:
        with open(path, "rb") as file:
            first = file.readline(256)
    except OSError:
        return False
    return first.startswith(b"#!") and b"python" in first


def exit_status(code):
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def finish(status):
    """Interpreter shutdown as CPython does it, minus the zygote's frames: wait for
    non-daemon threads, run atexit handlers, flush, exit (or die of SIGINT)."""
    try:
        threading._shutdown()
    except BaseException:  # noqa: BLE001
        traceback.print_exc()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    if status == -signal.SIGINT:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
        status = 128 + signal.SIGINT
    os._exit(status)


if __name__ == "__main__":
    sys.exit(main())
