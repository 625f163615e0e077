"""qbank: one question bank in plain YAML, many study and interview materials out."""

__version__ = "0.1.0"
