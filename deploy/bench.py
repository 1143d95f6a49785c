"""`make bench`: the production stack against the static limit, in one interleaved run.

From a fresh database with the demo content, it starts the stack of `make serve`
(Varnish in front of gunicorn, deploy/stack.py) on loopback ports, and nginx
serving the very same HTML as static files on another. Then, round by round, it
runs wrk against each page in each of these ways:

    cached      through Varnish, 50 connections
    static      nginx, the same bytes, 50 connections
    uncached    straight to gunicorn, 50 connections
    1 conn      straight to gunicorn, one connection (one visitor's wait)

Every request says it accepts gzip, as browsers do; nginx sends the HTML
compressed ahead of time, as Varnish stores it. The table shows the median of
the rounds; the last line is the ratio cached / static for the article.

Then the search section (deploy/search_bench.py) measures the search view on a
full-size library on PostgreSQL, or says why it was skipped.

    python -m deploy.bench [--rounds 2] [--seconds 5] [--search-rounds 10]
    python -m deploy.bench --search-only
"""

import argparse
import gzip
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from deploy import search_bench
from deploy.stack import (
    BASE_DIR,
    Stack,
    free_port,
    production_environment,
    stop,
    wait_until_answering,
)

PAGES = {
    "home": "/",
    "article": "/practitioners/child-trafficking/",
    "worried": "/worried-about-a-child/",
}
CONNECTIONS = 50
THREADS = 2
WRK_TIMEOUT = "5s"
COMMAND_TIMEOUT = 600  # seconds for each set-up command
IDLE_ANSWER = 0.05  # seconds: gunicorn is idle when /healthz answers this fast
IDLE_ATTEMPTS = 300

NGINX_CONF = """\
daemon off;
worker_processes 2;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    default_type text/html;
    gzip_static on;
    client_body_temp_path {dir}/tmp/body;
    proxy_temp_path {dir}/tmp/proxy;
    fastcgi_temp_path {dir}/tmp/fastcgi;
    uwsgi_temp_path {dir}/tmp/uwsgi;
    scgi_temp_path {dir}/tmp/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {dir}/html;
        location / {{ try_files $uri $uri/index.html =404; }}
    }}
}}
"""


@dataclass
class Result:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def run(command, env, log):
    """Run a set-up command to the end, its output in the log; stop the bench if it fails."""
    log.write(f"\n$ {' '.join(command)}\n")
    log.flush()
    completed = subprocess.run(
        command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
        timeout=COMMAND_TIMEOUT, check=False,
    )  # fmt: skip
    if completed.returncode:
        raise RuntimeError(f"{' '.join(command)} failed: see {log.name}")


def prepare_site(folder, log):
    """A database with the demo content, and the environment of production settings."""
    env = production_environment(folder, f"sqlite:///{folder / 'bench.sqlite3'}")
    env.pop("REDIS_URL", None)
    manage = [sys.executable, "manage.py"]
    for args in (["migrate", "--no-input", "-v", "0"], ["collectstatic", "--no-input", "-v", "0"]):
        run(manage + args, env, log)
    run(manage + ["load_demo"], env, log)
    return env


def fetch(url):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


def write_static_copies(root, base_url):
    """The HTML each page gives an anonymous visitor, as files, with their gzip twins."""
    for path in PAGES.values():
        target = root / path.strip("/") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        html = fetch(base_url + path)
        target.write_bytes(html)
        target.with_name("index.html.gz").write_bytes(gzip.compress(html, 6))


