"""`mkdocs serve` looks for saved files every `poll_interval` (mkdocs/watcher.py)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from journeymaps.mkdocs import watcher
from journeymaps.mkdocs.plugin import JourneyMapsPlugin
from test_pages import FILES

MakeProject = Callable[[dict[str, str]], Path]


def _server(root: Path) -> LiveReloadServer:
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0,
                              root=str(root / "site"))
    server.watch(str(root / "site_src"))  # as `mkdocs serve` does before on_serve
    return server


def _intervals(server: LiveReloadServer) -> dict[str, float]:
    return {Path(e.watch.path).name: e.timeout for e in server.observer.emitters}


def _plugin(root: Path, **options: object) -> JourneyMapsPlugin:
    plugin = JourneyMapsPlugin()
    errors, _ = plugin.load_config(dict(options))
    assert not errors
    plugin.root = root
    return plugin


def test_the_preview_looks_for_saves_five_times_as_often(project_dir: MakeProject) -> None:
    root = project_dir(FILES)
    server = _server(root)
    assert _intervals(server) == {"site_src": watcher.MKDOCS_INTERVAL}
    _plugin(root).on_serve(server, config=None, builder=None)  # type: ignore[arg-type]
    # the folder watched before on_serve, and the maps folder the plugin adds
    assert _intervals(server) == {"site_src": 0.1, "maps": 0.1}
    server.watch(str(root))  # a folder of the site's own `watch:` list, after on_serve
    assert set(_intervals(server).values()) == {0.1}
    server.observer.stop()


def test_a_save_is_seen_by_the_faster_watcher(project_dir: MakeProject) -> None:
    """The watcher still reports a change (a bound, not a timing: 20 s)."""
    root = project_dir(FILES)
    server = _server(root)
    _plugin(root).on_serve(server, config=None, builder=None)  # type: ignore[arg-type]
    server.observer.start()
    try:
        seen = threading.Event()
        original = server._rebuild_cond.notify_all  # what the watch callback calls

        def notify_all() -> None:
            seen.set()
            original()
        server._rebuild_cond.notify_all = notify_all  # type: ignore[method-assign]
        map_file = next((root / "maps").rglob("*.md"))
        map_file.write_text(map_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        assert seen.wait(20)
    finally:
        server.observer.stop()
        server.observer.join()


def test_the_interval_is_the_sites_to_choose(project_dir: MakeProject) -> None:
    root = project_dir(FILES)
    server = _server(root)
    _plugin(root, poll_interval=0.25).on_serve(server, config=None,  # type: ignore[arg-type]
                                               builder=None)
    assert set(_intervals(server).values()) == {0.25}
    server.observer.stop()
    server = _server(root)
    _plugin(root, poll_interval=0.5).on_serve(server, config=None,  # type: ignore[arg-type]
                                              builder=None)
    assert set(_intervals(server).values()) == {0.5}  # MkDocs' own, untouched
    server.observer.stop()


@pytest.mark.parametrize("value", [0, -1, 0.6, 5])
def test_an_interval_out_of_range_is_refused(value: float) -> None:
    errors, _ = JourneyMapsPlugin().load_config({"poll_interval": value})
    assert [key for key, _ in errors] == ["poll_interval"]
    assert "at most 0.5" in str(errors[0][1])


def test_another_watcher_is_left_as_it_is() -> None:
    class Native:
        emitters = ()

    class Server:
        observer = Native()

    assert not watcher.poll_every(Server(), 0.1)

    class Unknown(PollingObserver):
        """A watchdog that keeps its interval elsewhere."""

    observer = Unknown(timeout=0.5)
    del observer._timeout
    Server.observer = observer  # type: ignore[assignment]
    assert not watcher.poll_every(Server(), 0.1)


def test_a_save_during_a_rebuild_is_seen_once_it_is_over(project_dir: MakeProject) -> None:
    """While a rebuild runs the watcher skips its rounds (``watcher.Pause``); a file
    saved meanwhile still starts the next rebuild (bounds, not timings: 20 s)."""
    root = project_dir(FILES)
    server = _server(root)
    plugin = _plugin(root)
    plugin.on_serve(server, config=None, builder=None)  # type: ignore[arg-type]
    seen = threading.Event()
    original = server._rebuild_cond.notify_all

    def notify_all() -> None:
        seen.set()
        original()
    server._rebuild_cond.notify_all = notify_all  # type: ignore[method-assign]
    server.observer.start()
    try:
        time.sleep(0.5)  # a first round: the folders as they were
        plugin.watching.hold()  # a rebuild starts
        map_file = next((root / "maps").rglob("*.md"))
        map_file.write_text(map_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        assert not seen.wait(1.5), "the watcher looked while the rebuild ran"
        plugin.watching.release()
        assert seen.wait(20)
    finally:
        plugin.watching.release()
        server.observer.stop()
        server.observer.join()


def test_only_a_polling_watcher_is_paused() -> None:
    class Server:
        observer = object()

    pause = watcher.Pause()
    assert not pause.attach(Server())
    pause.hold()  # nothing to hold: no error
    pause.release()
