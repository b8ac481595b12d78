"""Export quiz modules for the online training platform: QTI 2.1, Moodle XML, GIFT.

- QTI 2.1 reuses mkdocs-quiz's exporter (``mkdocs_quiz.qti``) with stable
  identifiers; the one thing it lacks, several accepted answers for a blank,
  is added by overriding the two methods that write a blank's response
  declaration and scoring (every alternative is a ``mapEntry`` and a match).
- Moodle XML and GIFT are written here: multichoice (single or multiple
  answers), truefalse and shortanswer questions, the 解析 and its 依据 as the
  general feedback, and one question category per module.

All functions take validated :class:`~fazhi.quizzes.QuizModule` values and
return text or bytes; the command line is scripts/export_quizzes.py.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape as xml_escape

from mkdocs_quiz.qti.models import Answer, Blank, Quiz, QuizCollection
from mkdocs_quiz.qti.qti21 import QTI21Exporter

from fazhi.quizzes import BLANK_RE, Question, QuizModule

__all__ = ["FORMATS", "to_qti21", "to_moodle_xml", "to_gift", "feedback_text", "CATEGORY_ROOT"]

#: Format name → file suffix of the exported file.
FORMATS = {"qti21": ".qti21.zip", "moodle": ".moodle.xml", "gift": ".gift.txt"}
#: Top category of the exported questions in the training platform's question bank.
CATEGORY_ROOT = "法治政府建设学习培训平台"


def feedback_text(q: Question) -> str:
    """解析 plus 依据, as plain text (the general feedback of every format)."""
    text = f"解析：{q.explanation}"
    if q.source.laws:
        text += "\n依据：" + "；".join(q.source.laws)
    return text


def _letter(i: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i] if i < 26 else f"O{i}"


def _item_id(q: Question) -> str:
    # XML identifiers must not start with a digit; keep the stable key readable.
    return "item-" + q.key


# --------------------------------------------------------------------------
# QTI 2.1 (mkdocs-quiz's exporter)
# --------------------------------------------------------------------------


class _QTI21WithAlternatives(QTI21Exporter):
    """mkdocs-quiz's QTI 2.1 exporter, with every accepted answer of a blank counted as right."""

    def __init__(self, collection: QuizCollection, alternatives: dict[str, list[str]]) -> None:
        super().__init__(collection)
        self._alternatives = alternatives

    def _build_fill_in_blank_response_declarations(self, quiz: Quiz) -> str:
        out = []
        for blank in quiz.blanks:
            alts = self._alternatives.get(blank.identifier, [blank.correct_answer])
            entries = "\n".join(
                f'      <mapEntry mapKey="{xml_escape(a, {chr(34): "&quot;"})}" mappedValue="1"/>' for a in alts
            )
            out.append(
                f'  <responseDeclaration identifier="{blank.identifier}" cardinality="single" baseType="string">\n'
                f"    <correctResponse>\n      <value>{xml_escape(blank.correct_answer)}</value>\n    </correctResponse>\n"
                f'    <mapping defaultValue="0">\n{entries}\n    </mapping>\n'
                f"  </responseDeclaration>"
            )
        return "\n".join(out)

    def _build_fill_in_blank_response_processing(self, quiz: Quiz) -> str:
        points = 1.0 / len(quiz.blanks)
        out = []
        for blank in quiz.blanks:
            alts = self._alternatives.get(blank.identifier, [blank.correct_answer])
            matches = "\n".join(
                f'          <stringMatch caseSensitive="false">\n'
                f'            <variable identifier="{blank.identifier}"/>\n'
                f'            <baseValue baseType="string">{xml_escape(a)}</baseValue>\n'
                f"          </stringMatch>"
                for a in alts
            )
            out.append(
                "    <responseCondition>\n      <responseIf>\n        <or>\n"
                f"{matches}\n        </or>\n"
                '        <setOutcomeValue identifier="SCORE">\n          <sum>\n'
                '            <variable identifier="SCORE"/>\n'
                f'            <baseValue baseType="float">{points:.4f}</baseValue>\n'
                "          </sum>\n        </setOutcomeValue>\n      </responseIf>\n    </responseCondition>"
            )
        return "\n".join(out)


def to_qti21(module: QuizModule) -> bytes:
    """A QTI 2.1 content package (zip) of one module: manifest, test and one item per question."""
    collection = QuizCollection(title=module.title, description=module.description, identifier="test-" + module.id)
    alternatives: dict[str, list[str]] = {}
    for q in module.questions:
        if q.kind == "fill":
            blank_id = f"{_item_id(q)}-blank"
            alternatives[blank_id] = list(q.answers)
            question = BLANK_RE.sub("{{BLANK_0}}", q.stem, count=1)
            quiz = Quiz(question=question, blanks=[Blank(q.answers[0], identifier=blank_id)])
        else:
            answers = [
                Answer(o, q.is_correct_option(o), identifier=f"{_item_id(q)}-{_letter(i)}") for i, o in enumerate(q.options)
            ]
            quiz = Quiz(question=q.stem, answers=answers)
        quiz.identifier = _item_id(q)
        quiz.content = feedback_text(q)
        collection.add_quiz(quiz)
    return _QTI21WithAlternatives(collection, alternatives).export_to_bytes()


