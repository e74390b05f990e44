from . import controllers
from . import models


def uninstall_hook(env):
    """The urn of the secret votes is a plain table (not a model): drop it too."""
    env.cr.execute("DROP TABLE IF EXISTS ecabinet_ballot_urn")
