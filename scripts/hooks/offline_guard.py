"""MkDocs hook: fail the (strict) build when a page would load from another origin.

The intranet has no internet: a twemoji shortcode, a pasted <img> from a news
site or an <iframe> video would be a broken page there. Each such reference
is logged as a warning naming the page's source file, which `--strict` turns
into a failed build.
"""

from __future__ import annotations

import logging
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from fazhi.offline import external_css_urls, external_loads  # noqa: E402

log = logging.getLogger("mkdocs.hooks.offline_guard")


def on_post_page(output, page, config):
    for line, where, url in external_loads(output):
        log.warning(
            "离线检查：%s 生成的页面（第 %d 行）的 %s 会从外部地址加载 %s；"
            "内网无法访问外网，请改用本站内的文件或删除该引用。",
            page.file.src_uri, line, where, url,
        )
    return output


def on_post_build(config):
    for folder, _dirs, files in os.walk(config.site_dir):
        for name in files:
            if name.endswith(".css"):
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8", errors="replace") as handle:
                    for url in external_css_urls(handle.read()):
                        log.warning(
                            "离线检查：样式表 %s 引用外部地址 %s；请改用本站内的文件。",
                            os.path.relpath(path, config.site_dir), url,
                        )
