/**
 * A small least-recently-used cache whose entries are only good for the data version they were
 * computed at. A figure is never served from an older version: the version is read in the same
 * snapshot as the figures, and every write bumps it (prisma/migrations/0006_monthly_rollup).
 * Concurrent misses for the same key share one computation.
 */
export class VersionedCache<T> {
  private readonly entries = new Map<string, { version: string; value: Promise<T> }>();

  constructor(private readonly max = 64) {}

  async get(key: string, version: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      this.entries.delete(key);
      this.entries.set(key, hit); // most recently used last
      return hit.value;
    }
    const value = compute();
    this.entries.set(key, { version, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return value;
  }

  /** True when `key` holds a value (or a computation under way) for this version. */
  has(key: string, version: string): boolean {
    return this.entries.get(key)?.version === version;
  }

  clear(): void {
    this.entries.clear();
  }
}
