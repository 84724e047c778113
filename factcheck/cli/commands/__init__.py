"""One module per command, each defining ``command``; loaded only when that command runs."""
