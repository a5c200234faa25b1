"""newsclaims: numeric and dated claims in news articles, their sources and framing, as validated tables."""

from newsclaims.version import __version__

__all__ = ["__version__"]
