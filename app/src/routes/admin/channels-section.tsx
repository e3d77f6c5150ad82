/**
 * Every channel, a page at a time ("Show more" follows the API's nextToken), with a Stop for any
 * that is on air and a Suspend for its owner, each behind a confirmation.
 */
import { useMutation } from '@apollo/client/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import * as op from '@golive/common/api-operations';
import { apiErrorMessage } from '../../api/api-error';
import { ChannelPageRows } from './channel-page-rows';
import type { AdminChannel } from './channel-row';
import { ConfirmDialog } from './confirm-dialog';
import { SuspendSellerDialog } from './suspend-seller-dialog';
import { TableHead } from './table-head';
import { useSuspendedSellers } from './use-suspended-sellers';

/**
 * How long a row says "Stopping…" after the API accepted the stop: IVS reports the stream's end
 * within seconds; if it never does (the stream had already ended), Stop comes back.
 */
const STOPPING_MS = 30_000;

export function ChannelsSection() {
  // Where each shown page starts (undefined: the first), and where the page after each begins.
  const [pageStarts, setPageStarts] = useState<(string | undefined)[]>([undefined]);
  const [nextTokens, setNextTokens] = useState<Record<number, string | null>>({});
  const pageLoaded = useCallback(
    (index: number, nextToken: string | null) =>
      setNextTokens((known) => (known[index] === nextToken ? known : { ...known, [index]: nextToken })),
    [],
  );
  const lastNext = nextTokens[pageStarts.length - 1];

  const heading = useRef<HTMLHeadingElement>(null);
  const [target, setTarget] = useState<AdminChannel>();
  const [stopError, setStopError] = useState<string>();
  const [stopBroadcast, { loading: stoppingNow }] = useMutation(op.STOP_BROADCAST);
  const [stopping, setStopping] = useState<ReadonlySet<string>>(new Set());
  const { suspendedIds } = useSuspendedSellers();
  const [suspendTarget, setSuspendTarget] = useState<AdminChannel>();
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);

  const markStopping = (channelId: string) => {
    setStopping((ids) => new Set(ids).add(channelId));
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setStopping((ids) => {
        const rest = new Set(ids);
        rest.delete(channelId);
        return rest;
      });
    }, STOPPING_MS);
    timers.current.add(timer);
  };

  const confirmStop = async () => {
    if (!target) return;
    setStopError(undefined);
    try {
      await stopBroadcast({ variables: { channelId: target.id } });
      markStopping(target.id);
      setTarget(undefined);
    } catch (error) {
      setStopError(`The broadcast was not stopped: ${apiErrorMessage(error)}`);
    }
  };

  return (
    <section id="channels" className="admin-section" aria-labelledby="channels-title">
      <h2 id="channels-title" ref={heading} tabIndex={-1}>
        Channels
      </h2>
      <p className="hint">
        Every seller&rsquo;s channels, on-air ones first. Those on air update as they change; the others
        refresh every few seconds.
      </p>
      <div className="table-frame">
        <table className="admin-table channels-table" role="table" aria-labelledby="channels-title">
          <TableHead
            columns={['Name', 'Owner', 'Status', 'Updated', <span className="visually-hidden">Actions</span>]}
          />
          {pageStarts.map((start, index) => (
            <ChannelPageRows
              key={start ?? 'first'}
              startToken={start}
              isFirst={index === 0}
              onLoaded={(nextToken) => pageLoaded(index, nextToken)}
              stopping={stopping}
              onStop={(channel) => {
                setStopError(undefined);
                setTarget(channel);
              }}
              suspendedOwners={suspendedIds}
              onSuspendOwner={setSuspendTarget}
            />
          ))}
        </table>
      </div>
      {pageStarts.length > 1 && lastNext === undefined && <p role="status">Loading more channels…</p>}
      {lastNext && (
        <button
          type="button"
          className="button show-more"
          onClick={() =>
            setPageStarts((starts) => (starts.includes(lastNext) ? starts : [...starts, lastNext]))
          }
        >
          Show more
        </button>
      )}
      <ConfirmDialog
        open={target !== undefined}
        title={`Stop “${target?.name ?? ''}”?`}
        confirmLabel="Stop broadcast"
        busyLabel="Stopping…"
        busy={stoppingNow}
        error={stopError}
        onConfirm={() => void confirmStop()}
        onCancel={() => setTarget(undefined)}
        fallbackFocus={() => heading.current}
      >
        <p>
          The stream is cut at IVS and everyone watching sees it end. The seller can go live again afterwards.
        </p>
      </ConfirmDialog>
      <SuspendSellerDialog
        channel={suspendTarget}
        onDone={() => setSuspendTarget(undefined)}
        fallbackFocus={() => heading.current}
      />
    </section>
  );
}
