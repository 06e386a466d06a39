"""Distortion detectors: pure functions from an aligned pair of documents to findings."""
