"""Alembic's migration environment of the store (env.py, script.py.mako, versions/), shipped inside the
package so that an installed wheel can upgrade its database: gongkai.store.migrate drives it."""
