/** A broadcast mark (a dot sending waves) for "nothing on air" states; not a spinner, which a ring would look like. */
export function SignalIcon({ className }: { className?: string }) {
  return (
    <svg
      className={className}
      viewBox="0 0 48 48"
      width="48"
      height="48"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="24" cy="24" r="5" fill="currentColor" />
      <g fill="none" stroke="currentColor" strokeWidth="3.5" strokeLinecap="round">
        <path d="M15.5 15.5a12 12 0 0 0 0 17M32.5 15.5a12 12 0 0 1 0 17" />
        <path d="M9 9a21 21 0 0 0 0 30M39 9a21 21 0 0 1 0 30" />
      </g>
    </svg>
  );
}
