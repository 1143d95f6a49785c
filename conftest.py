pytest_plugins = ["safeguarding.testing.fixtures", "safeguarding.testing.browser"]
