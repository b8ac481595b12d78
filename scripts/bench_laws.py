"""What the law library costs: build time and search index size, with and without it.

    python scripts/bench_laws.py            # or: make bench-laws
    python scripts/bench_laws.py --runs 5 --keep /tmp/bench

Builds the real site (mkdocs build --strict) several times as it is, and as
many times from a temporary copy of the project whose mkdocs.yml has no law
library (the hook line and the 法律法规库 nav section removed; built without
--strict, since the guides link to the library), and reports the
best build time of each, the number of pages, and search/search_index.json
raw and gzipped (level 6, as deploy/nginx.conf serves it), with the share of
the index that the law pages' entries take.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fazhi.site_build import PROJECT_ROOT, build_site  # noqa: E402

HOOK_LINE_RE = re.compile(r"^\s*-\s*scripts/hooks/law_library\.py\s*$\n", re.M)
NAV_RE = re.compile(r"^  - 法律法规库:\n(?:      - .*\n)+", re.M)


def without_library(project: Path, dest: Path) -> Path:
    """A copy of ``project`` whose mkdocs.yml does not use the law library."""
    ignore = shutil.ignore_patterns(".git", ".venv", "site", "__pycache__", ".pytest_cache", "reports", "out")
    shutil.copytree(project, dest, ignore=ignore)
    config = dest / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text, hooks = HOOK_LINE_RE.subn("", text)
    text, navs = NAV_RE.subn("", text)
    if hooks != 1 or navs != 1:
        raise SystemExit("mkdocs.yml: could not find the law library's hook line and nav section to remove")
    config.write_text(text, encoding="utf-8")
    return dest


def _sizes(data: bytes) -> tuple[int, int]:
    return len(data), len(gzip.compress(data, compresslevel=6))


def index_figures(site: Path) -> dict:
    raw = (site / "search" / "search_index.json").read_bytes()
    index = json.loads(raw)
    docs = index["docs"]
    law_docs = [d for d in docs if d["location"].startswith("laws/")]
    law_bytes = sum(len(json.dumps(d, ensure_ascii=False, separators=(",", ":")).encode()) + 1 for d in law_docs)
    # The library's hook writes the index as UTF-8; Material alone writes backslash-u escapes.
    utf8 = not raw.isascii()
    return {
        "raw": len(raw),
        "gzip": len(gzip.compress(raw, compresslevel=6)),
        "entries": len(docs),
        "law_entries": len(law_docs),
        "law_bytes": law_bytes,
        "pages": len(list(site.rglob("index.html"))),
        "utf8": utf8,
        "as_utf8": _sizes(json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode()),
        "as_escapes": _sizes(json.dumps(index, separators=(",", ":")).encode()),
    }


def best_build(project: Path, out: Path, runs: int, strict: bool = True) -> tuple[float, list[float]]:
    times = []
    for run in range(runs):
        result = build_site(out / f"site{run}", project=project, strict=strict)
        if not result.ok:
            print(result.output)
            raise SystemExit(1)
        times.append(result.seconds)
    return min(times), times


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="builds of each variant (the best time is reported)")
    parser.add_argument("--keep", type=Path, help="keep the built sites in this folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        plain = without_library(PROJECT_ROOT, work / "project-without-laws")
        rows = []
        # Without the library, the guides' links to laws/index.md are broken:
        # that variant is built without --strict.
        for label, project, out, strict in (
            ("with the law library", PROJECT_ROOT, work / "with", True),
            ("without it", plain, work / "without", False),
        ):
            best, times = best_build(project, out, args.runs, strict)
            figures = index_figures(out / "site0")
            rows.append((label, best, times, figures))
        print(f"{'':<22}{'build (best)':>14}{'pages':>8}{'index raw':>14}{'index gzip':>13}{'entries':>9}  encoding")
        for label, best, _times, f in rows:
            encoding = "UTF-8" if f["utf8"] else "backslash-u escapes (Material's default)"
            print(f"{label:<22}{best:>12.2f} s{f['pages']:>8}{f['raw']:>12,} B{f['gzip']:>11,} B{f['entries']:>9}  {encoding}")
        (w_label, w_best, w_times, w), (_o_label, o_best, o_times, o) = rows
        print(
            f"\nThe library adds {w['pages'] - o['pages']} pages, {w_best - o_best:+.2f} s of build time, "
            f"{w['raw'] - o['raw']:+,} B raw / {w['gzip'] - o['gzip']:+,} B gzipped of search index "
            f"({w['law_entries']} entries for law pages, {w['law_bytes']:,} B of them)."
        )
        print(
            f"Same encoding: UTF-8 {o['as_utf8'][0]:,} → {w['as_utf8'][0]:,} B raw, {o['as_utf8'][1]:,} → {w['as_utf8'][1]:,} B gzipped; "
            f"Material's escapes {o['as_escapes'][0]:,} → {w['as_escapes'][0]:,} B raw, {o['as_escapes'][1]:,} → {w['as_escapes'][1]:,} B gzipped."
        )
        print(f"Build times: with {', '.join(f'{t:.2f}' for t in w_times)}; without {', '.join(f'{t:.2f}' for t in o_times)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
