"""Fuzzing qawl with atheris: see fuzz/__main__.py (python -m fuzz)."""
