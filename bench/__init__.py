"""Benchmarks (run by hand, not timed tests)."""
