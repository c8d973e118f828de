"""``manage.py serve``: run the Hub as production does, in one command (``make serve``).

1. set up: apply migrations, create the cache table, compile the catalogs, collect static
   files (each step is quick when there is nothing to do);
2. start gunicorn (``safercities/gunicorn_conf.py``) and ``--task-workers`` task workers
   (``manage.py db_worker``, default 1);
3. watch them: a task worker that exits is started again (after a pause that grows if it
   keeps failing); when gunicorn stops, or on Ctrl-C / SIGTERM, everything is stopped
   cleanly (a running task is finished first, up to ``--grace`` seconds).
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Set up and run gunicorn plus the task workers (what `make serve` calls)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--web-workers", type=int, default=None, help="gunicorn processes")
        parser.add_argument("--task-workers", type=int, default=1)
        parser.add_argument("--grace", type=float, default=30.0)
        parser.add_argument("--no-setup", action="store_true", help="skip migrate & co.")

    def handle(self, *args, **options) -> None:
        if not options["no_setup"]:
            self.setup()
        env = {**os.environ, "HOST": options["host"], "PORT": str(options["port"])}
        if options["web_workers"]:
            env["WEB_CONCURRENCY"] = str(options["web_workers"])
        conf = Path(settings.PACKAGE_DIR) / "gunicorn_conf.py"
        web_cmd = [sys.executable, "-m", "gunicorn", "-c", str(conf)]
        worker_cmd = [sys.executable, str(settings.BASE_DIR / "manage.py"), "db_worker"]
        self.stopping = False
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)

        web = subprocess.Popen(web_cmd, env=env, cwd=settings.BASE_DIR)
        workers = [self.start_worker(worker_cmd, env) for _ in range(options["task_workers"])]
        failures = [0] * len(workers)
        restart_at = [0.0] * len(workers)
        self.stdout.write(
            f"Serving the Hub at http://{options['host']}:{options['port']}/ with "
            f"{len(workers)} task worker(s) (Ctrl-C stops everything)"
        )
        code = 0
        try:
            while not self.stopping:
                if web.poll() is not None:
                    code = web.returncode
                    self.stderr.write(f"gunicorn stopped (exit code {code}); stopping.")
                    break
                for i, proc in enumerate(workers):
                    if proc is not None and proc.poll() is None:
                        continue
                    if proc is not None:  # it just died: plan a restart with back-off
                        failures[i] = failures[i] + 1 if proc.returncode else 0
                        delay = min(2 ** failures[i], 60) if failures[i] else 1
                        self.stderr.write(
                            f"task worker {proc.pid} exited ({proc.returncode}); "
                            f"restarting in {delay} s"
                        )
                        workers[i], restart_at[i] = None, time.monotonic() + delay
                    elif time.monotonic() >= restart_at[i]:
                        workers[i] = self.start_worker(worker_cmd, env)
                time.sleep(0.5)
        finally:
            self.shutdown([web, *[w for w in workers if w is not None]], options["grace"])
        if code:
            sys.exit(code)

    def setup(self) -> None:
        self.stdout.write("Setting up: migrate, cache table, catalogs, static files")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        # From the package folder, as `make compilemessages` does (never walk the virtualenv).
        subprocess.run(
            [sys.executable, str(settings.BASE_DIR / "manage.py"), "compilemessages", "-v0"],
            cwd=settings.PACKAGE_DIR,
            check=True,
        )
        call_command("collectstatic", interactive=False, verbosity=0)

    def start_worker(self, cmd: list[str], env: dict) -> subprocess.Popen:
        return subprocess.Popen(cmd, env=env, cwd=settings.BASE_DIR)

    def stop(self, signum, frame) -> None:
        self.stopping = True

    def shutdown(self, procs: list[subprocess.Popen], grace: float) -> None:
        for proc in procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + grace
        for proc in procs:
            try:
                proc.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
