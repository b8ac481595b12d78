"""The site's completion receipts: xAPI-shaped JSON, and its one-line CSV form.

A receipt is what a learner hands to the trainer after finishing a quiz module
or an assignment on the study site. JSON form (one statement, or a list)::

    {
      "actor": {"name": "测试甲",
                "account": {"name": "T0001", "homePage": "http://intranet.example/fazhi/"}},
      "verb": {"id": "http://adlnet.gov/expapi/verbs/passed", "display": {"zh-CN": "通过"}},
      "object": {"id": "http://intranet.example/fazhi/quizzes/xzcf-basics/",
                 "definition": {"name": {"zh-CN": "行政处罚法基础"}}},
      "result": {"score": {"scaled": 0.9, "raw": 9, "max": 10}, "success": true, "completion": true},
      "context": {"extensions": {"urn:fazhi:unit": "甲街道"}},
      "timestamp": "2025-03-05T14:20:00+08:00"
    }

``actor.account.name`` is the learner id (工号 / 执法证号); the learner's unit
goes in ``context.extensions["urn:fazhi:unit"]`` (an xAPI Agent has no place
for it). ``verb.id`` ends in ``/completed`` or ``/passed`` (``/failed`` and
other verbs are not completions). ``object.id`` is
``<site>/quizzes/<module-id>/`` or ``<site>/assignments/<assignment-id>/``; the
site part is not checked. The score in percent is ``scaled × 100``, else
``raw / max × 100``.

CSV form: one receipt per line, UTF-8, with this header (see
``RECEIPT_CSV_HEADER``)::

    timestamp,learner_id,learner_name,unit,verb,object_id,object_name,score_scaled,score_raw,score_max,success,completion

``verb`` may be the full IRI or just ``completed`` / ``passed``; ``success``
and ``completion`` are ``true`` / ``false`` or empty.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Sequence

from fazhi.tally.columns import ColumnMap
from fazhi.tally.normalize import Bad, fold_key

__all__ = [
    "UNIT_EXTENSION",
    "RECEIPT_CSV_HEADER",
    "RECEIPT_COLUMNS",
    "ASSIGNMENT_PREFIX",
    "VERB_IRI",
    "statement_to_row",
    "receipt_column_map",
    "is_receipt_header",
    "csv_row_converter",
    "make_statement",
]

UNIT_EXTENSION = "urn:fazhi:unit"
VERB_IRI = "http://adlnet.gov/expapi/verbs/"
ASSIGNMENT_PREFIX = "assignment:"
RECEIPT_CSV_HEADER = (
    "timestamp", "learner_id", "learner_name", "unit", "verb", "object_id", "object_name",
    "score_scaled", "score_raw", "score_max", "success", "completion",
)
#: Layout of the rows a receipt becomes (see ``receipt_column_map``).
RECEIPT_COLUMNS = ("error", "id", "name", "unit", "activity", "time", "score", "result", "part", "title")

_OBJECT = re.compile(r"/(quizzes|assignments)/([A-Za-z0-9][A-Za-z0-9_-]*)/?(?:[?#].*)?$")
_DONE_VERBS = {"completed", "passed"}
_FAILED_VERBS = {"failed"}


def receipt_column_map() -> ColumnMap:
    return ColumnMap(
        columns={name: [i] for i, name in enumerate(RECEIPT_COLUMNS)},
        headers=list(RECEIPT_COLUMNS),
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):  # language map
        for key in ("zh-CN", "zh", "zh-Hans", "und", "en-US", "en"):
            if value.get(key):
                return str(value[key]).strip()
        for item in value.values():
            if item:
                return str(item).strip()
        return ""
    return str(value).strip()


def _number(value: Any) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError
    number = float(value)
    if number != number:  # NaN
        raise ValueError
    return number


_BOOLS = {"": None, "true": True, "false": False, "1": True, "0": False, "yes": True, "no": False, "是": True,
          "否": False}


def _bool(value: Any) -> bool | None:
    if value is None or value.__class__ is bool:
        return value
    try:
        return _BOOLS[value]
    except (KeyError, TypeError):
        pass
    key = fold_key(value)
    if key in _BOOLS:
        return _BOOLS[key]
    raise ValueError


def _bad_row(reason: str) -> list:
    row: list = [""] * len(RECEIPT_COLUMNS)
    row[0] = Bad(f"完成回执格式不对：{reason}", "bad_receipt")
    return row


def statement_to_row(statement: Any) -> list:
    """One receipt → one row in the ``RECEIPT_COLUMNS`` layout.

    A malformed receipt gives a row whose ``error`` cell says why; it is
    rejected with that reason.
    """
    if not isinstance(statement, dict):
        return _bad_row("不是 JSON 对象")
    actor = statement.get("actor")
    if not isinstance(actor, dict):
        return _bad_row("缺少 actor")
    account = actor.get("account") if isinstance(actor.get("account"), dict) else {}
    context = statement.get("context") if isinstance(statement.get("context"), dict) else {}
    extensions = context.get("extensions") if isinstance(context.get("extensions"), dict) else {}
    verb = statement.get("verb") if isinstance(statement.get("verb"), dict) else {}
    obj = statement.get("object") if isinstance(statement.get("object"), dict) else {}
    definition = obj.get("definition") if isinstance(obj.get("definition"), dict) else {}
    result = statement.get("result") if isinstance(statement.get("result"), dict) else {}
    score = result.get("score") if isinstance(result.get("score"), dict) else {}
    return _row(
        _text(account.get("name")),  # learner id
        _text(actor.get("name")),
        _text(extensions.get(UNIT_EXTENSION)),
        _text(verb.get("id")),
        _text(obj.get("id")),
        _text(definition.get("name")),  # title
        score.get("scaled"),
        score.get("raw"),
        score.get("max"),
        result.get("success"),
        result.get("completion"),
        _text(statement.get("timestamp")),
    )


def _object(obj_id: str) -> tuple[str, str] | None:
    m = _OBJECT.search(obj_id)
    if not m:
        return None
    kind, ident = m.group(1), m.group(2).lower()
    return (ident if kind == "quizzes" else ASSIGNMENT_PREFIX + ident), ident


def _row(learner: str, name: str, unit: str, verb_id: str, obj_id: str, title: str, scaled: Any, raw: Any,
         top: Any, success: Any, completion: Any, timestamp: str, objects: dict | None = None) -> list:
    if not learner and not name:
        return _bad_row("缺少 actor.account.name（工号/执法证号）")
    if objects is not None:
        target = objects.get(obj_id, False)
        if target is False:
            target = objects[obj_id] = _object(obj_id)
    else:
        target = _object(obj_id)
    if target is None:
        return _bad_row(f"object.id「{obj_id}」不是本站测验（/quizzes/编号/）或任务（/assignments/编号/）的地址")
    activity, ident = target
    try:
        scaled_n = _number(scaled)
        raw_n = _number(raw)
        top_n = _number(top)
        success_b = _bool(success)
        completion_b = _bool(completion)
    except (TypeError, ValueError):
        return _bad_row("result 中的成绩或 success/completion 不是数字或 true/false")
    score: float | Bad | None = None
    if scaled_n is not None:
        score = scaled_n * 100
    elif raw_n is not None and top_n:
        score = raw_n * 100 / top_n
    if score is not None and not (0 <= score <= 100):
        score = Bad(f"回执成绩 {score:g} 不在 0–100 之间", "bad_score")
    verb_word = verb_id.rstrip("/").rsplit("/", 1)[-1].lower()
    if verb_word in _DONE_VERBS:
        done: bool = not (success_b is False or completion_b is False)
    elif verb_word in _FAILED_VERBS:
        done = False
    else:
        row = _bad_row("")
        row[0] = Bad(f"回执的 verb「{verb_id or '空'}」不是 completed 或 passed，不是完成记录", "not_completed")
        return row
    return ["", learner, name, unit, activity, timestamp, score, done, "测验", title or ident]


def is_receipt_header(header: Sequence[Any]) -> bool:
    keys = {fold_key(h) for h in header}
    return {"learner_id", "verb", "object_id"} <= keys


def csv_row_converter(header: Sequence[str]) -> Callable[[list], list]:
    """A function turning one receipt-CSV row into a receipt row."""
    index = {fold_key(h): i for i, h in enumerate(header)}
    names = ("timestamp", "learner_id", "learner_name", "unit", "verb", "object_id", "object_name",
             "score_scaled", "score_raw", "score_max", "success", "completion")
    positions = [index.get(n) for n in names]
    width = max((p for p in positions if p is not None), default=0) + 1
    objects: dict = {}

    def convert(row: list) -> list:
        if len(row) < width:
            if not any(c.strip() for c in row):
                return row
            row = row + [""] * (width - len(row))
        v = [row[p].strip() if p is not None else "" for p in positions]
        if not any(v):
            return []
        verb = v[4]
        if verb and "/" not in verb:
            verb = VERB_IRI + verb
        return _row(v[1], v[2], v[3], verb, v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[0], objects)

    return convert


def make_statement(
    *,
    learner_id: str,
    name: str,
    unit: str,
    object_id: str,
    title: str,
    timestamp: str,
    verb: str = "passed",
    scaled: float | None = None,
    raw: float | None = None,
    top: float | None = None,
    success: bool | None = True,
    home_page: str = "http://intranet.example/fazhi/",
) -> dict:
    """Build a receipt statement (used by the samples, the tests and the benchmark)."""
    result: dict = {"completion": True}
    score = {k: v for k, v in (("scaled", scaled), ("raw", raw), ("max", top)) if v is not None}
    if score:
        result["score"] = score
    if success is not None:
        result["success"] = success
    display = {"completed": "完成", "passed": "通过", "failed": "未通过"}.get(verb, verb)
    return {
        "actor": {"name": name, "account": {"name": learner_id, "homePage": home_page}},
        "verb": {"id": VERB_IRI + verb, "display": {"zh-CN": display}},
        "object": {"id": object_id, "definition": {"name": {"zh-CN": title}}},
        "result": result,
        "context": {"extensions": {UNIT_EXTENSION: unit}},
        "timestamp": timestamp,
    }
