"""`python -m repattern.bench.api`: the same as `repattern bench api`."""

from repattern.bench.api import main

raise SystemExit(main())
