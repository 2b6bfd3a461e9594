"""The database file, layer by layer (no Textual; documents, not models, but in caches.py).

    layout.py     the file's layout: one document per line, meta and contacts first;
                  encoding in small chunks, splitting a file back into tables
    lazy.py       `LazyDocs`: a table whose documents stay as their line until read;
                  a damaged line is skipped and kept byte for byte
    reading.py    reading a file (whole, or its head now and the rest later), refusing
                  anything that is not a regular file before opening it
    filestate.py  what was read or written (inode, size, mtime, a checksum when in doubt)
    swap.py       putting a new file in place only if the old one is still ours
                  (compare-and-swap, with an atomic exchange where the system has one)
    storage.py    `AtomicJSONStorage`: the TinyDB storage, snapshots, saves, diversions
    opening.py    opening: lock, create, migrate, the two-step read, leftovers of a crash
    recovery.py   changes that could not go into the database: where they are kept,
                  telling the user until dismissed, restoring them
    caches.py     the store's model caches and indexes
    atomic.py     writing any file atomically and privately; private folders
    collector.py  pausing the garbage collector while building many objects

Nothing here imports the store or calls back up into it: the store (core/store.py)
opens through `opening`, saves through `storage`, and reads the rest of a file
opened in two steps itself before it asks the storage to save.
"""
