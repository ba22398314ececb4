"""One plain function per CLI verb; each returns the process exit code.

Commands wire the parts together (content -> checks -> reports / render) and may import any of
them; no other part imports commands. `progress` (the terminal progress line) lives here
because only commands draw it.
"""
