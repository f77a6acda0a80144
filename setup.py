"""The compiled modules (Cython): the transliteration model's beam search and the tagger's
letter n-gram scores, both run for every word met for the first time, and the tagger's
Viterbi search. The rest of the package's metadata is in pyproject.toml."""

from Cython.Build import cythonize
from setuptools import Extension, setup

setup(
    ext_modules=cythonize(
        [
            Extension(f"qawl.entities.{name}", [f"qawl/entities/{name}.pyx"], language="c++")
            for name in ("graphone", "lettergrams", "viterbi")
        ],
        compiler_directives={"language_level": "3"},
    )
)
