"""Claims files on disk: finding, reading, decoding and validating, writing, locking; the configuration.

Every read of a claims file goes through ``folder.read`` (or the streaming
``Folder.files``), every change through ``edit.update``: lock, re-read,
change, validate the whole document, write atomically.  Nothing else opens a
claims file for writing.
"""
