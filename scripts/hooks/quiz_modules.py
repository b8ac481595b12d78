"""MkDocs hook: quiz modules from quizzes/*.yml become pages, embeds and stable quizzes.

- on_files: load and check every module, assignment and embed line
  (fazhi.quiz_check.load_project); any problem is logged with its file and
  line and the build stops. Then generate the pages: one per module
  (/quizzes/<id>/), the catalog (/quizzes/), one per assignment
  (/assignments/<id>/) and the list of assignments (/assignments/).
- on_nav: list the module pages in the 测验 section, after the catalog.
- on_page_markdown (before mkdocs-quiz): replace each ``{{ quiz <id> }}`` line
  of a page with the module's questions and turn quizzes on for that page.
- on_page_content (after mkdocs-quiz has rendered the questions):
  * give each question a stable id (``<module>--<question>-<fingerprint>``
    instead of mkdocs-quiz's ``quiz-<position>``) and its options stable
    values, because mkdocs-quiz saves a learner's answers in localStorage
    under the question's id and the option's value: reordering or adding
    questions must not attach old answers to other questions, and an edited
    question must not show answers given to its old version;
  * patch mkdocs-quiz's inline script (pinned 1.7.1) so that a fill-in answer
    matches any of the module's accepted alternatives (六十 / 60 / 六十日),
    compared after NFKC folding and removing spaces, and so that saved answers
    of questions no longer on the page are dropped instead of being counted.
    If the script ever changes so that a patch does not apply, the build
    fails here (strict) rather than shipping unpatched quizzes.

Set FAZHI_TODAY=YYYY-MM-DD to group assignments on another day than today.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import html
import logging
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, InclusionLevel  # noqa: E402
from mkdocs.utils.meta import get_data  # noqa: E402

from fazhi import quiz_pages  # noqa: E402
from fazhi.errors import InputError  # noqa: E402
from fazhi.quiz_check import QuizProject, find_embeds, load_project  # noqa: E402
from fazhi.quizzes import TRACKS  # noqa: E402

log = logging.getLogger("mkdocs.hooks.quiz_modules")

_project: QuizProject | None = None
_titles: dict[str, str] = {}


# --------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------


def _today() -> _dt.date:
    value = os.environ.get("FAZHI_TODAY")
    if value:
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            raise PluginError(f"环境变量 FAZHI_TODAY 应当写成 2026-01-31 的样子，这里是「{value}」") from None
    return _dt.date.today()


def _title_lookup(files):
    def title_of(path: str) -> str:
        if path not in _titles:
            file = files.get_file_from_path(path)
            title = ""
            if file is not None:
                try:
                    body, meta = get_data(file.content_string)
                except Exception:  # a page that cannot be read fails the build elsewhere
                    body, meta = "", {}
                title = str(meta.get("title") or "")
                if not title:
                    m = re.search(r"^#\s+(.+?)\s*#*\s*$", body, re.M)
                    title = m.group(1) if m else ""
            _titles[path] = title
        return _titles[path]

    return title_of


def on_files(files, config):
    global _project
    _titles.clear()
    root = Path(config.config_file_path).parent
    try:
        _project = load_project(root, config.docs_dir)
    except InputError as exc:
        for problem in exc.problems:
            log.error("测验题库：%s", problem)
        raise PluginError(
            f"测验题库有 {len(exc.problems)} 处问题（上面每一处都写明了文件和行号），请改正后重新构建；"
            "运行 python scripts/check_quizzes.py 可以只检查题库。"
        ) from None

    generated = {
        quiz_pages.MODULES_DIR + "/index.md": quiz_pages.catalog_page(list(_project.modules.values())),
        quiz_pages.ASSIGNMENTS_DIR + "/index.md": quiz_pages.assignments_index_page(
            list(_project.assignments.values()), _project.modules, _today()
        ),
    }
    title_of = _title_lookup(files)
    assignments = list(_project.assignments.values())
    for module in _project.modules.values():
        generated[quiz_pages.module_src(module.id)] = quiz_pages.module_page(module, assignments, title_of)
    for a in assignments:
        generated[quiz_pages.assignment_src(a.id)] = quiz_pages.assignment_page(a, _project.modules)

    for src_uri, content in generated.items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(
                f"docs/{src_uri} 与自动生成的测验页面同名：测验页面由 quizzes/ 下的文件生成，请删除或改名 docs/{src_uri}"
            )
        # Module pages are added to the nav under the catalog (on_nav);
        # assignment pages are reached from the assignment list.
        inclusion = InclusionLevel.UNDEFINED if src_uri.endswith("/index.md") else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))
    return files


def _pages_in(items):
    for item in items:
        if getattr(item, "is_page", False):
            yield item
        elif getattr(item, "is_section", False):
            yield from _pages_in(item.children)


def on_nav(nav, config, files):
    """List the module pages under the catalog in the 测验 section of the nav (in catalog order)."""
    if _project is None:
        return nav
    catalog = next((p for p in nav.pages if p.file.src_uri == quiz_pages.MODULES_DIR + "/index.md"), None)
    section = catalog.parent if catalog is not None else None
    if section is None:
        return nav
    ordered = [m for track in TRACKS for m in _project.modules.values() if m.track == track]
    added = []
    for module in ordered:
        file = files.get_file_from_path(quiz_pages.module_src(module.id))
        if file is not None and file.page is not None:
            file.page.parent = section
            added.append(file.page)
    at = section.children.index(catalog) + 1
    section.children[at:at] = added
    nav.pages = list(_pages_in(nav.items))
    for before, page, after in zip([None, *nav.pages], nav.pages, [*nav.pages[1:], None]):
        page.previous_page, page.next_page = before, after
    return nav


@event_priority(50)  # before mkdocs-quiz turns <quiz> blocks into placeholders
def on_page_markdown(markdown, page, config, files):
    if _project is None:
        return markdown
    embeds, _problems = find_embeds(markdown, page.file.src_uri)  # problems were reported in on_files
    if not embeds:
        return markdown
    title_of = _title_lookup(files)
    lines = markdown.splitlines()
    for e in reversed(embeds):
        module = _project.modules[e.module_id]
        block = quiz_pages.embed_markdown(module, e.question_ids, page.file.src_uri, title_of)
        lines[e.line - 1] = "\n".join((e.indent + ln) if ln else ln for ln in block.splitlines())
    quiz_meta = page.meta.get("quiz")
    page.meta["quiz"] = {**(quiz_meta if isinstance(quiz_meta, dict) else {}), "enabled": True}
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# Stable ids and the mkdocs-quiz script patch
# --------------------------------------------------------------------------

_QUIZ_DIV = re.compile(r'<div class="quiz(?: quiz-fill-blank)?"[^>]*?\bid="quiz-(\d+)"[^>]*>')
_MARKER = re.compile(r'<span class="fz-q"((?:\s+[\w-]+="[^"]*")*)\s*></span>')
_ATTR = re.compile(r'([\w-]+)="([^"]*)"')
_OPTION_VALUE = re.compile(r'(<input type="(?:radio|checkbox)" name="answer" value=")(\d+)(")')
_BLANK_INPUT = '<input type="text" class="quiz-blank-input"'

#: (what, old, new, expected count) for mkdocs-quiz 1.7.1's quiz.js.
SCRIPT_PATCHES = [
    (
        "helpers",
        "(function () {",
        "(function () {\n"
        "  function fazhiNormalize(s) { return String(s).normalize(\"NFKC\").replace(/\\s+/g, \"\").toLowerCase(); }\n"
        "  function fazhiBlankOk(input, user) {\n"
        "    var alts = [input.getAttribute(\"data-answer\")];\n"
        "    try { alts = alts.concat(JSON.parse(input.getAttribute(\"data-alternatives\") || \"[]\")); } catch (e) {}\n"
        "    return alts.some(function (a) { return fazhiNormalize(a) === user; });\n"
        "  }",
        1,
    ),
    ("normalize", "return answer.trim().toLowerCase();", "return fazhiNormalize(answer);", 1),
    ("alternatives", "if (userAnswer === correctAnswer) {", "if (fazhiBlankOk(input, userAnswer)) {", 2),
    # Tell 我的学习 (docs/assets/javascripts/my-study.js) of each answer and reset.
    (
        "event-answer",
        "quizTracker.markQuiz(quizId, is_correct, selectedValues);",
        "quizTracker.markQuiz(quizId, is_correct, selectedValues);\n"
        "          window.dispatchEvent(new CustomEvent(\"fazhi:quiz\", {detail: {action: \"answer\", id: quizId,"
        " correct: is_correct, values: selectedValues}}));",
        1,
    ),
    (
        "event-reset",
        "quizTracker.resetQuiz(quizId);",
        "quizTracker.resetQuiz(quizId);\n"
        "          window.dispatchEvent(new CustomEvent(\"fazhi:quiz\", {detail: {action: \"reset\", ids: [quizId]}}));",
        1,
    ),
    (
        "event-reset-all",
        "resetAllQuiz: function () {",
        "resetAllQuiz: function () {\n"
        "      window.dispatchEvent(new CustomEvent(\"fazhi:quiz\", {detail: {action: \"reset\","
        " ids: Array.from(document.querySelectorAll(\".quiz[id]\"), function (q) { return q.id; })}}));",
        1,
    ),
    (
        "prune",
        "this.quizzes = parsed;",
        "this.quizzes = Object.fromEntries(Object.entries(parsed).filter(function (e) {"
        " var el = document.getElementById(e[0]); return el !== null && el.classList.contains(\"quiz\"); }));",
        1,
    ),
]


def patch_quiz_script(html_text: str) -> tuple[str, list[str]]:
    """Apply SCRIPT_PATCHES to the page's inline mkdocs-quiz script; return (html, failed patch names)."""
    start = html_text.find('<script type="text/javascript" defer>// Wrap everything in an IIFE')
    if start < 0:
        return html_text, ["script not found"]
    end = html_text.find("</script>", start)
    script = html_text[start:end]
    failed = []
    for name, old, new, count in SCRIPT_PATCHES:
        if script.count(old) != count:
            failed.append(name)
            continue
        script = script.replace(old, new)
    return html_text[:start] + script + html_text[end:], failed


