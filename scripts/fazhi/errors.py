"""Problems found in a user's input, reported with file and line.

Every loader and checker reports what is wrong with the user's files as
``Problem`` values (file, line, column, message in Chinese, what to do), and
raises ``InputError`` carrying all of them at once. Command-line layers print
them and exit non-zero; they never show a traceback for a user's mistake.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place of one input file."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None
    hint: str = ""

    def location(self) -> str:
        loc = str(self.path)
        if self.line is not None:
            loc += f":{self.line}"
            if self.column is not None:
                loc += f":{self.column}"
        return loc

    def __str__(self) -> str:
        text = f"{self.location()}: {self.message}"
        if self.hint:
            text += f"（处理办法：{self.hint}）"
        return text


@dataclass
class InputError(Exception):
    """Raised with every problem found, never just the first."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def report_and_exit(error: InputError, stream=None, code: int = 2) -> None:
    """Print every problem of ``error`` (one per line) and exit with ``code``."""
    stream = stream or sys.stderr
    for problem in error.problems:
        print(f"错误：{problem}", file=stream)
    count = len(error.problems)
    print(f"共发现 {count} 处问题，请按上述提示修改后重试。", file=stream)
    raise SystemExit(code)
