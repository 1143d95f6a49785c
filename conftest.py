pytest_plugins = [
    "safeguarding.testing.fixtures",
    "safeguarding.testing.browser",
    "resources.testing",
    "safeguarding.testing.purge",
]
