"""What the clinic sends: e-mails and reminders, each through the task queue, each logged."""
