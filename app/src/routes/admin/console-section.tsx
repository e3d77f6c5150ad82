/**
 * The GraphQL console, fetched only when an admin asks for it: GraphiQL is most of a megabyte, and
 * the service worker does not precache it, so opening it needs the network.
 */
import { Component, useEffect, useRef, useState, type ComponentType, type ReactNode } from 'react';
import { Loading } from '../../ui/loading';

type ConsoleState =
  | { name: 'closed' }
  | { name: 'loading' }
  | { name: 'failed'; message: string }
  | { name: 'open'; Console: ComponentType };

export function ConsoleSection() {
  const [state, setState] = useState<ConsoleState>({ name: 'closed' });
  const frame = useRef<HTMLDivElement>(null);

  const open = () => {
    setState({ name: 'loading' });
    import('./graphql-console')
      .then((module) => setState({ name: 'open', Console: module.default }))
      .catch(() =>
        setState({
          name: 'failed',
          message: navigator.onLine
            ? 'The console could not be loaded. Try again.'
            : 'The console is not kept for offline use. Connect and try again.',
        }),
      );
  };

  // Bring the opened console into view: on a phone it starts below the fold.
  useEffect(() => {
    if (state.name === 'open') frame.current?.scrollIntoView({ block: 'start' });
  }, [state.name]);

  return (
    <section id="console" className="admin-section" aria-labelledby="console-title">
      <h2 id="console-title">GraphQL console</h2>
      <p className="hint">
        Queries and mutations run against the live API as you, with admin rights: changes are real.
      </p>
      {(state.name === 'closed' || state.name === 'failed') && (
        <button type="button" className="button" onClick={open}>
          Open the console
        </button>
      )}
      {state.name === 'failed' && (
        <p className="error" role="alert">
          {state.message}
        </p>
      )}
      {state.name === 'loading' && <Loading label="Loading the console…" />}
      {state.name === 'open' && (
        <div ref={frame} className="console-frame">
          <ConsoleBoundary>
            <state.Console />
          </ConsoleBoundary>
          <button type="button" className="button small" onClick={() => setState({ name: 'closed' })}>
            Close the console
          </button>
        </div>
      )}
    </section>
  );
}

/** A crash inside GraphiQL stays inside the console's frame; the rest of the admin page keeps working. */
class ConsoleBoundary extends Component<{ children: ReactNode }, { error?: Error }> {
  override state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (this.state.error)
      return (
        <p className="error" role="alert">
          The console stopped working: {this.state.error.message}
        </p>
      );
    return this.props.children;
  }
}
