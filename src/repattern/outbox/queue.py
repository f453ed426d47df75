"""The task queue (Huey): SQLite beside the app's database by default, nothing to install;
Redis when REDIS_URL is set. `repattern worker` runs its consumer."""

from __future__ import annotations

from huey.contrib.djhuey import HUEY

queue = HUEY
