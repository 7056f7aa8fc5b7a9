import { useCallback, useState } from 'react';

/**
 * The latest of something shown until the next (a refusal, what was just done), each with a key
 * of its own: rendered with that key, what shows it starts afresh, and takes focus again, even
 * when the same thing happens twice.
 */
export function useKeyed<T>(): [
  latest: { key: number; value: T } | null,
  show: (value: T) => void,
  clear: () => void,
] {
  const [latest, setLatest] = useState<{ key: number; value: T } | null>(null);
  const show = useCallback((value: T) => {
    setLatest((last) => ({ key: (last?.key ?? 0) + 1, value }));
  }, []);
  const clear = useCallback(() => setLatest(null), []);
  return [latest, show, clear];
}
