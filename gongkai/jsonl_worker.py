"""Read a large JSON Lines file in a second process: parse, validate and prepare the index text there.

Ingest of a record file is Python work on one thread (the GIL), while tantivy indexes on threads of
its own. Validation and most of the index text preparation need nothing but the line, so one forked
worker does them for chunks of lines and hands the results back, pickled; the calling thread keeps
only the store writes and the index feeding. The worker writes nothing anywhere: killing it (or
the parent) loses no data, and its items are exactly the ones the serial reader makes (the same
functions run), in file order.

What the worker makes of a line is gongkai.record_row.storable_item's (the serial reader runs the same
function): the record serialised once (store.codec.record_json: the store's JSON and the index payload are cut
from that text), its index text, its validity read, and its RecordRow, the plain values the store and the index
take. An item crosses as a plain tuple of str, bytes, ints and the read's values (_pack), never as a pickled
pydantic Record (its state dict cost about 15 µs to pickle and 15 to unpickle a record): the main thread makes a
Record only on the rare paths that need one (gongkai.record_row.RowItem.record).

The chunks travel through shared memory made before the fork (SLOTS slots, used in turn): the
worker copies a pickled chunk into the next slot and sends its slot and size through a socket
pair; the reader unpickles it from there and sends the slot back as free. So the worker can work
up to SLOTS chunks ahead without waiting for the reader (a pipe holds 64 KB: with it, each side
waited for the other about 1 s in 6). A chunk too large for a slot goes through the socket itself.

If the worker dies before the end of the file, the rest of the file is read in this process,
from the first line the worker did not hand back.
"""

from __future__ import annotations

import gc
import mmap
import multiprocessing as mp
import operator
import os
import pickle
import struct
from collections.abc import Callable, Iterator
from datetime import date
from multiprocessing.connection import Connection
from multiprocessing.context import ForkContext
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gongkai.ingest import IngestItem

#: (after) -> (line number, item) of the lines after that one
Lines = Callable[[int], Iterator[tuple[int, "IngestItem"]]]

#: Lines per chunk: a chunk's fixed costs vanish, and the first one arrives within a few ms.
CHUNK_LINES = 100
SLOTS = 8
SLOT_BYTES = 4 * 1024 * 1024  # a chunk of 100 records of 1,000 characters pickles to about 1.3 MB

_SLOT_MESSAGE = struct.Struct("<II")  # slot, size
#: RecordRow's fields (gongkai.record_row), in order; the two dates, written_date and publish_date, from _DAYS on.
_ROW_FIELDS = ("id", "kind", "notice_type", "title", "doc_number", "index_number", "issuer", "topic", "written_date",
               "publish_date", "source", "withdrawn", "content_hash", "fingerprint", "ocr_review", "own")
_row_values = operator.attrgetter(*_ROW_FIELDS)
_DAYS = _ROW_FIELDS.index("written_date")
_END = b"end"
_INLINE = b"i"  # prefix of a chunk sent through the socket


def _fork_context() -> ForkContext | None:
    # fork only: the shared memory is inherited, the worker starts in milliseconds with gongkai imported
    # (analysis tables built), and it runs only pure-Python/pydantic code, no lock or handle of the parent.
    return mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None


def worker_available() -> bool:
    return _fork_context() is not None


def _worker_main(
    conn: Connection, readers_end: Connection, shared: mmap.mmap, lines: Lines, chunk_lines: int, parent: int,
) -> None:
    from gongkai.childproc import close_inherited_files, die_with_parent
    from gongkai.storable import storable_item

    die_with_parent(parent)
    # The parent's objects are the parent's: never scanned by this process's collections (the CPU), nor finalized
    # here (a file object of the parent's closing a descriptor number this process reuses).
    gc.freeze()
    readers_end.close()  # inherited: while open here, the reader's death would not end our waits
    # The index commits while this worker reads (every 60 s): it must not hold a tantivy lock it was forked with.
    # After the close above: no number of the parent's is left free for this worker's file (see there).
    close_inherited_files((conn.fileno(),))

    in_flight = 0  # chunks sent and not yet given back
    sent = 0
    slots = memoryview(shared)

    def send(last: int, items: list[IngestItem]) -> None:
        nonlocal in_flight, sent
        chunk = (last, [_pack(item) for item in items])
        while in_flight >= SLOTS or conn.poll():  # wait for a free slot; take the acks that are there
            conn.recv_bytes()
            in_flight -= 1
        slot = sent % SLOTS  # the reader frees slots in the order they were filled
        # Pickled straight into the slot, a frame at a time: a 1.3 MB bytes object per chunk, allocated, copied
        # into the slot and freed, cost a page fault per 4 KB of it (glibc maps blocks that large afresh each time).
        writer = _SlotWriter(slots, slot * SLOT_BYTES, (slot + 1) * SLOT_BYTES)
        try:
            pickle.Pickler(writer, pickle.HIGHEST_PROTOCOL).dump(chunk)
        except _SlotFull:
            conn.send_bytes(_INLINE + pickle.dumps(chunk, pickle.HIGHEST_PROTOCOL))
        else:
            conn.send_bytes(_SLOT_MESSAGE.pack(slot, writer.at - slot * SLOT_BYTES))
        sent += 1
        in_flight += 1

    items: list[IngestItem] = []
    last = 0
    try:
        # The one reader (gongkai.recordfiles): every bad line is an item with its reason, never an exception.
        for number, item in lines(0):
            items.append(storable_item(item))
            last = number
            if len(items) >= chunk_lines:
                send(last, items)
                items = []
        if items:
            send(last, items)
        conn.send_bytes(_END)
    except (BrokenPipeError, ConnectionResetError, EOFError):
        pass  # the reader stopped early or is gone: nothing left to do
    finally:
        slots.release()
        conn.close()


