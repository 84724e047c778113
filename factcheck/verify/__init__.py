"""``factcheck verify``: fetch the sources, find the evidence, compare the key facts, move the status."""
