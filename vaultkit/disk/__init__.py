"""The disk side: scanning and reading a vault, loading it through the cache, writing atomically."""