class _SlotFull(Exception):
    """A chunk's pickle does not fit its slot: it goes through the socket."""


class _SlotWriter:
    """The file a Pickler writes a chunk to: the bytes [start, stop) of the shared memory."""

    __slots__ = ("at", "stop", "view")

    def __init__(self, view: memoryview, start: int, stop: int) -> None:
        self.view, self.at, self.stop = view, start, stop

    def write(self, data: bytes) -> int:
        end = self.at + len(data)
        if end > self.stop:
            raise _SlotFull
        self.view[self.at : end] = data
        self.at = end
        return len(data)


def iter_jsonl_in_worker(lines: Lines, chunk_lines: int | None = None) -> Iterator[IngestItem]:
    """The items of a JSON Lines file, validated and prepared by a worker process, in file order.

    `lines(n)` yields (line number, item) for the lines after line n (gongkai.inputs.iter_jsonl_lines
    with the file's name, source and limits): the worker runs it (forked: the function is inherited,
    not pickled), and this process runs it when no worker can be started or the worker dies before the end.
    """

    def serial_from(after: int) -> Iterator[IngestItem]:
        from gongkai.storable import storable_item

        return (storable_item(item) for _, item in lines(after))

    ctx = _fork_context()
    if ctx is None:
        yield from serial_from(0)
        return
    chunk_lines = chunk_lines or CHUNK_LINES
    unpack = _unpacker()
    try:
        shared = mmap.mmap(-1, SLOTS * SLOT_BYTES)  # anonymous and MAP_SHARED: the forked worker writes into it
        conn, child_conn = ctx.Pipe(duplex=True)
        process = ctx.Process(target=_worker_main, args=(child_conn, conn, shared, lines, chunk_lines, os.getpid()),
                              daemon=True, name="gongkai-jsonl")
        process.start()
    except OSError:  # no memory or process to be had: read it here
        yield from serial_from(0)
        return
    child_conn.close()
    done = 0  # the last line handed back
    finished = False
    try:
        while True:
            try:
                message = conn.recv_bytes()
            except (EOFError, OSError):
                break  # the worker died: read the rest here (below)
            if message == _END:
                finished = True
                break
            if message.startswith(_INLINE):
                done, packed = pickle.loads(memoryview(message)[len(_INLINE):])
            else:
                slot, size = _SLOT_MESSAGE.unpack(message)
                with memoryview(shared)[slot * SLOT_BYTES : slot * SLOT_BYTES + size] as view:
                    done, packed = pickle.loads(view)
            try:
                conn.send_bytes(b"")  # the slot is free again
            except OSError:
                pass  # the worker is gone; its last chunk is read, the loop ends at the next recv
            yield from map(unpack, packed)
    finally:
        conn.close()
        if process.is_alive():
            process.kill()
        process.join(timeout=5)
        shared.close()
    if not finished:
        yield from serial_from(done)


def _pack(item: IngestItem) -> tuple:
    """An item of gongkai.record_row.storable_item as a plain tuple: a bad line's (reference, source, None, error,
    payload), a record's (reference, source, its RecordRow's values with the dates as day numbers, the length of
    the stored JSON's head in the row's JSON, the prepared index text without the payload, the validity read's
    values). The reader's items carry nothing else (no capture: a record file line is no capture)."""
    row = getattr(item, "row", None)
    if row is None:
        if item.record is not None:  # storable_item makes a RowItem of every valid record
            raise TypeError(f"{item.input_ref}: a record item without its row")
        return (item.input_ref, item.source, None, item.error, item.payload)
    values = _row_values(row)
    read = item.validity
    assert item.data_head is not None and read is not None and item.prepared is not None  # storable_item sets them
    # The prepared document without its payload: storable_item cut it from the row's own JSON, and the reader cuts it
    # again (1.5 µs) rather than receive those 3 KB a record twice (pickled, copied, unpickled).
    return (item.input_ref, item.source, (*values[:_DAYS], *map(_day, values[_DAYS:_DAYS + 2]), *values[_DAYS + 2:]),
            len(item.data_head), item.prepared[:-1], tuple(read))  # a RecordRead (a named tuple) as a plain tuple


def _day(value: date | None) -> int:
    return value.toordinal() if value is not None else 0


def _unpacker() -> Callable[[tuple], IngestItem]:
    """_pack's inverse (the classes imported once, not per item)."""
    from gongkai.indexer.schema import payload_from_record_json
    from gongkai.ingest import IngestItem
    from gongkai.record_row import RecordRow, RowItem
    from gongkai.validity import RecordRead

    fromordinal = date.fromordinal

    def unpack(packed: tuple) -> IngestItem:
        if packed[2] is None:
            ref, source, _, error, payload = packed
            return IngestItem(ref, error=error, payload=payload, source=source)
        ref, source, values, head, prepared, read = packed
        fields = list(values)
        for at in (_DAYS, _DAYS + 1):  # written_date, publish_date: day numbers, 0 for none
            fields[at] = fromordinal(fields[at]) if fields[at] else None
        row = RecordRow(*fields)
        own = row.own
        return RowItem.of(ref, source, row, (*prepared, payload_from_record_json(own)), own[:head], RecordRead._make(read))

    return unpack
