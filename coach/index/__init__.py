"""Index: embeddings, vector stores and index generations (Chroma + BM25, swapped atomically)."""
