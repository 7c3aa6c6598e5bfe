"""The configured search backend (settings.SEARCH_BACKEND), one instance per process."""

import threading

from django.conf import settings
from django.core.signals import setting_changed
from django.utils.module_loading import import_string

from .base import SearchBackend

_lock = threading.Lock()
_backend: tuple[object, SearchBackend] | None = None


def get_backend() -> SearchBackend:
    global _backend
    config = settings.SEARCH_BACKEND
    with _lock:
        if _backend is None or _backend[0] is not config:
            params = {key: value for key, value in config.items() if key != "BACKEND"}
            _backend = (config, import_string(config["BACKEND"])(params))
        return _backend[1]


def _forget(setting: str, **kwargs) -> None:
    global _backend
    if setting == "SEARCH_BACKEND":
        _backend = None


setting_changed.connect(_forget, dispatch_uid="search_backend_setting")