def start_nginx(folder, log):
    nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if not nginx:
        raise RuntimeError("nginx is not installed: `make bench` installs Debian's nginx.")
    port = free_port()
    (folder / "tmp").mkdir()
    conf = folder / "nginx.conf"
    conf.write_text(NGINX_CONF.format(dir=folder, port=port))
    process = subprocess.Popen(
        [nginx, "-c", str(conf), "-p", str(folder)], stdin=subprocess.DEVNULL, stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    base_url = f"http://127.0.0.1:{port}"
    wait_until_answering(process, base_url + "/")
    return process, base_url


LATENCY = re.compile(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_wrk(output):
    latencies = {pct: float(value) * UNIT_MS[unit] for pct, value, unit in LATENCY.findall(output)}
    requests = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    errors = sum(
        int(count)
        for count in re.findall(r"(?:connect|read|write|timeout) (\d+)", output)
        + re.findall(r"Non-2xx or 3xx responses: (\d+)", output)
    )
    if not requests or set(latencies) != {"50", "99"}:
        raise RuntimeError(f"wrk's output was not understood:\n{output}")
    return Result(float(requests.group(1)), latencies["50"], latencies["99"], errors)


def wrk(url, connections, seconds):
    wrk_path = shutil.which("wrk")
    if not wrk_path:
        raise RuntimeError("wrk is not installed: `make bench` installs Debian's wrk.")
    threads = min(THREADS, connections)
    command = [
        wrk_path, "--latency", f"-t{threads}", f"-c{connections}", f"-d{seconds}s",
        f"--timeout={WRK_TIMEOUT}", "-H", "Accept-Encoding: gzip", url,
    ]  # fmt: skip
    output = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 60, check=True
    ).stdout
    return parse_wrk(output)


def wait_until_idle(app_url):
    """Let gunicorn finish the requests wrk left queued, so that they do not count
    against the next run: until /healthz answers within IDLE_ANSWER seconds."""
    for _ in range(IDLE_ATTEMPTS):
        started = time.monotonic()
        fetch(app_url + "/healthz")
        if time.monotonic() - started < IDLE_ANSWER:
            return
        time.sleep(0.1)


def measure(targets, app_url, rounds, seconds):
    """{(page, way): [Result per round]}, every page and way measured once per round."""
    results = {}
    for round_number in range(1, rounds + 1):
        for page, path in PAGES.items():
            for way, (base_url, connections) in targets.items():
                print(f"round {round_number}/{rounds}: {page:8} {way:9}", flush=True)
                wait_until_idle(app_url)
                result = wrk(base_url + path, connections, seconds)
                results.setdefault((page, way), []).append(result)
    return results


def median_result(results):
    return Result(
        statistics.median(r.requests_per_second for r in results),
        statistics.median(r.p50_ms for r in results),
        statistics.median(r.p99_ms for r in results),
        sum(r.errors for r in results),
    )


def report(results, targets):
    lines = [
        f"{'page':8} {'way':9} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}",
    ]
    for page in PAGES:
        for way in targets:
            result = median_result(results[(page, way)])
            lines.append(
                f"{page:8} {way:9} {result.requests_per_second:10.0f} {result.p50_ms:8.2f} "
                f"{result.p99_ms:8.2f} {result.errors:7d}"
            )
    cached = median_result(results[("article", "cached")]).requests_per_second
    static = median_result(results[("article", "static")]).requests_per_second
    lines.append(f"article: cached / static = {cached / static:.2f}")
    return "\n".join(lines)


def machine_speed():
    """One line that tells this machine's Python speed, so that figures taken on different
    machines can be compared: the best of five timings of a small, fixed loop."""
    loops = 20_000
    best = min(timeit.repeat("sum(range(1000))", number=loops, repeat=5)) / loops
    return f"Python on this machine: sum(range(1000)) takes {best * 1e6:.1f} µs"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=5, help="length of each wrk run")
    parser.add_argument("--search-rounds", type=int, default=search_bench.ROUNDS)
    parser.add_argument("--search-only", action="store_true", help="only the search section")
    args = parser.parse_args(argv)

    print(machine_speed())
    if not args.search_only:
        print(pages_section(args.rounds, args.seconds))
    print()
    print(search_bench.run(args.search_rounds))
    return 0


def pages_section(rounds, seconds):
    """The pages' table: cached, static, uncached and one connection."""
    folder = Path(tempfile.mkdtemp(prefix="safeguarding-bench-"))
    folder.chmod(0o755)  # nginx's and Varnish's workers read it under their own user.
    log_path = folder.with_suffix(".log")
    nginx = None
    try:
        with open(log_path, "w") as log:
            print(f"Preparing the demo site (log: {log_path}) ...", flush=True)
            env = prepare_site(folder, log)
            with Stack(workers=2, env=env, log=log) as stack:
                (folder / "html").mkdir(mode=0o755)
                write_static_copies(folder / "html", stack.url)
                nginx, static_url = start_nginx(folder, log)
                targets = {
                    "cached": (stack.url, CONNECTIONS),
                    "static": (static_url, CONNECTIONS),
                    "uncached": (stack.app_url(), CONNECTIONS),
                    "1 conn": (stack.app_url(), 1),
                }
                results = measure(targets, stack.app_url(), rounds, seconds)
                stop(nginx)
    finally:
        if nginx is not None:
            stop(nginx)
        shutil.rmtree(folder, ignore_errors=True)
    log_path.unlink(missing_ok=True)
    return "\n" + report(results, targets)


if __name__ == "__main__":
    sys.exit(main())
