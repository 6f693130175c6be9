"""`gongkai inbox process` in a real process that SIGKILLs itself at one step of its run (tests/test_doors6_crashes.py):

    python tests/inbox_kill_helper.py STEP [N] -- --data-dir DIR inbox process

STEP is where the kill falls, N the how-many-th time it is reached (default 1):
  read     while a record file is read: after its Nth record was handed to the ingest (earlier batches are stored)
  archive  after the records are stored and the index committed, at the Nth move of a claimed file into the archive
           (N=1: before any file moved; N>1: some moved, the rest not)
  commit   at the start of the run's index commit (the store holds the batch, the index has not seen it)
  copied   archiving to another filesystem (feeds.archive_dir on another disk): the Nth file's copy is written under
           its hidden name, not yet renamed to its own
  replaced archiving to another filesystem: the Nth copy is renamed whole to its own name, the claimed file not yet
           removed
  meta     inside the index commit: tantivy has committed, the watermark (the store change number it is complete up
           to) is not yet written
The CLI is the real one (gongkai.cli.main:app); only the kill is added.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _kill_on(n: int) -> Any:
    seen = 0

    def reached() -> None:
        nonlocal seen
        seen += 1
        if seen == n:
            os.kill(os.getpid(), signal.SIGKILL)

    return reached


def install(step: str, n: int) -> None:
    reached = _kill_on(n)
    if step == "read":
        import gongkai.inputs as inputs

        real_read = inputs.iter_record_file

        def reading(*args: Any, **kwargs: Any) -> Any:
            for item in real_read(*args, **kwargs):
                yield item
                reached()

        inputs.iter_record_file = reading
    elif step == "archive":
        import gongkai.feeds.inbox as inbox

        real_move = inbox._archive_move

        def moving(source: Path, target: Path) -> None:
            reached()
            real_move(source, target)

        inbox._archive_move = moving
    elif step == "copied":
        import gongkai.feeds.inbox as inbox

        real_copy = inbox.shutil.copy2

        def copying(*args: Any, **kwargs: Any) -> Any:
            done = real_copy(*args, **kwargs)
            reached()
            return done

        inbox.shutil.copy2 = copying  # type: ignore[assignment]
    elif step == "replaced":
        real_replace = os.replace

        def replacing(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
            real_replace(source, target, *args, **kwargs)
            if str(source).endswith(".part") and Path(source).name.startswith("."):  # an archive copy renamed whole
                reached()

        os.replace = replacing
    elif step == "commit":
        from gongkai.indexer.search_index import SearchIndex

        real_commit = SearchIndex.commit

        def committing(self: Any, *args: Any, **kwargs: Any) -> None:
            reached()
            real_commit(self, *args, **kwargs)

        SearchIndex.commit = committing  # type: ignore[method-assign]
    elif step == "meta":
        import gongkai.indexer.generations as generations

        real_write = generations.write_watermark

        def writing(*args: Any, **kwargs: Any) -> None:
            reached()
            real_write(*args, **kwargs)

        generations.write_watermark = writing
    else:
        raise SystemExit(f"unknown step {step}")


if __name__ == "__main__":
    split = sys.argv.index("--")
    step, *count = sys.argv[1:split]
    install(step, int(count[0]) if count else 1)
    from gongkai.cli.main import app

    app(sys.argv[split + 1 :], prog_name="gongkai")
