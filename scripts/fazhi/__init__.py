"""fazhi: the library behind the study site's build hooks, checkers and scripts.

Plain functions, grouped in small modules by what they hold; the command-line
scripts in ``scripts/`` and the MkDocs hooks in ``scripts/hooks/`` are thin
layers on top.
"""
