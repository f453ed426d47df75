"""Benchmarks that print figures and never pass or fail on them: `repattern bench NAME`.

Each module (or package) here has a docstring whose first line says what it measures, and a
`main(argv)` that runs it. They ship in the wheel, so an installed Repattern can measure itself.
"""
