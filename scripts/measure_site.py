"""Measure the built site: build time, first-load bytes of the home page, search index size.

    python scripts/measure_site.py            # or: make measure

The home page's first load is its HTML plus the stylesheets and scripts it
references, plus what Material fetches right after load (the search worker,
sitemap.xml, search_index.json). The same is measured for a plain Material
site (same theme language, no fonts, no plugins beyond search) holding the
home page's text, for comparison. Gzip sizes use level 6, as deploy/nginx.conf.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
import tempfile
from pathlib import Path
from urllib.parse import urljoin

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fazhi.site_build import PROJECT_ROOT, build_site  # noqa: E402

PLAIN_CONFIG = """site_name: 法治政府建设学习培训平台
theme:
  name: material
  language: zh
  font: false
plugins:
  - search
"""


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def first_load(site: Path, page: str = "index.html") -> dict[str, tuple[int, int]]:
    """{kind: (raw bytes, gzipped bytes)} for one page's first load."""
    html = (site / page).read_bytes()
    text = html.decode("utf-8")
    css = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', text)
    js = re.findall(r'<script[^>]+src="([^"]+)"', text)
    sizes: dict[str, list[int]] = {"HTML": [len(html), gz(html)], "CSS": [0, 0], "JS": [0, 0], "search (after load)": [0, 0]}
    for kind, refs in (("CSS", css), ("JS", js)):
        for ref in refs:
            data = (site / urljoin(page, ref)).read_bytes()
            sizes[kind][0] += len(data)
            sizes[kind][1] += gz(data)
    after = [*site.glob("assets/javascripts/workers/search.*.min.js"), site / "sitemap.xml", site / "search" / "search_index.json"]
    for file in after:
        data = file.read_bytes()
        sizes["search (after load)"][0] += len(data)
        sizes["search (after load)"][1] += gz(data)
    return {kind: (raw, zipped) for kind, (raw, zipped) in sizes.items()}


def plain_material_site(workdir: Path, markdown: str) -> Path:
    """A default Material site with one page holding ``markdown``'s text."""
    project = workdir / "plain"
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    # Drop front matter and the grid-card markup: the same words as plain Markdown.
    body = re.sub(r"^---\n.*?\n---\n", "", markdown, flags=re.S)
    body = re.sub(r"</?div[^>]*>|:material-[a-z-]+:", "", body)
    (project / "docs" / "index.md").write_text(body, encoding="utf-8")
    result = build_site(project / "site", project=project, strict=False)
    if not result.ok:
        raise SystemExit(f"plain Material build failed:\n{result.output}")
    return project / "site"


def kb(n: int) -> str:
    return f"{n / 1024:,.1f} KB"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="builds to time (the best is reported)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        times = []
        for run in range(args.runs):
            result = build_site(tmp / f"site{run}")
            if not result.ok:
                print(result.output)
                return 1
            times.append(result.seconds)
        site = tmp / "site0"
        pages = len(list(site.rglob("*.html")))
        print(f"Build (mkdocs build --strict, {pages} HTML files): best {min(times):.2f} s, runs {', '.join(f'{t:.2f}' for t in times)}")

        ours = first_load(site)
        plain = first_load(plain_material_site(tmp, (PROJECT_ROOT / "docs" / "index.md").read_text(encoding="utf-8")))
        print("\nHome page first load     this site (raw / gzip)      plain Material (raw / gzip)")
        for kind in ours:
            o, p = ours[kind], plain[kind]
            print(f"  {kind:<22} {kb(o[0]):>11} / {kb(o[1]):>9}      {kb(p[0]):>11} / {kb(p[1]):>9}")
        for label, sizes in (("this site", ours), ("plain Material", plain)):
            page = [v for k, v in sizes.items() if k in ("HTML", "CSS", "JS")]
            print(f"  HTML+CSS+JS total, {label}: {sum(r for r, _ in page):,} B raw, {sum(g for _, g in page):,} B gzipped")

        index = (site / "search" / "search_index.json").read_bytes()
        print(f"\nSearch index: {len(index):,} B raw, {gz(index):,} B gzipped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
