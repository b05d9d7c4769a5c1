"""Reading the controllers' JSON logs after the run: pass durations, actions by kind and result,
and the errors, so that a slow heal can be traced to what the controller did.

The daemon logs "pass finished" (with `seconds`) only for passes that had actions or failures;
quiet passes are in the /metrics histogram instead (see report.py, which shows both).
"""
import collections
import datetime
import json
import re


def read(path):
    with open(path, errors="replace") as f:
        for line in f:
            if line.startswith("{"):
                try:
                    yield json.loads(line)
                except ValueError:
                    continue  # a kill -9 can cut the last line


def wall_time(entry):
    try:
        return datetime.datetime.fromisoformat(entry["time"].replace("Z", "+00:00")).timestamp()
    except (KeyError, ValueError):
        return None


def error_key(text, work=None):
    """An error message with its variable parts (work dir, ids, numbers) blurred, to group."""
    if work:
        text = text.replace(work, "<work>")
    text = re.sub(r"[0-9a-f]{12,}", "<id>", text)
    text = re.sub(r"\d+(\.\d+)?", "N", text)
    return text[:160]


def summarize(paths, clock_of_wall, work=None):
    passes = []                        # (t, seconds, actions, failed, source)
    actions = collections.Counter()    # (kind, result)
    problems = collections.Counter()   # (level, message, error) grouped
    first_seen = {}
    refused = []
    for path in paths:
        source = path.rsplit("/", 1)[-1]
        for e in read(path):
            msg = e.get("message", "")
            t = wall_time(e)
            t = clock_of_wall(t) if t is not None else None
            if msg == "pass finished":
                passes.append((t, float(e.get("seconds", "nan")), int(e.get("actions", 0)),
                               int(e.get("failed", 0)), source))
            elif msg.endswith(" done") and "action" in e:
                actions[(e["action"], "done")] += 1
            elif msg.endswith(" failed") and "action" in e:
                actions[(e["action"], "failed")] += 1
            if msg.startswith("plan refused"):
                refused.append((t, source))
            if e.get("level") in ("warning", "error", "critical"):
                detail = e.get("error") or e.get("skipped") or e.get("why") or e.get("diagnostic") or ""
                key = (e["level"], error_key(msg, work), error_key(detail, work))
                problems[key] += 1
                first_seen.setdefault(key, (t, source))
    return {
        "passes": passes,
        "actions": {f"{k} {r}": n for (k, r), n in sorted(actions.items())},
        "problems": [{"level": k[0], "message": k[1], "detail": k[2], "count": n,
                      "first_t": first_seen[k][0], "first_in": first_seen[k][1]}
                     for k, n in problems.most_common()],
        "refused_plans": len(refused),
    }


def actions(paths, clock_of_wall):
    """Every action the controllers logged as done or failed, oldest first: (t, source, kind,
    result, subject, reason, error); the subject is the bot (tenant/name) or, for pool actions,
    the pool. Times are the log's, to the second."""
    out = []
    for path in paths:
        source = path.rsplit("/", 1)[-1]
        for e in read(path):
            msg, kind = e.get("message", ""), e.get("action")
            t = wall_time(e)
            if not kind or t is None or msg not in (f"{kind} done", f"{kind} failed"):
                continue
            out.append((clock_of_wall(t), source, kind, msg.rsplit(" ", 1)[1], e.get("bot") or e.get("pool", "?"),
                        e.get("reason", ""), e.get("error", "")[:160]))
    return sorted(out)
