"""Fingerprints for duplicate detection: exact (normalised AST) and near (MinHash over tokens)."""

from __future__ import annotations

import ast
import hashlib
import re
import zlib

import numpy as np
from datasketch import MinHash

from .scenes import statement_digests

__all__ = [
    "code_hash",
    "ast_hash",
    "combine_digests",
    "minhash",
    "minhash_to_bytes",
    "minhash_from_bytes",
    "NUM_PERM",
    "SHINGLE",
]

NUM_PERM = 64  # 64 permutations: Jaccard error about 0.12 at worst, 512 bytes a signature
SHINGLE = 5  # tokens per shingle
_SEED = 1
_SCHEME = "affine32"  # datasketch 2 default, named so stored signatures stay comparable


def code_hash(code: str) -> str:
    """SHA-256 of the snippet text (hex)."""
    return hashlib.sha256(code.encode("utf-8", "surrogatepass")).hexdigest()


def combine_digests(digests: list[bytes], parts: tuple[int, ...] | list[int] | range) -> str:
    """The hash of a snippet made of statements ``parts``, from per-statement digests (hex)."""
    h = hashlib.sha256()
    for i in parts:
        h.update(digests[i])
    return h.hexdigest()


def ast_hash(code: str) -> str:
    """Hash of the code's AST without docstrings, comments, formatting or positions.

    Two snippets that differ only in layout, comments or docstrings get the
    same hash, the same value extraction computes for the statements a
    snippet is cut from. Falls back to :func:`code_hash` for code that does
    not parse.
    """
    try:
        body = ast.parse(code).body
        return combine_digests(statement_digests(body), range(len(body)))
    except (SyntaxError, ValueError, RecursionError):
        return code_hash(code)


_COMMENT = re.compile(r"#[^\n]*")
_TOKEN = re.compile(r"[A-Za-z_]\w*|\d+(?:\.\d*)?|\S")


def _tokens(code: str) -> list[str]:
    """Code tokens without comments and layout (a fast approximation of :mod:`tokenize`)."""
    return _TOKEN.findall(_COMMENT.sub("", code))


def _crc32(data: bytes) -> int:
    """32-bit shingle hash; C-fast (SHA-1, datasketch's default, is 3x slower here)."""
    return zlib.crc32(data)


_TEMPLATE: MinHash | None = None


def _template() -> MinHash:
    global _TEMPLATE
    if _TEMPLATE is None:  # building the permutations is the slow part: do it once per process
        _TEMPLATE = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME)
    return _TEMPLATE


def minhash(code: str) -> MinHash:
    """MinHash of the code's token 5-shingles (``NUM_PERM`` permutations)."""
    toks = _tokens(code)
    shingles = {" ".join(toks[i : i + SHINGLE]).encode() for i in range(max(1, len(toks) - SHINGLE + 1))}
    m = MinHash(num_perm=NUM_PERM, seed=_SEED, hashfunc=_crc32, permutations=_template().permutations, scheme=_SCHEME)
    m.update_batch(list(shingles))
    return m


def minhash_to_bytes(m: MinHash) -> bytes:
    """Serialise a signature for the database."""
    return np.asarray(m.hashvalues, dtype=np.uint64).tobytes()


def minhash_from_bytes(data: bytes) -> MinHash:
    """Rebuild a signature stored with :func:`minhash_to_bytes`."""
    values = np.frombuffer(data, dtype=np.uint64)
    perms = _template().permutations if len(values) == NUM_PERM else None
    return MinHash(num_perm=len(values), seed=_SEED, hashvalues=values, permutations=perms, scheme=_SCHEME)
