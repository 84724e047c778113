"""Output formats: one module per kind of output, each format a small function."""
