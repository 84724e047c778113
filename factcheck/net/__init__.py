"""The network: the one guarded way to fetch a URL, the page cache, and polite concurrent fetching."""
