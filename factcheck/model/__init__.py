"""The data and its vocabulary: claims files, claims, sources, statuses, outcomes.

The bottom layer: it knows nothing of files, the network or the terminal.
"""
