"""Views of one AuditReport: JSON (the record), HTML, Markdown and the terminal."""
