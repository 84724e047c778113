"""Publishing: verdicts as schema.org ClaimReview, and sources kept safe in a web archive."""
