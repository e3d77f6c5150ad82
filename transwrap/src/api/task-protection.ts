/**
 * ECS task scale-in protection while this task carries a broadcast. When ECS scales in or deploys,
 * the load balancer cuts a task's WebSockets after the deregistration delay, before SIGTERM could
 * tell anyone to move; ECS picks neither a protected task for scale-in nor for replacement, so a
 * busy task asks the ECS agent to protect it and says so again when it is idle.
 * The agent's endpoint: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-scale-in-protection-endpoint.html
 * (the task role needs ecs:UpdateTaskProtection). Off ECS (no ECS_AGENT_URI) this does nothing.
 */
import type { Logger } from '../logger';

/**
 * Protection is asked for this long and renewed while busy: a process that hangs or loses track
 * of its sessions frees its task for scale-in and deployments within the hour, and a deployment
 * waits at most that long for a stuck task (CloudFormation gives a stack update 3 hours).
 */
export const PROTECTION_MINUTES = 60;
/** Renewed at half the protection time, so one failed renewal still leaves retries before it lapses. */
export const RENEW_EVERY_MS = 30 * 60_000;
/** A failed call is tried again this soon: a busy task should not stay unprotected long, nor be throttled. */
export const RETRY_AFTER_MS = 30_000;
/** The agent calls ECS within its own timeout; a call still unanswered after this is retried later. */
const AGENT_TIMEOUT_MS = 15_000;

/** The agent's answer: `protection` on success, `failure` (HTTP 200) or `error` (4xx/5xx) otherwise. */
interface AgentAnswer {
  protection?: { ProtectionEnabled?: boolean; ExpirationDate?: string | null; TaskArn?: string };
  failure?: { Arn?: string; Reason?: string; Detail?: string | null };
  error?: { Arn?: string; Code?: string; Message?: string };
  requestID?: string;
}

export interface TaskProtectionOptions {
  /** `ECS_AGENT_URI`, set by ECS in every container; undefined off ECS. */
  agentUri: string | undefined;
  log: Logger;
  /** Shorter in tests; the constants above otherwise. */
  expiresInMinutes?: number;
  renewEveryMs?: number;
  retryAfterMs?: number;
}

export class TaskProtection {
  private readonly expiresInMinutes: number;
  private readonly renewEveryMs: number;
  private readonly retryAfterMs: number;
  /** At least one broadcast, as last told. */
  private busy = false;
  /** Until when protection may hold (ms since epoch): since an "on" was sent; 0 once "off" is confirmed. */
  private protectedUntil = 0;
  private stopped = false;
  private calling?: Promise<void>;
  /** The next renewal or retry. */
  private timer?: NodeJS.Timeout;

  constructor(private readonly options: TaskProtectionOptions) {
    this.expiresInMinutes = options.expiresInMinutes ?? PROTECTION_MINUTES;
    this.renewEveryMs = options.renewEveryMs ?? RENEW_EVERY_MS;
    this.retryAfterMs = options.retryAfterMs ?? RETRY_AFTER_MS;
  }

  /** On ECS: only then is anything ever sent. */
  get active(): boolean {
    return Boolean(this.options.agentUri) && !this.stopped;
  }

  /** The number of broadcasts now: protection goes on at the first and off after the last. */
  setSessions(count: number): void {
    const busy = count > 0;
    if (!this.active || busy === this.busy) return;
    this.busy = busy;
    this.sync();
  }

  /**
   * On drain: ECS is stopping the task already, so protection no longer matters; nothing more is
   * sent (a call under way finishes by itself).
   */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Resolves once no call to the agent is under way. */
  async settled(): Promise<void> {
    while (this.calling) await this.calling;
  }

  private sync(): void {
    // A call under way looks at `busy` again when it ends.
    if (this.calling || this.stopped) return;
    clearTimeout(this.timer);
    const enable = this.busy;
    this.calling = this.put(enable).then((done) => {
      this.calling = undefined;
      if (this.stopped) return;
      if (this.busy !== enable) return this.sync();
      // A failed "off" is worth retrying only while the protection it meant to end still holds.
      if (!done && (enable || Date.now() < this.protectedUntil)) this.later(this.retryAfterMs);
      else if (done && enable) this.later(this.renewEveryMs);
    });
  }

  private later(delayMs: number): void {
    this.timer = setTimeout(() => this.sync(), delayMs);
    // Renewals alone must not keep the process alive.
    this.timer.unref();
  }

  /** Whether the agent confirmed the state asked for; failures are logged, never thrown. */
  private async put(enable: boolean): Promise<boolean> {
    const { log } = this.options;
    const wanted = enable ? 'on' : 'off';
    // An "on" that seems to fail (a timeout) may still have reached ECS.
    if (enable) this.protectedUntil = Date.now() + this.expiresInMinutes * 60_000;
    try {
      const response = await fetch(`${this.options.agentUri}/task-protection/v1/state`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          enable
            ? { ProtectionEnabled: true, ExpiresInMinutes: this.expiresInMinutes }
            : { ProtectionEnabled: false },
        ),
        signal: AbortSignal.timeout(AGENT_TIMEOUT_MS),
      });
      const text = await response.text();
      let answer: AgentAnswer = {};
      try {
        answer = JSON.parse(text) as AgentAnswer;
      } catch {
        // Not JSON: reported below by its status.
      }
      if (response.ok && !answer.failure && answer.protection?.ProtectionEnabled === enable) {
        if (!enable) this.protectedUntil = 0;
        log.info(`task protection ${wanted}`, enable ? { until: answer.protection.ExpirationDate } : {});
        return true;
      }
      log.error('task protection failed', { wanted, status: response.status, ...describe(answer) });
    } catch (error: unknown) {
      log.error('task protection failed', { wanted, error: reasonOf(error) });
    }
    return false;
  }
}

/**
 * fetch says "fetch failed" and keeps the why (ECONNREFUSED, a timeout) in its cause. Duck-typed:
 * fetch's errors may come from another realm (under Jest), where instanceof Error is false.
 */
function reasonOf(error: unknown): string {
  const messageOf = (value: unknown) =>
    typeof value === 'object' && value !== null && 'message' in value ? String(value.message) : undefined;
  const message = messageOf(error) ?? String(error);
  const cause =
    typeof error === 'object' && error !== null && 'cause' in error ? messageOf(error.cause) : undefined;
  return cause ? `${message}: ${cause}` : message;
}

/** What went wrong, from the agent's documented `failure` and `error` shapes. */
function describe(answer: AgentAnswer): Record<string, unknown> {
  if (answer.failure) return { reason: answer.failure.Reason, detail: answer.failure.Detail ?? undefined };
  if (answer.error)
    return { code: answer.error.Code, error: answer.error.Message, requestId: answer.requestID };
  return { error: 'unexpected answer from the ECS agent' };
}
