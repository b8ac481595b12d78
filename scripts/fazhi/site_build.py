"""Build the MkDocs site the way the Makefile, tests and benchmarks do.

One function, so that every caller builds with the same settings: from the
project folder (the search plugin's jieba user dictionary path is relative to
it), with ``--strict``, and with Material's end-of-life notice silenced.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class BuildResult:
    returncode: int
    output: str
    seconds: float
    site_dir: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def build_site(
    site_dir: Path | str,
    project: Path | str = PROJECT_ROOT,
    site_url: str | None = None,
    strict: bool = True,
    timeout: float = 600,
) -> BuildResult:
    """Run ``mkdocs build`` for ``project`` into ``site_dir`` and return what happened."""
    project = Path(project)
    site_dir = Path(site_dir)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUTF8="1")
    if site_url:
        env["SITE_URL"] = site_url
    cmd = [sys.executable, "-m", "mkdocs", "build", "--clean", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)]
    if strict:
        cmd.append("--strict")
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=timeout)
    seconds = time.perf_counter() - start
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, seconds, site_dir)


def nav_pages(site_dir: Path | str) -> list[str]:
    """URL paths (relative to the site root, e.g. ``huiqian/``) of every page in the built sitemap."""
    import xml.etree.ElementTree as ET
    from urllib.parse import urlsplit

    site_dir = Path(site_dir)
    tree = ET.parse(site_dir / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [el.text or "" for el in tree.getroot().findall("s:url/s:loc", ns)]
    paths = [urlsplit(loc).path for loc in locs]
    # Every URL starts with site_url's path, which is the home page's URL.
    prefix = min(paths, key=len)
    return sorted(path[len(prefix):] for path in paths)
