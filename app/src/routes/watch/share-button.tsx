/**
 * Share the watch link: the phone's share sheet where there is one (Web Share API), else copy it
 * to the clipboard and say so; where even that is refused, show the link ready to copy by hand.
 */
import { useEffect, useState } from 'react';

type Outcome = 'idle' | 'copied' | 'manual';

export function ShareButton({ title, url }: { title: string; url: string }) {
  const [outcome, setOutcome] = useState<Outcome>('idle');
  useEffect(() => {
    if (outcome !== 'copied') return;
    const timer = setTimeout(() => setOutcome('idle'), 3000);
    return () => clearTimeout(timer);
  }, [outcome]);

  const share = async () => {
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title, url });
        return;
      } catch (error) {
        // The viewer closed the share sheet: nothing to do. Anything else: copy instead.
        if ((error as Error).name === 'AbortError') return;
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      setOutcome('copied');
    } catch {
      setOutcome('manual');
    }
  };

  return (
    <div className="watch-share">
      <button className="button small" onClick={() => void share()}>
        <ShareIcon />
        Share
      </button>
      <p className="watch-share-feedback" role="status">
        {outcome === 'copied' && 'Link copied'}
      </p>
      {outcome === 'manual' && (
        <label className="field watch-share-manual">
          Copy this link
          <input readOnly value={url} onFocus={(event) => event.currentTarget.select()} autoFocus />
        </label>
      )}
    </div>
  );
}

function ShareIcon() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path
        d="M12 3v12M7 8l5-5 5 5M5 13v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
