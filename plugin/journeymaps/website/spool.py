"""A folder the generated files wait in for a site generator to read them, kept from
one build to the next.

A live preview rebuilds the site on every save; it can only skip the pages an edit
did not touch if it can tell which those are. The spool writes a file only when its
content differs from what it holds (so an unchanged file keeps its modification
time), says which files it wrote (``changed``), and removes the ones a build no
longer generates. It remembers a digest of each file, never the file itself.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path


class Spool:
    def __init__(self) -> None:
        self.folder: Path | None = None
        #: the folder as text: a rebuild puts 2,400 files, and ``Path`` arithmetic and
        #: its ``is_file`` were a twentieth of a 1,000-map rebuild
        self._root = ""
        self._digests: dict[str, bytes] = {}
        self._seen: set[str] = set()
        #: the paths of this round whose content is new or different from the last round's
        self.changed: set[str] = set()

    def begin(self) -> None:
        """Start a round (one build): every file it wants must be ``put`` again."""
        if self.folder is None or not self.folder.is_dir():
            self.folder = Path(tempfile.mkdtemp(prefix="journeymaps-"))
            self._root = str(self.folder)
            self._digests = {}
        self._seen = set()
        self.changed = set()

    def put(self, path: str, content: str, *, kept: bool = False) -> str:
        """The path of the file at ``path`` (relative, '/'-separated) holding
        ``content``; ``kept`` says it is the content the last round put there (a
        preview's memo knows), and saves hashing it: at 1,000 maps, 2,400 pages and
        0.2 s a rebuild."""
        assert self.folder is not None, "begin() first"
        target = os.path.join(self._root, path)
        if kept and path in self._digests and os.path.isfile(target):
            self._seen.add(path)
            return target
        hashed = hashlib.blake2b(digest_size=16)
        for data in _encoded(content):
            hashed.update(data)
        digest = hashed.digest()
        self._seen.add(path)
        if self._digests.get(path) != digest or not os.path.isfile(target):
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as file:
                for data in _encoded(content):
                    file.write(data)
            self._digests[path] = digest
            self.changed.add(path)
        return target

    def finish(self) -> set[str]:
        """End the round: the files it did not ``put`` are removed; their paths."""
        assert self.folder is not None, "begin() first"
        gone = set(self._digests) - self._seen
        for path in gone:
            (self.folder / path).unlink(missing_ok=True)
            del self._digests[path]
        return gone

    def close(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None
        self._root = ""
        self._digests = {}


#: Characters encoded at a time: the metrics page at 5,000 maps is 80 MB of text, and
#: encoded whole, once to hash it and once to write it, it raised a build's peak memory
_CHUNK = 1 << 20


def _encoded(content: str) -> Iterator[bytes]:
    """``content`` in UTF-8, a chunk at a time (the bytes are those of encoding it
    whole: a chunk ends between characters)."""
    for start in range(0, len(content), _CHUNK):
        yield content[start:start + _CHUNK].encode("utf-8")
