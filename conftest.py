pytest_plugins = [
    "safeguarding.testing.fixtures",
    "safeguarding.testing.demo_server",
    "safeguarding.testing.browser",
    "resources.testing",
    "safeguarding.testing.purge",
]
