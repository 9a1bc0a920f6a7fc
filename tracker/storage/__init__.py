"""Storage: the plans in one TinyDB JSON file, written atomically."""
