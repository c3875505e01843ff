"""The maslikhat's appeal record type."""
