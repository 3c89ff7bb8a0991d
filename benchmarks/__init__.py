"""Mastermind's benchmarks: timing and memory figures, printed as JSON.

Run from the repository root::

    python -m benchmarks                 # everything, about three minutes on 2 cores
    python -m benchmarks --only minutes  # one figure (startup, memory, actions, minutes)

The JSON is also written to ``benchmarks/results.json``. Figures are never asserted in tests:
they depend on the machine. Each is given as a ratio to something measured in the same run.
"""
