"""``factcheck check``: the rules a CI job enforces on a claims folder, and baselines."""
