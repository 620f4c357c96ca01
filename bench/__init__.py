"""Benchmarks (run by hand, results recorded in docs/benchmarks.md): ``python -m bench.<name>``."""
