"""The production stack on one machine: Varnish in front of gunicorn app servers,
and the background-task worker and scheduler beside them.

`make serve` runs it on HOST:PORT; `make bench` and the cache tests start their own
on free loopback ports. Every process it starts is stopped by its PID when the
stack stops, and every wait is bounded.

    python -m deploy.stack --host 127.0.0.1 --port 8000

The app servers get the environment of the caller (DJANGO_SETTINGS_MODULE,
SECRET_KEY, DATABASE_URL, REDIS_URL ...) plus FRONTEND_CACHE_PURGE_URL, the
internal address on which this Varnish accepts PURGE requests, and, unless the
caller set them, WAGTAILADMIN_BASE_URL, the address of this Varnish, and
TRUSTED_PROXY_COUNT=1, as Varnish adds each visitor's address to X-Forwarded-For.
"""

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VCL_DIR = BASE_DIR / "deploy" / "varnish"
START_TIMEOUT = 60  # seconds for each process to answer
STOP_TIMEOUT = 10  # seconds before a process that will not stop is killed
VARNISH_STORAGE = "malloc,256m"

BACKENDS_VCL = """\
# Written by deploy/stack.py for this run.
{backends}
sub vcl_init {{
    new app = directors.round_robin();
{members}
}}
acl purgers {{ "127.0.0.1"; "::1"; }}
"""
BACKEND_VCL = """\
backend {name} {{
    .host = "127.0.0.1";
    .port = "{port}";
    .probe = app_health;
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}}"""


def production_environment(folder, database_url):
    """The caller's environment with production settings for a stack on this machine:
    media and static files in `folder` (through a settings module written there), the
    database `database_url`, a secret key of its own, and HTTPS redirects and secure
    cookies off, as loopback has no certificate."""
    (folder / "stack_settings.py").write_text(
        "from safeguarding.settings.production import *  # noqa: F403\n"
        f"MEDIA_ROOT = {str(folder / 'media')!r}\n"
        f"STATIC_ROOT = {str(folder / 'static')!r}\n"
    )
    return {
        **os.environ,
        "PYTHONPATH": str(folder),
        "DJANGO_SETTINGS_MODULE": "stack_settings",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Links in admin emails; the port of a stack started later is not known yet.
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "PYTHONUNBUFFERED": "1",
    }


# The worker runs every queue's tasks; the scheduler enqueues the jobs of each app's
# tasks.py on their cron schedule (without django-crontask's once-a-minute heartbeat).
WORKER_COMMAND = ["run_worker", "--queue-name", "*", "--no-reload", "--no-startup-delay"]
SCHEDULER_COMMAND = ["crontask", "--no-heartbeat"]


def start_manage(args, env, log):
    """Start `manage.py *args` in its own session (so that a Ctrl+C in the terminal
    reaches only the runner, which stops it by PID), its output to `log`."""
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def start_background(env, log):
    """The worker and the scheduler: [worker, scheduler]."""
    return [start_manage(WORKER_COMMAND, env, log), start_manage(SCHEDULER_COMMAND, env, log)]


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def varnishd_path():
    """Debian puts varnishd in /usr/sbin, which an ordinary user's PATH may lack."""
    found = shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin:/usr/local/sbin")
    if not found:
        raise RuntimeError("varnishd is not installed: `make serve` installs Debian's varnish.")
    return found


def answers(url, timeout=2):
    """Whether anything answers HTTP at `url` (an error status counts as an answer)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


def wait_until_answering(process, url, timeout=START_TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        if answers(url):
            return
        time.sleep(0.1)
    raise RuntimeError(f"nothing answered at {url} within {timeout} s")


def stop(process):
    """Stop one process by its PID: politely, then for good after STOP_TIMEOUT."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_TIMEOUT)


