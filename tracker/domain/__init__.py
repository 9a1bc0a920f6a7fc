"""The domain: plans, projects, results, derived figures and Thai writing conventions (no I/O, no UI)."""
