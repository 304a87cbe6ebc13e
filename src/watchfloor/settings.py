"""Settings: the commented default.toml, then a user file, then environment variables."""

from __future__ import annotations

import copy
import os
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

DEFAULTS_PATH = Path(__file__).with_name("default.toml")
ENV_PREFIX = "WATCHFLOOR_"


class SettingsError(ValueError):
    """A settings file or variable that cannot be used."""


def _coerce(value: str, like: Any) -> Any:
    """Turn an environment string into the type of the default it overrides."""
    if isinstance(like, bool):
        if value.lower() in ("1", "true", "yes", "on"):
            return True
        if value.lower() in ("0", "false", "no", "off"):
            return False
        raise SettingsError(f"expected true/false, got {value!r}")
    if isinstance(like, int):
        return int(value)
    if isinstance(like, float):
        return float(value)
    if isinstance(like, list):
        return [v.strip() for v in value.split(",") if v.strip()]
    return value


def _merge(base: dict, override: dict, where: str) -> None:
    for key, value in override.items():
        if key not in base:
            raise SettingsError(f"{where}: unknown setting {key!r}")
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise SettingsError(f"{where}: {key!r} must be a table")
            _merge(base[key], value, f"{where}.{key}")
        else:
            base[key] = value


def load_settings(user_file: str | os.PathLike | None = None, env: dict | None = None) -> dict:
    """Return the merged settings as nested dicts (section -> key -> value)."""
    env = os.environ if env is None else env
    with open(DEFAULTS_PATH, "rb") as fh:
        settings = tomllib.load(fh)
    candidates = [user_file, env.get(ENV_PREFIX + "CONFIG")]
    if user_file is None and not env.get(ENV_PREFIX + "CONFIG") and Path("watchfloor.toml").is_file():
        candidates.append("watchfloor.toml")
    for path in candidates:
        if not path:
            continue
        try:
            with open(path, "rb") as fh:
                _merge(settings, tomllib.load(fh), str(path))
        except FileNotFoundError:
            raise SettingsError(f"{path}: config file not found") from None
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"{path}: not valid TOML ({exc})") from None
        break
    for section, values in settings.items():
        for key, default in values.items():
            name = f"{ENV_PREFIX}{section}_{key}".upper()
            if name in env:
                try:
                    values[key] = _coerce(env[name], default)
                except ValueError as exc:
                    raise SettingsError(f"${name}: {exc}") from None
    return settings


@lru_cache(maxsize=1)
def default_settings() -> dict:
    """Defaults plus environment, cached; callers must not mutate it (copy first)."""
    return load_settings()


def settings_copy() -> dict:
    return copy.deepcopy(default_settings())
