"""Bond math, day counts, schedules and yield-curve objects."""
