"""`make run`: Django's development server with the background-task worker and the
scheduler beside it, started by one command and stopped together by their PIDs.

    python -m deploy.develop --host 127.0.0.1 --port 8000

Each runs in its own session, so a Ctrl+C reaches this runner only, which then
stops all three (the development server with the reloader's child process, as a
process group of its own). When one of them stops, the runner stops the rest.
"""

import argparse
import os
import signal
import subprocess
import sys
import time

from deploy.stack import STOP_TIMEOUT, start_background, start_manage, stop


def stop_group(process):
    """Stop a process that starts children of its own (runserver's reloader) with them:
    the group is the one this runner made for it, named by the process's own PID."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=STOP_TIMEOUT)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)

    def stop_on_signal(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop_on_signal)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    server = worker = scheduler = None
    try:
        server = start_manage(["runserver", f"{args.host}:{args.port}"], env, None)
        worker, scheduler = start_background(env, None)
        print("Background-task worker and scheduler started beside the server.", flush=True)
        while all(process.poll() is None for process in (server, worker, scheduler)):
            time.sleep(0.5)
        print("A process stopped; stopping the rest.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        if server is not None:
            stop_group(server)
        for process in (worker, scheduler):
            if process is not None:
                stop(process)


if __name__ == "__main__":
    sys.exit(main())
