"""The report-hearing record type: its declaration, model, rules, page templates and scaffold, together."""
