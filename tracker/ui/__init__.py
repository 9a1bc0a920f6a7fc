"""The terminal user interface (textual): screens, widgets and the helpers that word what they show."""
