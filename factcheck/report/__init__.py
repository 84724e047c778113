"""Where the claims stand: the figures of ``report`` and the placement of claims in ``annotate``.

Computed here knowing nothing of output formats; ``render`` lays them out.
"""
