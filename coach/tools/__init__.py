"""Coaching tools over any corpus, beside the ask stage: each reads the corpus through a `Coach` and returns a
typed result whose every figure is quoted from a cited passage of the asked role's own guides."""
