"""Alembic migrations of the marsad schema, applied by :func:`marsad.store.engine.upgrade`."""
