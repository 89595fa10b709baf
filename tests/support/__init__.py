"""Helpers shared by the test folders, imported as ``support.<module>``.

``pythonpath = ["tests"]`` in pyproject.toml puts this package on the path for every
pytest run from the repo root. Fixtures stay in each folder's conftest; what is here is
plain code that two or more folders (or files) would otherwise each write out.
"""
