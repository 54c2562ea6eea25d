"""The one hash behind every digest mentorlog keeps: of a file's bytes, of a folder's
listing, of what an entry's copies share, of a journal's path."""

try:  # the hash built into CPython: hashlib's first import loads OpenSSL (4 ms)
    from _blake2 import blake2b as blake2b
except ImportError:  # pragma: no cover - another Python
    from hashlib import blake2b as blake2b

__all__ = ["blake2b"]
