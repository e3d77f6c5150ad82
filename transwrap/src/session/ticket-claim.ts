/**
 * Redeeming a `hello`'s ticket (PROTOCOL.md, "hello"): what each answer of the API means for the
 * connection. The ticket is spent by asking, so this runs only once the seller is proven.
 */
import { ApiRefusal, type ControlPlane, type IngestDestination } from '../api/control-plane';
import { CloseCode } from '../protocol/messages';

export const STOPPED_REASON = 'the broadcast was stopped by its seller or an admin';

export type Claim =
  | {
      destination: IngestDestination;
      /** Whether a stop came since the ticket was issued; rejects when the API cannot say. */
      stoppedSinceTicket: () => Promise<boolean>;
      /** Whether a later ticket of the channel has been claimed; rejects when the API cannot say. */
      takenOverSinceTicket: () => Promise<boolean>;
    }
  /** `failure`: why the API could not answer, for the operator's log (the client gets the reason). */
  | { refused: [code: number, reason: string]; failure?: string };

export async function claimTicket(
  api: Pick<ControlPlane, 'claimIngest' | 'broadcastStopped' | 'broadcastTakenOver'>,
  request: { ticket: string; endpointId: string; seller: string },
): Promise<Claim> {
  let destination;
  try {
    destination = await api.claimIngest(request.ticket, request.endpointId);
  } catch (error) {
    // A ticket issued before a stopBroadcast: the broadcast stays stopped (no new ticket either).
    if (error instanceof ApiRefusal && error.errorType === 'BroadcastStopped')
      return { refused: [CloseCode.BroadcastStopped, STOPPED_REASON] };
    if (error instanceof ApiRefusal) return { refused: [CloseCode.TicketRefused, 'ticket refused'] };
    return {
      refused: [CloseCode.RelayFailed, 'the API could not be reached'],
      failure: error instanceof Error ? error.message : String(error),
    };
  }
  // A ticket works only for the seller it was issued to (it is spent now either way).
  if (destination.owner !== request.seller)
    return { refused: [CloseCode.NotTheTicketsSeller, 'the ticket was issued to another seller'] };
  const { channelId, ticketIssuedAt } = destination;
  const stoppedSinceTicket = () => api.broadcastStopped(channelId, ticketIssuedAt);
  // A stop that landed while the ticket was being redeemed: the claim did not see it, and IVS
  // has nothing to cut. Asked before `ready`, so such a broadcast never starts. If the API cannot
  // say, the answer is no: an outage must not end a broadcast.
  if (await stoppedSinceTicket().catch(() => false))
    return { refused: [CloseCode.BroadcastStopped, STOPPED_REASON] };
  const takenOverSinceTicket = () => api.broadcastTakenOver(channelId, ticketIssuedAt);
  return { destination, stoppedSinceTicket, takenOverSinceTicket };
}
