"""newsclaims: numeric and dated claims in news articles, their sources and framing, as validated tables."""

from typing import Any

from newsclaims.version import __version__

__all__ = ["__version__", "load"]


def __getattr__(name: str) -> Any:
    # Lazy: `import newsclaims` stays cheap (the CLI imports it); polars loads on first use of load().
    if name == "load":
        from newsclaims.api import load

        return load
    raise AttributeError(f"module 'newsclaims' has no attribute {name!r}")
