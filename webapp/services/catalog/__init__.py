"""The catalog: products, batches, what goes public, and the story a code tells."""
