from postgres_support import postgres_url, store_target  # noqa: F401 - fixtures for every test folder
