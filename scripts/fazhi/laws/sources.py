"""Find citations and quotes in the site's sources, with file and line.

Sources are ``docs/**/*.md`` (fenced code blocks and inline code are skipped:
examples in the guides are not citations) and ``quizzes/**/*.yml`` (scanned
as raw text lines, so that quiz explanations and ``source:`` fields are
checked whatever the quiz loader makes of them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from fazhi.laws.citations import Citation, Quote, find_citations, inline_quote_after

FENCE_RE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
INLINE_CODE_RE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
BLOCKQUOTE_RE = re.compile(r"^[ \t]*((?:>[ \t]?)+)")
COLON_RE = re.compile(r"^\s*(?:的规定|规定)?\s*[：:]")
EMPHASIS_RE = re.compile(r"[*_]+")


@dataclass
class Occurrence:
    """A citation (or mention of a law) at one place of one source file."""

    path: str  # relative to the project, with forward slashes
    line: int
    citation: Citation
    text: str  # the citation as written
    quote: Quote | None = None
    quote_line: int | None = None


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def mask_markdown(text: str) -> str:
    """``text`` with fenced code blocks and inline code replaced by spaces (line numbers kept)."""
    lines = text.split("\n")
    out = []
    fence: str | None = None
    for line in lines:
        match = FENCE_RE.match(line)
        if fence is None and match:
            fence = match.group(1)[0] * len(match.group(1))
            out.append(" " * len(line))
        elif fence is not None:
            if match and match.group(1).startswith(fence):
                fence = None
            out.append(" " * len(line))
        else:
            out.append(line)
    return INLINE_CODE_RE.sub(_blank, "\n".join(out))


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for index, char in enumerate(text):
        if char == "\n":
            starts.append(index + 1)
    return starts


def _line_of(starts: list[int], offset: int) -> int:
    low, high = 0, len(starts) - 1
    while low < high:
        mid = (low + high + 1) // 2
        if starts[mid] <= offset:
            low = mid
        else:
            high = mid - 1
    return low + 1


@dataclass
class BlockQuote:
    line: int  # the first line, 1-based
    first: str  # its content, without the > marks
    rest: list[str]


def block_quotes(text: str) -> list[BlockQuote]:
    """Markdown blockquotes (with lazy continuation lines) of ``text``."""
    quotes: list[BlockQuote] = []
    current: BlockQuote | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        match = BLOCKQUOTE_RE.match(line)
        if match:
            content = line[match.end():]
            if current is None:
                current = BlockQuote(number, content, [])
                quotes.append(current)
            else:
                current.rest.append(content)
        elif current is not None and line.strip() and (current.rest[-1] if current.rest else current.first).strip():
            current.rest.append(line.strip())  # lazy continuation of the quote's last paragraph
        else:
            current = None
    return quotes


def block_quote_citation(quote: BlockQuote) -> tuple[Citation, str, Quote] | None:
    """When ``quote`` is a quote of an article (first line: citation [：text]): (citation, its text, the quote)."""
    first = EMPHASIS_RE.sub("", quote.first).strip()
    found = [c for c in find_citations(first) if c.refs]
    if not found or found[0].start != 0:
        return None
    citation = found[0]
    rest = first[citation.end:]
    if rest.strip():
        colon = COLON_RE.match(rest)
        if not colon:
            return None  # 《…》第…条规定了……: prose, not a quote
        rest = rest[colon.end():]
    else:
        rest = ""
    body = "\n".join([rest, *quote.rest]).strip()
    if not body:
        return None
    return citation, first[citation.start:citation.end], Quote(body, whole=True)


def scan_text(text: str, path: str, markdown: bool = True) -> list[Occurrence]:
    """Every citation and mention in ``text`` (a source file's content) with line numbers and quotes."""
    masked = mask_markdown(text) if markdown else text
    starts = _line_starts(masked)
    blocks: dict[int, tuple[Citation, str, Quote]] = {}
    for block in block_quotes(masked):
        found = block_quote_citation(block)
        if found:
            blocks[block.line] = found
    occurrences: list[Occurrence] = [
        Occurrence(path, line, citation, written, quote, line) for line, (citation, written, quote) in blocks.items()
    ]
    used_blocks: set[int] = set()
    for citation in find_citations(masked):
        line = _line_of(starts, citation.start)
        block = blocks.get(line)
        if block and line not in used_blocks and citation.name == block[0].name:
            used_blocks.add(line)  # the block quote's citation, already listed with its quote
            continue
        occurrence = Occurrence(path, line, citation, masked[citation.start:citation.end])
        if citation.refs:
            quote = inline_quote_after(masked, citation)
            if quote is not None:
                occurrence.quote, occurrence.quote_line = quote, _line_of(starts, quote.start)
        occurrences.append(occurrence)
    occurrences.sort(key=lambda o: o.line)
    return occurrences


def source_files(project: Path, docs_dir: Path) -> list[tuple[Path, bool]]:
    """(file, is Markdown) for every source scanned: docs/**/*.md, quizzes/**/*.yml and *.yaml."""
    files = [(p, True) for p in sorted(docs_dir.rglob("*.md"))]
    quizzes = project / "quizzes"
    if quizzes.is_dir():
        files += [(p, False) for p in sorted([*quizzes.rglob("*.yml"), *quizzes.rglob("*.yaml")])]
    return files


def relative(path: Path, project: Path) -> str:
    try:
        return path.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def scan_project(project: Path, docs_dir: Path) -> tuple[list[Occurrence], list[str]]:
    """(occurrences, files scanned) of every source of the project."""
    occurrences: list[Occurrence] = []
    scanned: list[str] = []
    for file, markdown in source_files(project, docs_dir):
        rel = relative(file, project)
        scanned.append(rel)
        text = file.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        occurrences += scan_text(text, rel, markdown=markdown)
    return occurrences, scanned
