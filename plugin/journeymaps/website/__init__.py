"""The site: the registry of every generated page and export, and their assembly."""
