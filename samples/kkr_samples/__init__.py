"""Builders for the committed sample packets in samples/ (run through samples/make_samples.py)."""
