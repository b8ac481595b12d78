"""Content pages of the curriculum: session kits, the year plan, training modules and their parts, cases.

- :mod:`fazhi.content.pages`: read a Markdown page — front matter with file
  lines, H2 sections outside fenced code;
- :mod:`fazhi.content.model`: the page types, their vocabularies and THE
  validation of one page;
- :mod:`fazhi.content.check`: every typed page of a project, cross-checked
  (quiz modules, a module's parts, a plan's kits) — used by the build hook
  scripts/hooks/content_pages.py and by scripts/check_content.py;
- :mod:`fazhi.content.render`: the Markdown and HTML the build adds to typed
  pages (summary box, year-plan table, hours table, case label, answer key,
  presenter-only wrapper).
"""

from fazhi.content.check import TEMPLATES_DIR, ContentSite, check_content, is_template, load_content
from fazhi.content.model import CASE_TYPES, FIELDS, PAGE_TYPES, SECTIONS

__all__ = [
    "TEMPLATES_DIR",
    "ContentSite",
    "check_content",
    "load_content",
    "is_template",
    "PAGE_TYPES",
    "FIELDS",
    "CASE_TYPES",
    "SECTIONS",
]
