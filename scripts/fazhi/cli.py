"""The command-line layer shared by scripts/*.py: argparse in Chinese.

``ChineseParser`` prints argparse's own error messages in one Chinese line and
exits with status 2, like every input problem of these tools.
"""

from __future__ import annotations

import argparse
import sys

__all__ = ["ChineseParser", "UsageFormatter"]


class UsageFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, prefix="用法：")


class ChineseParser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own messages, in one Chinese line
        translations = {
            "the following arguments are required": "缺少必填参数",
            "unrecognized arguments": "不认识的参数",
            "expected one argument": "需要一个值",
            "invalid choice": "取值无效",
            "argument ": "参数 ",
        }
        for en, zh in translations.items():
            message = message.replace(en, zh)
        self.print_usage(sys.stderr)
        print(f"错误：{message}", file=sys.stderr)
        print("用 --help 查看全部选项。", file=sys.stderr)
        raise SystemExit(2)
