"""kbgen: Markdown FAQ articles in git -> a linted, searchable, static help center."""

__version__ = "0.1.0"
