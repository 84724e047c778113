"""``factcheck export``: the claims in formats other systems read."""
