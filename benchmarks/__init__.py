"""Benchmarks: synthetic corpus, baselines and the timing harness (see run.py)."""
