"""Benchmarks behind `kkr bench NAME`: each module's `run(shared, ...)` prints its figures and returns them.

They read ../shared (or KKR_SHARED) and the repo's samples; speed is reported as ratios measured in
one run, never asserted in tests.
"""
