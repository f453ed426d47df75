"""`python -m repattern.bench.load`: the same as `repattern bench load`."""

from repattern.bench.load import main

raise SystemExit(main())
