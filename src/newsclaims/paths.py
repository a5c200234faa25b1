"""Where the package finds its contract and language knowledge, in a checkout and when installed."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def schema_dir() -> Path:
    """``schemas/`` of the checkout (or ``$NEWSCLAIMS_SCHEMA_DIR``); the wheel carries a copy."""
    env = os.environ.get("NEWSCLAIMS_SCHEMA_DIR")
    if env:
        return Path(env)
    checkout = PACKAGE_DIR.parents[1] / "schemas"
    if checkout.is_dir():
        return checkout
    return PACKAGE_DIR / "_schemas"


def lexicon_dir() -> Path:
    """Reviewable language knowledge (YAML/CSV), shipped inside the package."""
    return Path(os.environ.get("NEWSCLAIMS_LEXICON_DIR", PACKAGE_DIR / "lexicon"))


def repo_root() -> Path | None:
    """The checkout root when running from source (has dvc.yaml), else None."""
    root = PACKAGE_DIR.parents[1]
    return root if (root / "pyproject.toml").is_file() else None
