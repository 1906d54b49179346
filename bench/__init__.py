"""Benchmarks for 网格通. Run them all with `python -m bench` (what `make bench` calls).

Every figure is a ratio against a floor measured in the same run, because the machines that run
them (2 cores, shared, noisy) make absolute requests-per-second meaningless from one run to the next.
"""
