"""Engine, session factory, schema version and migrations."""
