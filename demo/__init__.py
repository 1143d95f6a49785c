"""The demo partnership: its content as data files (`data/`) and the loader behind `load_demo`.

Nothing in the site imports this app; only its command and the tests do.
"""
