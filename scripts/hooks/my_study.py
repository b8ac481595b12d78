"""MkDocs hook: 我的学习 (progress, 错题本, completion receipts), kept in the browser.

- on_config: read ``extra.my_study.beacon`` (optional same-origin path that a
  completion is also sent to, for the web server's access log; off by
  default; an unusable value stops the build with a Chinese message) and add
  the script and stylesheet (docs/assets/) to every page.
- on_files: generate ``my-study/index.md`` (我的学习), ``my-study/review.md``
  (错题本) and ``my-study/data.json`` (modules, questions, assignments: what
  the script needs, from the same loader as the quiz pages), plus the beacon
  file when the beacon is on.

The browser side is docs/assets/javascripts/my-study.js. It learns of each
answer through the ``fazhi:quiz`` event that scripts/hooks/quiz_modules.py
patches into mkdocs-quiz's script.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

from fazhi.site_assets import add_assets  # noqa: E402
from fazhi import study  # noqa: E402
from fazhi.errors import InputError  # noqa: E402
from fazhi.quiz_check import load_project  # noqa: E402

log = logging.getLogger("mkdocs.hooks.my_study")

STYLESHEET = "assets/stylesheets/my-study.css"
SCRIPT = "assets/javascripts/my-study.js"

_beacon = ""


def on_config(config):
    global _beacon
    _beacon, problem = study.beacon_setting(config.extra)
    if problem:
        raise PluginError(problem)
    add_assets(config, STYLESHEET, SCRIPT)
    return config


def on_files(files, config):
    root = Path(config.config_file_path).parent
    try:
        project = load_project(root, config.docs_dir)
    except InputError:
        return files  # the quiz-module hook reports these problems and stops the build
    data = study.study_data(project, beacon=_beacon)
    generated: dict[str, str | bytes] = {
        study.OVERVIEW_SRC: study.overview_page(_beacon),
        study.REVIEW_SRC: study.review_page(),
        study.DATA_SRC: json.dumps(data, ensure_ascii=False, separators=(",", ":")),
    }
    if _beacon:
        generated[_beacon] = study.BEACON_GIF
    for src_uri, content in generated.items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"docs/{src_uri} 与「我的学习」自动生成的文件同名，请删除或改名 docs/{src_uri}")
        files.append(File.generated(config, src_uri, content=content))
    return files
