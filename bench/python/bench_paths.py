#!/usr/bin/env python3
"""Where the bench scripts keep the random-weight models: a folder of this user's, the one
`catdog bench` looks in (<CatDog Studio cache folder>/bench-models), never a shared temporary folder,
where another local user could plant a file (a TorchScript file runs code when it is loaded).

Run as a script it prints the folder (run_benchmarks.sh uses that).
"""
import os
import sys
from pathlib import Path


def cache_dir() -> Path:
    """CatDog Studio's cache folder, as the app finds it (core.AppPaths): $CATDOG_HOME/cache, else the
    platform's cache folder."""
    home = os.environ.get("CATDOG_HOME", "")
    if home.strip():
        return Path(home) / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "CatDog Studio"
    if sys.platform.startswith("win"):
        local = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(local) / "CatDog Studio" / "Cache"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if xdg.startswith("/") else Path.home() / ".cache"
    return base / "catdog-studio"


def model_dir(create: bool = False) -> Path:
    """The bench models' folder; created for this user only (mode 0700) when asked."""
    d = cache_dir() / "bench-models"
    if create:
        d.mkdir(parents=True, exist_ok=True, mode=0o700)
    return d


if __name__ == "__main__":
    print(model_dir())
