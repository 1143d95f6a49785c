"""The page layer's shared parts: what the content page types compose from the capabilities."""
