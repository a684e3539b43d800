"""Benchmarks, run by `make bench`: ratios against a floor measured in the same run."""
