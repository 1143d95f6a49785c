pytest_plugins = [
    "safeguarding.testing.fixtures",
    "safeguarding.testing.browser",
    "safeguarding.testing.purge",
]
