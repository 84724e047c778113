"""``factcheck verify``: one row per claim with its sources, a summary, and progress lines."""
