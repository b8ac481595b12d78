"""我的学习 (My study): what the browser needs to keep a learner's record.

The site has no server, so a learner's progress, wrong-answer notebook (错题本)
and completion receipts live in the browser (docs/assets/javascripts/my-study.js).
This module makes what that script reads, from the validated quiz project
(:func:`fazhi.quiz_check.load_project`) — one loader, used by the build, the
checker and the exporters alike:

- :func:`study_data`: ``my-study/data.json`` — every module (track, pass mark,
  学时, each question's stable key ``<module>--<question>``, content
  fingerprint, options with their stable input values, right answers,
  explanation and source) and every assignment (window, target, pass mark);
- :func:`overview_page` and :func:`review_page`: the two pages, 「我的学习」
  and 「错题本」, whose content the script fills in;
- :func:`beacon_setting`: the optional same-origin URL that a completion is
  also sent to, so that the intranet web server's access log records it
  (``extra.my_study.beacon`` in mkdocs.yml; off by default). The tally reads
  such access-log lines (:mod:`fazhi.tally.access_log`).

The receipt a learner downloads has the xAPI shape that the coverage tally
reads (:mod:`fazhi.tally.receipts`).
"""

from __future__ import annotations

import base64
import re
from typing import Any

from fazhi.assignments import Assignment
from fazhi.quiz_check import QuizProject
from fazhi.quiz_pages import assignment_src, module_src
from fazhi.quizzes import TRACKS, QuizModule

__all__ = [
    "STUDY_DIR",
    "DATA_SRC",
    "OVERVIEW_SRC",
    "REVIEW_SRC",
    "DATA_VERSION",
    "BEACON_GIF",
    "study_data",
    "overview_page",
    "review_page",
    "beacon_setting",
]

STUDY_DIR = "my-study"
DATA_SRC = f"{STUDY_DIR}/data.json"
OVERVIEW_SRC = f"{STUDY_DIR}/index.md"
REVIEW_SRC = f"{STUDY_DIR}/review.md"
#: Bumped when the shape of data.json changes in a way the script must know.
DATA_VERSION = 1

#: A 1×1 transparent GIF, served at the beacon path so the request gets a 200.
BEACON_GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")

_BEACON_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")


def _url(src: str) -> str:
    """``quizzes/x.md`` → ``quizzes/x/`` (relative to the site root; directory URLs)."""
    stem = src[: -len(".md")]
    if stem.endswith("/index") or stem == "index":
        stem = stem[: -len("index")]
        return stem
    return stem + "/"


def _module(m: QuizModule) -> dict[str, Any]:
    questions = []
    for q in m.questions:
        questions.append(
            {
                "key": q.key,
                "id": q.id,
                "fp": q.fingerprint,
                "type": q.type,
                "kind": q.kind,
                "stem": q.stem,
                "options": [{"value": q.option_value(o), "text": o} for o in q.options],
                "answers": list(q.answers),
                "explanation": q.explanation,
                "laws": list(q.source.laws),
                "page": _url(q.source.page_path) + (q.source.page[len(q.source.page_path):]) if q.source.page else "",
            }
        )
    return {
        "id": m.id,
        "title": m.title,
        "track": m.track,
        "passMark": m.pass_mark,
        "minutes": m.minutes,
        "hours": m.hours,
        "url": _url(module_src(m.id)),
        "questions": questions,
    }


def _assignment(a: Assignment) -> dict[str, Any]:
    return {
        "id": a.id,
        "title": a.title,
        "modules": list(a.modules),
        "opens": a.opens.isoformat(),
        "due": a.due.isoformat(),
        "passMark": a.pass_mark,
        "everyone": a.target.everyone,
        "units": list(a.target.units),
        "roles": list(a.target.roles),
        "url": _url(assignment_src(a.id)),
    }


