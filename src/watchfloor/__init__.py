"""watchfloor: political-violence events and attributed claims from news, self-hosted."""

__version__ = "0.1.0"