def _attrs(text: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in _ATTR.findall(text)}


def stabilize_quiz_ids(html_text: str) -> str:
    """Rename mkdocs-quiz's positional ``quiz-N`` ids and option values to stable ones."""
    matches = list(_QUIZ_DIV.finditer(html_text))
    if not matches:
        return html_text
    out = [html_text[: matches[0].start()]]
    used: set[str] = set()
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(html_text)
        segment = html_text[m.start() : end]
        number = m.group(1)
        marker = _MARKER.search(segment)
        attrs = _attrs(marker.group(1)) if marker else {}
        if attrs.get("data-key"):
            new_id = f"{attrs['data-key']}-{attrs.get('data-fp', '')}".rstrip("-")
        else:  # a quiz written by hand on a page: name it by its content
            neutral = re.sub(rf"\bquiz-{number}(?!\d)", "", segment)
            new_id = "q-" + hashlib.sha1(neutral.encode("utf-8")).hexdigest()[:10]
        base, n = new_id, 2
        while new_id in used:
            new_id, n = f"{base}-{n}", n + 1
        used.add(new_id)
        segment = re.sub(rf"\bquiz-{number}(?!\d)", new_id, segment)
        extra = ""
        if attrs.get("data-key"):
            extra = f' data-key="{html.escape(attrs["data-key"])}" data-fp="{html.escape(attrs.get("data-fp", ""))}"'
        segment = segment.replace(f'id="{new_id}">', f'id="{new_id}"{extra}>', 1)
        values = attrs.get("data-values", "").split()
        if values:
            segment = _OPTION_VALUE.sub(
                lambda v: v.group(1) + (values[int(v.group(2))] if int(v.group(2)) < len(values) else v.group(2)) + v.group(3),
                segment,
            )
        if "data-alternatives" in attrs:
            alt = html.escape(attrs["data-alternatives"], quote=True)
            segment = segment.replace(_BLANK_INPUT, f'{_BLANK_INPUT} data-alternatives="{alt}"')
        out.append(segment)
    return "".join(out)


@event_priority(-50)  # after mkdocs-quiz has rendered the questions and added its script
def on_page_content(html_text, page, config, files):
    if not _QUIZ_DIV.search(html_text):
        return html_text
    html_text = stabilize_quiz_ids(html_text)
    html_text, failed = patch_quiz_script(html_text)
    if failed:
        log.warning(
            "测验脚本修补未能应用（%s）到 %s：mkdocs-quiz 的脚本已变化，请检查 scripts/hooks/quiz_modules.py。",
            "、".join(failed),
            page.file.src_uri,
        )
    return html_text
