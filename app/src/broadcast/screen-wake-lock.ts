/**
 * Keeps the phone's screen on while live (a dimmed screen would suspend the camera). The browser
 * drops the lock whenever the page is hidden; it is taken again when the page is visible.
 */
export class ScreenWakeLock {
  private sentinel?: WakeLockSentinel;
  private wanted = false;

  private readonly onVisible = () => {
    if (this.wanted && document.visibilityState === 'visible') void this.acquire();
  };

  hold(): void {
    if (this.wanted) return;
    this.wanted = true;
    document.addEventListener('visibilitychange', this.onVisible);
    void this.acquire();
  }

  release(): void {
    this.wanted = false;
    document.removeEventListener('visibilitychange', this.onVisible);
    void this.sentinel?.release().catch(() => undefined);
    this.sentinel = undefined;
  }

  get held(): boolean {
    return this.sentinel !== undefined && !this.sentinel.released;
  }

  private async acquire(): Promise<void> {
    if (!('wakeLock' in navigator) || this.held) return;
    try {
      this.sentinel = await navigator.wakeLock.request('screen');
    } catch {
      // Refused (battery saver, not visible): the broadcast goes on; the seller keeps the screen on.
    }
  }
}
