"""Serve a built site under a sub-path for browser tests.

Real nginx with the shipped deploy/nginx.conf (only the listen address and the
folder changed) when nginx is installed; otherwise Python's http.server with
the same sub-path and the site's 404 page (fazhi.local_server).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from fazhi.local_server import SUBPATH, free_port, serve_python  # noqa: F401 (re-exported for the tests)
from fazhi.site_build import PROJECT_ROOT

NGINX_CONF = PROJECT_ROOT / "deploy" / "nginx.conf"


def find_nginx() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.path.exists(p)), None)


def nginx_main_config(server_block: str, www_root: Path, port: int, workdir: Path) -> str:
    """The shipped server block inside a minimal main config that runs unprivileged files from ``workdir``."""
    block = re.sub(r"listen\s+80;", f"listen 127.0.0.1:{port};", server_block)
    block = block.replace("root /srv/www;", f"root {www_root};")
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {name}_temp_path {workdir / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    mime = "/etc/nginx/mime.types"
    return f"""{user}worker_processes 1;
daemon off;
pid {workdir / 'nginx.pid'};
error_log {workdir / 'error.log'} warn;
events {{ worker_connections 64; }}
http {{
    include {mime};
    default_type application/octet-stream;
    access_log {workdir / 'access.log'};
{temp}
{block}
}}
"""


def _wait_for(url: str, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@contextlib.contextmanager
def serve_nginx(site_dir: Path, workdir: Path, port: int):
    """Yield the base URL of ``site_dir`` served by nginx under SUBPATH."""
    nginx = find_nginx()
    www = workdir / "www"
    www.mkdir(parents=True, exist_ok=True)
    (www / SUBPATH.strip("/")).symlink_to(site_dir, target_is_directory=True)
    conf = workdir / "nginx.conf"
    conf.write_text(nginx_main_config(NGINX_CONF.read_text(encoding="utf-8"), www, port, workdir), encoding="utf-8")
    check = subprocess.run([nginx, "-t", "-c", str(conf)], capture_output=True, text=True)
    if check.returncode != 0:
        raise RuntimeError(f"nginx rejected the configuration:\n{check.stderr}")
    proc = subprocess.Popen([nginx, "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}{SUBPATH}"
    try:
        _wait_for(base)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)
