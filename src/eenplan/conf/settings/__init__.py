"""Settings per environment: base, dev, test, production (see docs/configuration.md)."""
