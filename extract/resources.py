"""Process-wide resources that are expensive to load and safe to share between documents."""

from __future__ import annotations

from functools import lru_cache

from normalize.repair import Repairer


@lru_cache(maxsize=1)
def shared_repairer() -> Repairer:
    """One repairer per process: loading the lexicon is the expensive part; repairs are cached by token."""
    return Repairer()
