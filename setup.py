"""The compiled modules (Cython): the transliteration model's beam search and the tagger's
letter n-gram scores, both run for every word met for the first time, the tagger's label
scores and Viterbi search, the Token every layer reads, the normalisation's ``str.translate``
and the memories of the hottest look-ups. The rest of the package's metadata is in
pyproject.toml."""

from pathlib import Path

from Cython.Build import cythonize
from setuptools import Extension, setup

setup(
    ext_modules=cythonize(
        [
            Extension(".".join(pyx.with_suffix("").parts), [pyx.as_posix()], language="c++")
            for pyx in sorted(Path("qawl").rglob("*.pyx"))
        ],
        compiler_directives={"language_level": "3"},
    )
)
