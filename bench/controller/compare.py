"""Two controller-bench results side by side: the same metrics of two botpool builds, each
measured against the legacy layout in its own run, and the ratio after/before.

    python3 bench/controller/compare.py BEFORE.json AFTER.json [--labels before after]

Used by compare.sh, which runs both benches back to back on one machine."""
import argparse
import json

# (label, path into summary/daemon, lower is better)
METRICS = [
    ("converge: start -> all /healthz, median (s)", ("summary", "converge_botpool_s")),
    ("  legacy in the same run (s)", ("summary", "converge_legacy_s")),
    ("  speedup over legacy", ("summary", "speedup")),
    ("edit -> restarted bot answers, p50 (ms)", ("summary", "edit_p50_ms")),
    ("edit -> restarted bot answers, p95 (ms)", ("summary", "edit_p95_ms")),
    ("no-op pass, run --once wall (ms)", ("summary", "noop_once_wall_ms")),
    ("no-op pass: Docker calls", ("summary", "noop_docker_calls")),
    ("no-op pass: supervisord calls", ("summary", "noop_supervisord_calls")),
    ("infrastructure PSS per bot (MB)", ("summary", "infra_per_bot_botpool_mb")),
    ("total PSS (MB)", ("summary", "total_pss_botpool_mb")),
    ("controller RSS (MB)", ("summary", "controller_rss_mb")),
]


def get(data, path):
    for key in path:
        data = (data or {}).get(key)
    return data


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--labels", nargs=2, default=["before", "after"])
    args = parser.parse_args()
    before, after = (json.load(open(path)) for path in (args.before, args.after))
    print(f"N={after.get('n')} bots; each column is its own run of bench/controller (legacy measured in each)")
    print(f"{'metric':46} {args.labels[0]:>12} {args.labels[1]:>12} {'after/before':>13}")
    print("-" * 86)
    for label, path in METRICS:
        b, a = get(before, path), get(after, path)
        ratio = f"{a / b:.2f}" if isinstance(a, (int, float)) and isinstance(b, (int, float)) and b else "-"
        show = lambda v: f"{v:.2f}" if isinstance(v, float) else ("-" if v is None else str(v))
        print(f"{label:46} {show(b):>12} {show(a):>12} {ratio:>13}")


if __name__ == "__main__":
    main()
