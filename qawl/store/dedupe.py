"""Republished articles: the same text, or nearly (a wire story with another headline or
a last paragraph added), found by MinHash over word shingles and banded LSH.

The signature of every stored article is kept with it and its bands in ``minhash_bands``,
so a later run finds the copies of articles stored by earlier ones."""

from __future__ import annotations

import hashlib

import numpy as np

from qawl.arabic.normalise import fold

PERMUTATIONS = 64
BANDS = 16  # 16 bands of 4 rows: pairs at Jaccard 0.8 share a band 99.9% of the time
ROWS = PERMUTATIONS // BANDS
SHINGLE = 5  # words
THRESHOLD = 0.8  # estimated Jaccard similarity from which an article is a copy of another
MIN_WORDS = 50  # shorter texts are matched only when identical: a few shared lines are no copy
SEED = 1


def text_hash(text: str) -> str:
    """The key of an identical text: sha1 of its folded words."""
    return hashlib.sha1(" ".join(fold(w) for w in text.split()).encode("utf-8")).hexdigest()


def signature(text: str) -> np.ndarray | None:
    """The MinHash of the text's word 5-shingles, or None for a text too short to compare."""
    words = [fold(w) for w in text.split()]
    if len(words) < MIN_WORDS:
        return None
    shingles = {" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}
    from datasketch import MinHash  # its package imports scipy: loaded only when ingesting

    m = MinHash(num_perm=PERMUTATIONS, seed=SEED)
    m.update_batch(list(shingles))
    return m.hashvalues.astype(np.uint64)


def bands(sig: np.ndarray) -> list[tuple[int, str]]:
    return [
        (b, hashlib.blake2b(sig[b * ROWS : (b + 1) * ROWS].tobytes(), digest_size=8).hexdigest())
        for b in range(BANDS)
    ]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(a == b))


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u8").astype(np.uint64)
