class ChannelStartError(RuntimeError):
    """A platform channel could not start (a wrong token, the platform out of reach): said plainly at start-up."""
