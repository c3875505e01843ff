"""The maslikhat's reception record type."""
