import { useEffect, useState } from 'react';

/** The time, re-rendering every `everyMs`: relative times ("12 s ago") keep counting on their own. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
