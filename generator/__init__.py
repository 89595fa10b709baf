"""A spec-driven SDK generator: OpenAPI spec -> IR -> template pack -> files."""
