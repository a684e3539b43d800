"""Alembic migrations of Rapport's store."""
