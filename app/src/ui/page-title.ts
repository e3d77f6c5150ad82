import { useEffect } from 'react';

/** Each screen names itself: tabs, history and screen readers tell pages apart. */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · GoLive` : 'GoLive';
  }, [title]);
}