# --------------------------------------------------------------------------
# Moodle XML
# --------------------------------------------------------------------------


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _html_text(text: str) -> str:
    """Plain text as the HTML Moodle shows: escaped, line breaks kept."""
    return "<p>" + xml_escape(text).replace("\n", "<br>") + "</p>"


def _fractions(q: Question) -> list[str]:
    """Moodle grade fractions of each option, in %: right answers share 100, wrong ones cost 100."""
    right = len(q.answers)
    share = f"{100 / right:.5f}".rstrip("0").rstrip(".")
    if q.kind == "single" or q.kind == "truefalse":
        return ["100" if q.is_correct_option(o) else "0" for o in q.options]
    return [share if q.is_correct_option(o) else "-100" for o in q.options]


def _moodle_question(q: Question) -> str:
    name = f"<name><text>{xml_escape(q.key)}</text></name>"
    text = f'<questiontext format="html"><text>{_cdata(_html_text(q.stem))}</text></questiontext>'
    general = f'<generalfeedback format="html"><text>{_cdata(_html_text(feedback_text(q)))}</text></generalfeedback>'
    head = f"{name}\n    {text}\n    {general}\n    <defaultgrade>1</defaultgrade>\n    <idnumber>{xml_escape(q.key)}</idnumber>"
    if q.kind == "truefalse":
        right = q.answers[0] == "正确"
        answers = (
            f'<answer fraction="{100 if right else 0}" format="moodle_auto_format"><text>true</text></answer>\n'
            f'    <answer fraction="{0 if right else 100}" format="moodle_auto_format"><text>false</text></answer>'
        )
        return f'  <question type="truefalse">\n    {head}\n    {answers}\n  </question>'
    if q.kind == "fill":
        text = f'<questiontext format="html"><text>{_cdata(_html_text(BLANK_RE.sub("________", q.stem)))}</text></questiontext>'
        head = f"{name}\n    {text}\n    {general}\n    <defaultgrade>1</defaultgrade>\n    <idnumber>{xml_escape(q.key)}</idnumber>"
        answers = "\n    ".join(
            f'<answer fraction="100" format="plain_text"><text>{xml_escape(a)}</text></answer>' for a in q.answers
        )
        return f'  <question type="shortanswer">\n    {head}\n    <usecase>0</usecase>\n    {answers}\n  </question>'
    single = "true" if q.kind == "single" else "false"
    answers = "\n    ".join(
        f'<answer fraction="{f}" format="html"><text>{_cdata(xml_escape(o))}</text></answer>'
        for o, f in zip(q.options, _fractions(q))
    )
    return (
        f'  <question type="multichoice">\n    {head}\n    <single>{single}</single>\n'
        f"    <shuffleanswers>true</shuffleanswers>\n    <answernumbering>ABCD</answernumbering>\n"
        f"    {answers}\n  </question>"
    )


def to_moodle_xml(modules: list[QuizModule]) -> str:
    """Moodle XML of the modules, each in its own category under :data:`CATEGORY_ROOT`."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    for module in modules:
        category = f"$course$/top/{CATEGORY_ROOT}/{module.title}"
        parts.append(
            f'  <question type="category">\n    <category><text>{xml_escape(category)}</text></category>\n'
            f'    <info format="html"><text>{_cdata(_html_text(module.description))}</text></info>\n'
            f"    <idnumber>{xml_escape(module.id)}</idnumber>\n  </question>"
        )
        parts += [_moodle_question(q) for q in module.questions]
    parts.append("</quiz>")
    return "\n".join(parts) + "\n"


# --------------------------------------------------------------------------
# GIFT
# --------------------------------------------------------------------------


def _gift(text: str) -> str:
    """Escape GIFT's special characters and keep line breaks."""
    text = re.sub(r"([~=#{}:\\])", r"\\\1", text)
    return text.replace("\n", "\\n")


def _gift_question(q: Question) -> str:
    title = f"::{_gift(q.key)}::"
    feedback = f"####{_gift(feedback_text(q))}"
    if q.kind == "truefalse":
        return f"{title}{_gift(q.stem)}{{{'T' if q.answers[0] == '正确' else 'F'}{feedback}}}"
    if q.kind == "fill":
        stem = BLANK_RE.sub("_____", q.stem)
        answers = " ".join(f"={_gift(a)}" for a in q.answers)
        return f"{title}{_gift(stem)}{{{answers}{feedback}}}"
    if q.kind == "single":
        answers = "\n".join(f"\t{'=' if q.is_correct_option(o) else '~'}{_gift(o)}" for o in q.options)
    else:
        answers = "\n".join(f"\t~%{f}%{_gift(o)}" for o, f in zip(q.options, _fractions(q)))
    return f"{title}{_gift(q.stem)}{{\n{answers}\n\t{feedback}\n}}"


def to_gift(modules: list[QuizModule]) -> str:
    """GIFT text of the modules, each under its own $CATEGORY."""
    parts = []
    for module in modules:
        parts.append(f"// {module.id}：{module.title}（{len(module.questions)} 题）")
        parts.append(f"$CATEGORY: $course$/top/{CATEGORY_ROOT}/{module.title}")
        parts.append("")
        for q in module.questions:
            parts += [_gift_question(q), ""]
    return "\n".join(parts)
