"""The dataset and package version lives here and only here (CITATION.cff and the release read it)."""

__version__ = "0.3.0"
