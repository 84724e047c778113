"""``factcheck extract``: propose the check-worthy claims of an article, and merge them into a claims file."""
