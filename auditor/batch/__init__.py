"""Batch audits: many pairs from a manifest or two folders, models loaded once per worker, an index of results."""
