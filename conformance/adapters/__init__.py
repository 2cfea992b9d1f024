"""Built-in adapters. Each module lists its implementations in ``IMPLEMENTATIONS``; third parties
register theirs under the entry-point group ``nodespec.adapters``."""
