"""`python -m repattern.bench.session`: the same as `repattern bench session`."""

from repattern.bench.session import main

raise SystemExit(main())
