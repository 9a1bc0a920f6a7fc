"""Reports: the summary and the exports, rendered with rich (no textual here)."""
