"""The media folder (MEDIA_ROOT): uploaded documents and images, as plain files."""

import os
import shutil
from pathlib import Path


def files(root):
    """(path inside the folder, in POSIX form; full path) of every plain file, in order.
    Symbolic links are left out: they point outside what the site wrote."""
    root = Path(root)
    found = []
    for folder, subfolders, names in os.walk(root):
        subfolders.sort()
        for name in sorted(names):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                found.append((path.relative_to(root).as_posix(), path))
    return found


def count(root):
    return sum(1 for _ in files(root))


def replace(root, staged):
    """Make the folder `root` hold exactly the files under `staged`."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    for entry in root.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    staged = Path(staged)
    if not staged.is_dir():
        return
    for entry in staged.iterdir():
        shutil.move(entry, root / entry.name)
