"""Asking bots who they are: one /pid request per bot, a sweep over many, and the background
prober that watches the whole fleet for the length of the soak.

A bot "answers" when its original port returns `pid bot greeting token` naming that bot; the
token is new on every process start, so it tells a restart even when a recreated pool hands
out the same pid again.
"""
import concurrent.futures as cf
import http.client
import threading


class Answer:
    __slots__ = ("bot", "pid", "greeting", "token")

    def __init__(self, bot, pid, greeting, token):
        self.bot, self.pid, self.greeting, self.token = bot, pid, greeting, token


def ask(port, timeout=0.5, host="127.0.0.1"):
    """The bot on `port`, or None when nothing (or garbage) answers."""
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("GET", "/pid")
        resp = conn.getresponse()
        words = resp.read(512).decode(errors="replace").split()
        if resp.status != 200 or len(words) != 4:
            return None
        return Answer(words[1], int(words[0]), words[2], words[3])
    except (OSError, http.client.HTTPException, ValueError):
        return None
    finally:
        conn.close()


class Sweeper:
    """Asks many ports at once from a small thread pool (200 bots in ~0.2 s, little CPU)."""

    def __init__(self, workers=16):
        self.pool = cf.ThreadPoolExecutor(workers, thread_name_prefix="sweep")

    def sweep(self, ports):
        """{port: Answer or None} for every port."""
        ports = list(ports)
        return dict(zip(ports, self.pool.map(ask, ports)))

    def close(self):
        self.pool.shutdown(wait=False, cancel_futures=True)


def healthy(answers, bots):
    """The bots (name -> Bot) whose original port answers with their own name."""
    return {name for name, b in bots.items() if (a := answers.get(b.port)) is not None and a.bot == name}


class Prober(threading.Thread):
    """Sweeps every bot's original port about once a second for the whole soak and keeps, per
    bot, its outages and restarts (token changes). Each is kept with the interval it happened
    in, (last good answer, first sweep that saw it], since a 1 s sweep can notice a restart
    after the next fault has begun: final.py charges it to a fault whose window overlaps."""

    def __init__(self, bots, sweeper, clock, period=1.0):
        super().__init__(name="prober", daemon=True)
        self.bots, self.sweeper, self.clock, self.period = bots, sweeper, clock, period
        self.stop_event = threading.Event()
        self.lock = threading.Lock()
        self.last = {}            # bot -> (t, Answer) of its last good answer
        self.down_since = {}      # bot -> (t of last good answer, t of first failed sweep)
        self.outages = []         # (bot, t last good, t first failed sweep, t up again)
        self.restarts = []        # (bot, t last good answer, t new token seen)
        self.rounds = 0

    def run(self):
        while not self.stop_event.is_set():
            t0 = self.clock()
            answers = self.sweeper.sweep(b.port for b in self.bots.values())
            self.record(t0, answers)
            self.stop_event.wait(max(0.0, self.period - (self.clock() - t0)))

    def record(self, t, answers):
        with self.lock:
            self.rounds += 1
            for name, bot in self.bots.items():
                a = answers.get(bot.port)
                prev = self.last.get(name)
                if a is not None and a.bot == name:
                    if name in self.down_since:
                        self.outages.append((name, *self.down_since.pop(name), t))
                    if prev and prev[1].token != a.token:
                        self.restarts.append((name, prev[0], t))
                    self.last[name] = (t, a)
                else:
                    self.down_since.setdefault(name, (prev[0] if prev else t, t))

    def outages_between(self, t_from, t_to):
        """Bots whose outage was first seen by a sweep that began in [t_from, t_to]."""
        with self.lock:
            spans = [(b, d) for b, _, d, _ in self.outages] + [(b, d) for b, (_, d) in self.down_since.items()]
        return {b for b, d in spans if t_from <= d <= t_to}

    def spans(self):
        """(restarts, outages) as (bot, t_from, t_to): when each happened, at the sweeps' resolution."""
        with self.lock:
            return ([(b, lo, hi) for b, lo, hi in self.restarts],
                    [(b, lo, d) for b, lo, d, _ in self.outages] + [(b, lo, d) for b, (lo, d) in self.down_since.items()])

    def stop(self):
        self.stop_event.set()
        self.join(10)
