"""Importing reports written like the seed, and the embedded default plan built from it."""
