"""Check every citation and quote of the site, plan the law library, and report.

One function, ``check_site``, is used by the build hook (which fails the
strict build on failures and generates the library) and by
``scripts/check_citations.py`` (which prints the report).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from fazhi.errors import Problem
from fazhi.laws.citations import FAILED, UNVERIFIABLE, VERIFIED, check_citation, quote_difference, quote_matches, unit_text
from fazhi.laws.config import BUILTIN_SLUGS, LibraryConfig
from fazhi.laws.database import Law, LawDatabase
from fazhi.laws.sources import scan_project

STATUS_NAMES = {VERIFIED: "已核实", UNVERIFIABLE: "无法核实", FAILED: "错误"}


@dataclass
class Finding:
    """One cited article at one place."""

    path: str
    line: int
    written: str  # as written in the source
    label: str  # 《short name》第…条…
    status: str
    law: str = ""  # full name, when the database holds the law
    reason: str = ""
    hint: str = ""
    group: str = ""

    def location(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class QuoteFinding:
    path: str
    line: int
    citation: str
    kind: str  # "block" or "inline"
    status: str  # VERIFIED (matches), FAILED (differs), UNVERIFIABLE (law not in the database)
    difference: str = ""


@dataclass
class LibraryEntry:
    law: Law
    slug: str
    core: bool
    citations: int = 0
    mentions: int = 0


@dataclass
class SiteCheck:
    files: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    quotes: list[QuoteFinding] = field(default_factory=list)
    library: list[LibraryEntry] = field(default_factory=list)
    core_missing: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unlisted_names: dict[str, int] = field(default_factory=dict)  # cited names the database lacks

    def count(self, status: str) -> int:
        return sum(1 for f in self.findings if f.status == status)

    def entry_for(self, law_name: str) -> LibraryEntry | None:
        for entry in self.library:
            if entry.law.name == law_name:
                return entry
        return None


def check_site(project: Path, docs_dir: Path, config: LibraryConfig, db: LawDatabase) -> SiteCheck:
    """Scan docs/ and quizzes/, check each citation and quote, and decide which laws the library holds."""
    db.add_aliases(config.all_aliases())
    occurrences, files = scan_project(project, docs_dir)
    result = SiteCheck(files=files)
    cited: Counter[str] = Counter()
    mentioned: Counter[str] = Counter()
    unlisted: Counter[str] = Counter()
    for occ in occurrences:
        citation = occ.citation
        if citation.is_mention:
            law = db.resolve(citation.name)
            if law is not None and not citation.historical:
                mentioned[law.name] += 1
            continue
        checks = check_citation(citation, db)
        for index, check in enumerate(checks):
            ref = check.ref
            begin = 0 if index == 0 else ref.start - citation.start
            written = occ.text[begin:ref.end - citation.start]
            label = f"《{check.law.short if check.law else citation.name}》{ref.label()}"
            if citation.historical:
                label = f"《{citation.name}》（{citation.version}）{ref.label()}" if citation.version else f"原《{citation.name}》{ref.label()}"
            finding = Finding(
                occ.path, occ.line, written, label, check.status,
                check.law.name if check.law else "", check.reason, check.hint, check.group,
            )
            result.findings.append(finding)
            if check.law is not None:
                cited[check.law.name] += 1
            if check.status == UNVERIFIABLE and not citation.historical:
                unlisted[f"《{citation.name}》"] += 1
            if check.status == FAILED:
                result.problems.append(Problem(occ.path, f"法律引用错误：{label}——{check.reason}", line=occ.line, hint=check.hint))
        if occ.quote is not None:
            result.quotes.append(_check_quote(occ, checks, result.problems))
    result.unlisted_names = dict(sorted(unlisted.items(), key=lambda kv: (-kv[1], kv[0])))
    result.library, result.core_missing = _plan_library(config, db, cited, mentioned, result.problems)
    result.problems.sort(key=lambda p: (p.path, p.line or 0))
    return result


def _check_quote(occ, checks, problems: list[Problem]) -> QuoteFinding:
    kind = "block" if occ.quote.whole else "inline"
    finding = QuoteFinding(occ.path, occ.quote_line or occ.line, occ.text, kind, UNVERIFIABLE)
    if not checks or any(c.status == FAILED for c in checks):
        finding.status = FAILED
        finding.difference = "引用的条文不存在"
        return finding
    if any(c.status == UNVERIFIABLE for c in checks):
        return finding
    unit = "\n".join(unit_text(c.article, c.ref) for c in checks)
    if quote_matches(occ.quote, unit):
        finding.status = VERIFIED
        return finding
    finding.status = FAILED
    finding.difference = quote_difference(occ.quote, unit)
    law = checks[0].law
    what = "、".join(c.ref.label() for c in checks)
    form = "整条（块引用）" if occ.quote.whole else "摘引"
    problems.append(Problem(
        occ.path,
        f"原文引用与《{law.short}》{what}（{law.version_date} 版）不一致（{form}；空白不计；"
        f"【-…-】是原文有而引文没有的文字，【+…+】是引文多出的文字）：\n    {finding.difference.replace(chr(10), chr(10) + '    ')}\n   ",
        line=finding.line,
        hint="照本站法律法规库中该条的原文改正引文；省略的部分用“……”标出"
        + ("；块引用须是整条（或整款）原文" if occ.quote.whole else ""),
    ))
    return finding


def _plan_library(config: LibraryConfig, db: LawDatabase, cited: Counter, mentioned: Counter, problems) -> tuple[list[LibraryEntry], list[str]]:
    entries: dict[str, LibraryEntry] = {}
    missing: list[str] = []
    for name in config.core:
        law = db.resolve(name)
        if law is None:
            missing.append(name)
            continue
        entries.setdefault(law.name, LibraryEntry(db.load_articles(law), config.slug_for(law.short, law.law_id), True))
    for name in sorted(set(cited) | set(mentioned), key=lambda n: db.resolve(n).short):
        law = db.resolve(name)
        entries.setdefault(law.name, LibraryEntry(db.load_articles(law), config.slug_for(law.short, law.law_id), False))
    slugs: defaultdict[str, list[str]] = defaultdict(list)
    for entry in entries.values():
        entry.citations, entry.mentions = cited[entry.law.name], mentioned[entry.law.name]
        slugs[entry.slug].append(entry.law.short)
    for slug, names in slugs.items():
        if len(names) > 1:
            problems.append(Problem("mkdocs.yml", f"法律法规库中 {'、'.join(names)} 的网页路径都是 laws/{slug}/", hint="在 extra.law_library.slugs 中给它们指定不同的路径"))
    return list(entries.values()), missing


def default_slug(entry: LibraryEntry) -> bool:
    return entry.slug.startswith("law-") and entry.law.short not in BUILTIN_SLUGS


# --- output --------------------------------------------------------------------


def render_text(result: SiteCheck) -> str:
    lines: list[str] = []
    add = lines.append
    total = len(result.findings)
    add(f"法律引用核对报告（扫描 {len(result.files)} 个文件：docs/**/*.md、quizzes/**/*.yml）")
    add("")
    add(f"找到条文引用 {total} 处：已核实 {result.count(VERIFIED)} 处，无法核实 {result.count(UNVERIFIABLE)} 处，错误 {result.count(FAILED)} 处。")
    quotes = result.quotes
    q = Counter(x.status for x in quotes)
    add(f"原文引用 {len(quotes)} 处：与原文一致 {q[VERIFIED]} 处，无法核实 {q[UNVERIFIABLE]} 处，不一致或条文不存在 {q[FAILED]} 处。")
    add("")
    add(f"法律法规库：{len(result.library)} 部法律（核心 {sum(e.core for e in result.library)} 部）")
    for entry in result.library:
        tags = ["核心"] if entry.core else []
        if entry.citations:
            tags.append(f"引用 {entry.citations} 处")
        if entry.mentions:
            tags.append(f"提及 {entry.mentions} 处")
        add(f"  laws/{entry.slug}/  {entry.law.name}（{entry.law.version_date}，{entry.law.status}，{len(entry.law.articles)} 条）{'；'.join(tags)}")
    for entry in result.library:
        if default_slug(entry):
            add(f"  提示：《{entry.law.short}》没有指定网页路径，暂用 laws/{entry.slug}/；请在 mkdocs.yml 的 extra.law_library.slugs 中为它指定拼音路径。")
    if result.core_missing:
        add(f"  注意：以下核心法律在数据库中没有现行版本，未收录：{'、'.join(result.core_missing)}")
    unverifiable = [f for f in result.findings if f.status == UNVERIFIABLE]
    if unverifiable:
        add("")
        add("无法核实的引用（数据库中没有，按出处分组；请对照官方文本人工核对）：")
        groups: dict[str, list[Finding]] = defaultdict(list)
        for f in unverifiable:
            groups[f.group].append(f)
        for group, items in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            add(f"  {group}：{len(items)} 处。{items[0].reason}")
            for f in items:
                add(f"    {f.location()}  {f.label}")
    unverified_quotes = [x for x in quotes if x.status == UNVERIFIABLE]
    if unverified_quotes:
        add("")
        add("无法核实的原文引用：")
        for x in unverified_quotes:
            add(f"  {x.path}:{x.line}  {x.citation}")
    if result.problems:
        add("")
        add(f"错误（{len(result.problems)} 处，构建会因此失败）：")
        for problem in result.problems:
            add(f"  {problem}")
    else:
        add("")
        add("没有错误。")
    return "\n".join(lines)


def to_json(result: SiteCheck) -> str:
    data = {
        "files": result.files,
        "summary": {
            "citations": len(result.findings),
            "verified": result.count(VERIFIED),
            "unverifiable": result.count(UNVERIFIABLE),
            "failed": result.count(FAILED),
            "quotes": len(result.quotes),
            "quotes_verified": sum(1 for q in result.quotes if q.status == VERIFIED),
            "quotes_unverifiable": sum(1 for q in result.quotes if q.status == UNVERIFIABLE),
            "quotes_failed": sum(1 for q in result.quotes if q.status == FAILED),
            "problems": len(result.problems),
        },
        "library": [
            {
                "law": e.law.name, "short": e.law.short, "slug": e.slug, "core": e.core,
                "version_date": e.law.version_date, "status": e.law.status,
                "articles": len(e.law.articles), "citations": e.citations, "mentions": e.mentions,
            }
            for e in result.library
        ],
        "core_missing": result.core_missing,
        "citations": [
            {
                "file": f.path, "line": f.line, "text": f.written, "citation": f.label,
                "status": f.status, "law": f.law, "reason": f.reason, "group": f.group,
            }
            for f in result.findings
        ],
        "quotes": [
            {"file": q.path, "line": q.line, "citation": q.citation, "kind": q.kind, "status": q.status, "difference": q.difference}
            for q in result.quotes
        ],
        "problems": [
            {"file": p.path, "line": p.line, "message": p.message, "hint": p.hint} for p in result.problems
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
