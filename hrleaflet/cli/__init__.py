"""The `hrleaflet` command line: options and messages only; the work is done by library calls."""

from hrleaflet.cli.main import app, main

__all__ = ["app", "main"]
