/**
 * Parsed and validated documents by query text, bounded by the memory they hold rather than by
 * their number: a parsed document takes many times its text's size, and a client may send any
 * text up to AppSync's request limit. The least recently used ones go first.
 */
import { LRUCache } from 'lru-cache';

/**
 * What one character of query text may cost once prepared, an upper bound from measurements of
 * graphql-js 16: ~50 bytes as a parsed alias-heavy document (AST nodes with their locations and
 * tokens), ~77 when every field is a validation error.
 */
export const BYTES_PER_QUERY_CHAR = 80;

/** Room for thousands of everyday operations, or a few documents near the 1 MB request limit. */
export const DOCUMENT_CACHE_BYTES = 64 * 1024 * 1024;

export class DocumentCache<Prepared extends object> {
  private readonly entries = new LRUCache<string, Prepared>({
    maxSize: DOCUMENT_CACHE_BYTES,
    sizeCalculation: (_prepared, key) => Math.max(1, key.length * BYTES_PER_QUERY_CHAR),
  });

  /** The prepared document for this text, preparing (and keeping) it on first sight. */
  get(operationName: string | null | undefined, query: string, prepare: () => Prepared): Prepared {
    const key = `${operationName ?? ''}\n${query}`;
    let prepared = this.entries.get(key);
    if (!prepared) {
      prepared = prepare();
      this.entries.set(key, prepared);
    }
    return prepared;
  }
}
