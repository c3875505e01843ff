"""The maslikhat's deputy_report record type."""
