"""Commands of this family register on ``newsfuse.cli.app.app``."""
