"""The workspace: the seller's catalogues, check runs, findings and review decisions in one SQLite file.

Pure Python (no Qt): the desktop UI and tests use it the same way.
"""
