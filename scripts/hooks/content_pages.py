"""MkDocs hook: content pages (session kits, year plan, training modules and parts, cases).

- on_config: add the print stylesheet and the print-buttons script
  (docs/assets/) to every page.
- on_files: read and check every typed page of docs/ (fazhi.content.check:
  front matter fields, required sections in order, quiz modules and their
  embeds, a module's parts and hours, the kits of a year plan). Every problem
  is logged with its file and line and the build stops (the same check is
  ``make check-content``). Page templates (docs/guide/templates/) and pages
  excluded from the build are not checked.
- on_page_markdown, before mkdocs-quiz, the quiz-module hook and Material's
  tags plugin: put the page's field, case types and tags into
  ``page.meta["tags"]`` (the tags plugin lists them on anli/index.md and the
  track index pages) and add the extras of its type
  (fazhi.content.render.page_extras: summary box, print buttons, year-plan
  table, 学时 table, teaching-case label, the kit's answer key).
- on_page_content, before mkdocs-quiz adds its own elements at the end of the
  page: wrap the presenter-only section (领学人提示 / 主讲人指南) in
  ``<div class="fazhi-presenter">`` and the observation record form
  (观摩记录表) in ``<div class="fazhi-record-form">`` for print.css.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from fazhi.site_assets import add_assets  # noqa: E402
from fazhi.content import render  # noqa: E402
from fazhi.content.check import ContentSite, check_content, is_template  # noqa: E402
from fazhi.content.model import PRESENTER_SECTION  # noqa: E402
from fazhi.errors import InputError  # noqa: E402

log = logging.getLogger("mkdocs.hooks.content_pages")

STYLESHEET = "assets/stylesheets/print.css"
SCRIPT = "assets/javascripts/print-mode.js"
PRESENTER_LABELS = {
    "huiqian-kit": "以下内容供领学人使用：「打印讲义」时不打印，「打印领学人版」时打印。",
    "zhifa-lecture": "以下内容供主讲人使用：「打印讲义」时不打印，「打印主讲人版」时打印。",
}

_site: ContentSite | None = None


def on_config(config):
    add_assets(config, STYLESHEET, SCRIPT)
    return config


def on_files(files, config):
    global _site
    _site = None
    root = Path(config.config_file_path).parent
    included = {f.src_uri for f in files.documentation_pages()}
    try:
        site = check_content(root, config.docs_dir, skip=lambda src: is_template(src) or src not in included)
    except InputError as exc:
        raise PluginError("内容页面检查无法进行：\n" + "\n".join(str(p) for p in exc.problems)) from None
    if site.problems:
        for problem in site.problems:
            log.error("内容页面：%s", problem)
        raise PluginError(
            f"内容页面有 {len(site.problems)} 处问题（上面每一处都写明了文件和行号），请改正后重新构建；"
            "运行 make check-content（python scripts/check_content.py）可以只检查内容页面。"
        )
    if site.notes:
        log.info("内容页面：%d 条提示（例如年度计划中尚未编写的材料包，显示为「材料包编写中」），运行 make check-content 查看。", len(site.notes))
    _site = site
    return files


@event_priority(60)  # before the quiz-module hook (50), mkdocs-quiz (0) and the tags plugin (-50)
def _model(page):
    """The checked content model of ``page``, or None (an ordinary page, or no check ran)."""
    return _site.pages.get(page.file.src_uri) if _site is not None else None


def on_page_markdown(markdown, page, config, files):
    model = _model(page)
    if model is None:
        return markdown
    tags = model.tag_list()
    if tags:
        existing = page.meta.get("tags") if isinstance(page.meta.get("tags"), list) else []
        page.meta["tags"] = list(dict.fromkeys([*tags, *existing]))
    return render.page_extras(markdown, model, _site)


@event_priority(10)  # before mkdocs-quiz (0) appends its progress bar and scripts to the page
def on_page_content(html, page, config, files):
    model = _model(page)
    if model is None:
        return html
    title = PRESENTER_SECTION.get(model.type)
    if title:
        html = render.wrap_section(html, title, render.PRESENTER_CLASS, PRESENTER_LABELS.get(model.type, ""))
    if model.type == "zhifa-visit":
        html = render.wrap_section(html, "观摩记录表", render.RECORD_FORM_CLASS)
    return html
