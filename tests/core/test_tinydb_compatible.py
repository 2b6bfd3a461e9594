"""The database is a TinyDB file: TinyDB itself reads it, and TinyDB's table API
works on the store's own storage (the store edits tables directly only to skip
TinyDB's whole-table copy on every write)."""

from __future__ import annotations

from pathlib import Path

from core_support import TODAY
from tinydb import Query, TinyDB
from tinydb.storages import JSONStorage

from threety_tui.core import demo
from threety_tui.core.storage import AtomicJSONStorage, read_file
from threety_tui.core.store import Store


def test_stock_tinydb_reads_a_threety_database(tmp_path: Path) -> None:
    path = tmp_path / "threety.json"
    with Store.open(path) as store:
        demo.populate(store, TODAY)
        names = sorted(c.name for c in store.contacts())
        meetings = len(store.all_meetings())
    with TinyDB(path, storage=JSONStorage, access_mode="r") as db:
        assert sorted(doc["name"] for doc in db.table("contacts").all()) == names
        assert len(db.table("meetings")) == meetings
        grace = db.table("contacts").get(Query().name == "Grace Hopper")
        assert grace is not None and grace["kind"] == "booster"


def test_tinydb_table_api_on_the_atomic_storage(tmp_path: Path) -> None:
    path = tmp_path / "threety.json"
    with Store.open(path) as store:
        demo.populate(store, TODAY)
    data, signature = read_file(path)
    db = TinyDB(storage=lambda: AtomicJSONStorage(path, data, signature))
    contacts = db.table("contacts")
    new_id = contacts.insert({"name": "Joan Clarke", "tags": []})
    contacts.update({"email": "joan@bletchley.example"}, doc_ids=[new_id])
    with Store.open(path, readonly=True) as store:
        joan = store.contact(new_id)
        assert joan is not None and joan.email == "joan@bletchley.example"
