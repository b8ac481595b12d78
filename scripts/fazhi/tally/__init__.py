"""The coverage tally: completion logs and sign-in sheets → per-unit coverage report.

Data flows one way, one module per step:

``readers`` (CSV/XLSX/receipts, encoding and header detection) and ``columns``
(header names, mapping profiles) → ``normalize`` (ids, dates, hours …) →
``roster`` and ``plan`` (who, what counts) → ``engine`` (accounting, duplicates,
coverage) → ``report_json`` / ``report_xlsx`` / ``report_html`` / ``report_csv``
(outputs, through ``safe_cells``). ``run`` ties them together for the CLI
``scripts/tally.py``.
"""
