"""A person's edits to claims: verdicts and sources.

Each function changes a claim in place and raises UsageError when the edit
makes no sense; the store's edit path applies them to the file on disk.
"""
