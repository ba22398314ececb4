"""One plain function per CLI verb; each returns the process exit code."""
