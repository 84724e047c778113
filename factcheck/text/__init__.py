"""Text: article reading and conversion, sentences, check-worthiness, key facts, anchors, matching.

Pure functions over strings, apart from reading article files through the store's safe reader.
"""
