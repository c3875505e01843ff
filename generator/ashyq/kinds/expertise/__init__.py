"""The public expertise record type: its declaration, model, rules, page templates and scaffold, together."""
