"""The named characters (tests/characters.py) are shared by the unit and the browser tests."""

pytest_plugins = ["tests.characters"]
