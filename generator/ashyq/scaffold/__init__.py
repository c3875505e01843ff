"""Scaffolding for secretaries: ``ashyq init``, ``ashyq new`` and ``ashyq schema``.

Everything a new portal starts with (workflows, editor settings, README,
record templates) lives under ``templates/`` beside this package, so the
files ``ashyq init`` writes and the files this repository uses are one source.
"""
