"""The exception tree, documented in one place.

NewsfuseError
├── InputError        bad input a user can fix: empty, binary, undecodable, oversized, malformed
├── ModelError        a bundled model is missing or fails its checksum
└── StoreError        the store cannot be opened or is inconsistent

Stages never let library tracebacks reach the user: the CLI and API turn these into one-line messages.
Per-article problems inside a batch are not raised but returned as ``Rejected(source, reason)``.
"""


class NewsfuseError(Exception):
    """Base of every error newsfuse raises on purpose."""


class InputError(NewsfuseError):
    """The input cannot be turned into an article; the message says why, in one line."""


class ModelError(NewsfuseError):
    """A bundled model is missing, unreadable or does not match its pinned checksum."""


class StoreError(NewsfuseError):
    """The store cannot be opened, migrated or read."""
