"""coverage.json: the machine-readable report (aggregates only, no names).

Schema ``fazhi-tally/1`` (documented in README「coverage.json」)::

    {
      "schema": "fazhi-tally/1",
      "title": str, "generated_at": ISO 8601 with offset,
      "period": {"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"},
      "plan": {"file": str | null, "default": bool, "rules": {role: text}, "default_rule": text,
               "extras": {"unknown_people": "reject"|"count", ...}, "minutes_per_hour": number},
      "roster": {"file": str, "people": int, "counted": int, "exempt": int},
      "rows": {"read", "accepted", "rejected", "duplicates", "extra": int,
               "by_reason": {code: {"label": str, "count": int}},
               "files": [{"file", "format", "encoding", "sheet", "header_row", "profile",
                          "read", "accepted", "rejected", "duplicates", "extra", "by_reason": {code: int}}]},
      "parts": [part, ...],
      "units": [UNIT, ...], "total": UNIT,
      "activities": [{"id", "name", "part", "hours", "extra", "people", "records", "days": [date, ...]}],
      "sessions": [{"activity", "name", "date", "attendees"}],   # 会前学法 sessions held
      "assignments": [{"id", "title", "opens", "due", "pass_mark", "modules",
                       "targeted", "on_time", "late", "missing"}],
      "outside_roster": {"people": int, "rows": int}
    }

    UNIT = {"unit", "headcount", "exempt", "covered", "coverage" (0..1 or null),
            "parts": {part: {"people", "completions", "required", "met"}},
            "hours": {"total", "average", "min_hours_required", "min_hours_met"},
            "assignments": {id: {"targeted", "on_time", "late", "missing"}}}
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fazhi.tally.engine import REASONS, Result, UnitResult

__all__ = ["SCHEMA", "to_dict", "write_json"]

SCHEMA = "fazhi-tally/1"


def _r(x: float | None, digits: int = 2) -> float | None:
    return None if x is None else round(x, digits)


def unit_dict(u: UnitResult) -> dict[str, Any]:
    return {
        "unit": u.unit,
        "headcount": u.headcount,
        "exempt": u.exempt,
        "covered": u.covered,
        "coverage": _r(u.coverage, 4),
        "parts": u.parts,
        "hours": {
            "total": _r(u.hours_total),
            "average": _r(u.hours_average),
            "min_hours_required": u.min_hours_required,
            "min_hours_met": u.min_hours_met,
        },
        "assignments": u.assignments,
    }


def to_dict(result: Result) -> dict[str, Any]:
    plan = result.plan
    reasons = result.by_reason()
    people = [p for p in result.roster.people]
    return {
        "schema": SCHEMA,
        "title": plan.title,
        "generated_at": result.generated_at.isoformat(timespec="seconds"),
        "period": {"start": plan.start.isoformat(), "end": plan.end.isoformat()},
        "plan": {
            "file": plan.source,
            "default": plan.is_default,
            "rules": {role: rule.describe() for role, rule in plan.rules.items()},
            "default_rule": plan.default_rule.describe(),
            "extras": {
                "unknown_people": "count" if plan.count_unknown_people else "reject",
                "unknown_activities": "count" if plan.count_unknown_activities else "reject",
                "out_of_period": "count" if plan.count_out_of_period else "reject",
            },
            "minutes_per_hour": plan.minutes_per_hour,
        },
        "roster": {
            "file": result.roster.path,
            "people": len(people),
            "counted": sum(1 for p in people if p.active),
            "exempt": sum(1 for p in people if not p.active),
        },
        "rows": {
            "read": result.read,
            "accepted": result.accepted,
            "rejected": result.rejected,
            "duplicates": result.duplicate_count,
            "extra": result.extra,
            "by_reason": {code: {"label": REASONS.get(code, code), "count": n} for code, n in sorted(reasons.items())},
            "files": [
                {
                    "file": f.file,
                    "format": f.format,
                    "encoding": f.encoding,
                    "sheet": f.sheet,
                    "header_row": f.header_row,
                    "profile": f.profile,
                    "read": f.read,
                    "accepted": f.accepted,
                    "rejected": f.rejected,
                    "duplicates": f.duplicates,
                    "extra": f.extra,
                    "by_reason": dict(sorted(f.by_reason.items())),
                }
                for f in result.files
            ],
        },
        "parts": result.parts,
        "units": [unit_dict(u) for u in result.units],
        "total": unit_dict(result.total),
        "activities": [
            {
                "id": a.activity.id,
                "name": a.activity.name,
                "part": a.activity.part,
                "hours": a.activity.hours,
                "extra": a.activity.extra,
                "people": a.people,
                "records": a.records,
                "days": [d.isoformat() for d in a.days],
            }
            for a in result.activities
        ],
        "sessions": [
            {"activity": a.activity.id, "name": a.activity.name, "date": d.isoformat(), "attendees": n}
            for a in result.activities
            if a.activity.part == "会前学法"
            for d, n in zip(a.days, a.day_counts)
        ],
        "assignments": [
            {
                "id": a.id,
                "title": a.title,
                "opens": a.opens.isoformat(),
                "due": a.due.isoformat(),
                "pass_mark": a.pass_mark,
                "modules": list(a.modules),
                "targeted": a.targeted,
                "on_time": a.on_time,
                "late": a.late,
                "missing": a.missing,
            }
            for a in result.assignments
        ],
        "outside_roster": {"people": result.outside_people, "rows": result.outside_rows},
    }


def write_json(result: Result, path: Path) -> None:
    path.write_text(json.dumps(to_dict(result), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