class Stack:
    """Varnish on `host:port` in front of `app_servers` gunicorn servers on loopback ports.

    Use as a context manager; `start_app(i)` and `stop_app(i)` start and stop one
    app server while the cache keeps running (as the tests of faults do).
    """

    def __init__(self, host="127.0.0.1", port=None, app_servers=1, workers=2, env=None, log=None):
        self.host = host
        self.port = port or free_port()
        self.purge_port = free_port()
        self.app_ports = [free_port() for _ in range(app_servers)]
        self.workers = workers
        self.env = dict(os.environ if env is None else env)
        self.env["FRONTEND_CACHE_PURGE_URL"] = self.purge_url
        self.env.setdefault("WAGTAILADMIN_BASE_URL", self.url)
        self.env.setdefault("TRUSTED_PROXY_COUNT", "1")  # Varnish adds X-Forwarded-For.
        self.log = log or sys.stdout
        self.apps = [None] * app_servers
        self.varnish = None
        self.worker = None
        self.scheduler = None
        self.workdir = None

    @property
    def url(self):
        return f"http://{self.host}:{self.port}"

    @property
    def purge_url(self):
        return f"http://127.0.0.1:{self.purge_port}"

    def app_url(self, index=0):
        return f"http://127.0.0.1:{self.app_ports[index]}"

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def start(self):
        self.workdir = Path(tempfile.mkdtemp(prefix="safeguarding-varnish-"))
        # Varnish's worker process runs as the `vcache` user when started by root.
        self.workdir.chmod(0o755)
        for index in range(len(self.apps)):
            self.start_app(index)
        self.start_varnish()
        self.worker, self.scheduler = start_background(self.env, self.log)

    @property
    def processes(self):
        return [self.varnish, *self.apps, self.worker, self.scheduler]

    def start_worker(self):
        self.worker = start_manage(WORKER_COMMAND, self.env, self.log)

    def stop_worker(self):
        if self.worker is not None:
            stop(self.worker)

    def start_app(self, index):
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "safeguarding.wsgi",
            "--bind",
            f"127.0.0.1:{self.app_ports[index]}",
            "--workers",
            str(self.workers),
        ]  # No access log: the app writes one JSON line per request (core/logs.py).
        process = subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.apps[index] = process
        wait_until_answering(process, self.app_url(index) + "/healthz")

    def stop_app(self, index):
        if self.apps[index] is not None:
            stop(self.apps[index])

    def start_varnish(self):
        backends = "\n".join(
            BACKEND_VCL.format(name=f"app{index}", port=port)
            for index, port in enumerate(self.app_ports)
        )
        members = "\n".join(
            f"    app.add_backend(app{index});" for index in range(len(self.app_ports))
        )
        (self.workdir / "backends.vcl").write_text(
            BACKENDS_VCL.format(backends=backends, members=members)
        )
        # Compiled from the work folder, which Varnish's own user can read wherever the
        # checkout is (a private temporary folder, say).
        shutil.copyfile(VCL_DIR / "default.vcl", self.workdir / "default.vcl")
        command = [
            varnishd_path(),
            "-F",
            "-n", str(self.workdir / "varnish"),
            "-f", str(self.workdir / "default.vcl"),
            "-p", f"vcl_path={self.workdir}",
            "-a", f"http={self.host}:{self.port}",
            "-a", f"purge=127.0.0.1:{self.purge_port}",
            "-s", VARNISH_STORAGE,
            "-T", "none",
        ]  # fmt: skip
        self.varnish = subprocess.Popen(
            command,
            cwd=self.workdir,
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_until_answering(self.varnish, self.url + "/robots.txt")

    def stop(self):
        for process in self.processes:
            if process is not None:
                stop(process)
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)

    def stop_on_signal(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop_on_signal)
    with Stack(args.host, args.port, workers=args.workers) as stack:
        print(
            f"Serving on {stack.url} (Varnish in front of gunicorn at {stack.app_url()}), "
            "with the background-task worker and scheduler."
        )
        print("Press Ctrl+C to stop.", flush=True)
        try:
            while all(process.poll() is None for process in stack.processes):
                time.sleep(1)
        except KeyboardInterrupt:
            pass
        else:
            print("A process of the stack stopped; stopping the rest.", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