def study_data(project: QuizProject, *, beacon: str = "") -> dict[str, Any]:
    """The JSON the browser reads (``my-study/data.json``); URLs are relative to the site root."""
    return {
        "version": DATA_VERSION,
        "tracks": list(TRACKS),
        "modules": [_module(m) for m in project.modules.values()],
        "assignments": [_assignment(a) for a in sorted(project.assignments.values(), key=lambda a: (a.due, a.id))],
        "beacon": beacon,
    }


def beacon_setting(extra: Any) -> tuple[str, str]:
    """``extra.my_study.beacon`` from mkdocs.yml → (path, problem).

    The path is relative to the site root (same origin, under any sub-path),
    e.g. ``my-study/beacon.gif``; empty means off. ``problem`` is a Chinese
    message when the setting is unusable.
    """
    settings = (extra or {}).get("my_study") or {}
    if not isinstance(settings, dict):
        return "", "mkdocs.yml 的 extra.my_study 应当是映射，例如 beacon: my-study/beacon.gif"
    value = settings.get("beacon") or ""
    if not isinstance(value, str):
        return "", "mkdocs.yml 的 extra.my_study.beacon 应当是一个路径，例如 my-study/beacon.gif；不需要上报时留空"
    value = value.strip()
    if not value:
        return "", ""
    if "://" in value or value.startswith(("/", "//")) or ".." in value.split("/") or not _BEACON_RE.match(value):
        return "", (
            f"mkdocs.yml 的 extra.my_study.beacon「{value}」不是本站内的相对路径：上报地址只能在本站之内"
            "（同源），写成相对于站点根目录的路径，例如 my-study/beacon.gif"
        )
    if value.endswith(".md") or value.endswith("/"):
        return "", f"mkdocs.yml 的 extra.my_study.beacon「{value}」应当是一个文件名，例如 my-study/beacon.gif"
    return value, ""


_NOSCRIPT = (
    '<noscript><p class="fazhi-study-notice">「我的学习」需要浏览器启用 JavaScript。'
    "学习记录只保存在您这台电脑的浏览器里。</p></noscript>"
)


def overview_page(beacon: str = "") -> str:
    """``my-study/``: the page 我的学习; my-study.js renders into its containers."""
    if beacon:
        privacy = (
            "本站已开启**完成记录上报**：某个测验模块或测验任务达到及格线时，浏览器会向本站的服务器发送一条完成记录"
            "（姓名、工号、单位、模块和得分），服务器的访问日志会记下它，培训管理员据此统计。除此之外，"
            "您的作答记录只保存在这台电脑的浏览器里。"
        )
    else:
        privacy = (
            "您填写的姓名、工号、单位和全部作答记录**只保存在这台电脑的浏览器里**，本站不会上传，"
            "别人在其他电脑上看不到。只有您自己下载并交出的**完成回执**文件会交给培训管理员。"
        )
    return (
        "---\ntitle: 我的学习\nsearch:\n  exclude: true\n---\n\n"
        "# 我的学习\n\n"
        "这里汇总您在本站做过的测验：哪些完成了、哪些还没做、得分和学时，以及布置给您所在单位的测验任务。"
        "答错的题目自动收进[错题本](review.md)。\n\n"
        f'!!! info "学习记录保存在哪里"\n\n    {privacy}\n\n'
        "    换电脑学习时，先在本页底部「导出学习记录」，再在新电脑上「导入学习记录」。"
        "清除浏览器数据会删除这些记录。\n\n"
        f'<div id="fazhi-my-study" class="fazhi-study" data-view="overview">\n{_NOSCRIPT}\n</div>\n'
    )


def review_page() -> str:
    """``my-study/review/``: the 错题本 with its review mode."""
    return (
        "---\ntitle: 错题本\nsearch:\n  exclude: true\n---\n\n"
        "# 错题本\n\n"
        "在本站任何页面答错的测验题都会收在这里，附正确答案、解析和依据。点「开始复习」按随机顺序重做；"
        "同一道题**连续答对两次**就移出错题本（移出的时间记在页面下方）。题目内容修改过的，旧的记录不再计入。\n\n"
        f'<div id="fazhi-my-study" class="fazhi-study" data-view="review">\n{_NOSCRIPT}\n</div>\n'
    )
