"""The database: models, engine, migrations, the question store and read queries."""
