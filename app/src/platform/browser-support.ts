/**
 * Every browser quirk the app depends on, in one place, as functions of what the browser reports
 * (its user agent and feature objects), so each is tested against tables of real browsers.
 */

/** iPhone/iPad, including iPadOS that reports itself as a Mac but has touch. */
export function isIOS(userAgent: string, maxTouchPoints = 0): boolean {
  return /iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1);
}

export function isAndroid(userAgent: string): boolean {
  return /Android/.test(userAgent);
}

/** A phone or tablet: has a front and a back camera worth switching between. */
export function isMobile(userAgent: string, maxTouchPoints = 0): boolean {
  return isIOS(userAgent, maxTouchPoints) || isAndroid(userAgent) || /Mobile/.test(userAgent);
}

/**
 * Running as an installed app (home screen): iOS Safari says so with `navigator.standalone`,
 * everyone else with the display-mode media query.
 */
export function isInstalledApp(standalone: boolean | undefined, displayModeStandalone: boolean): boolean {
  return standalone === true || displayModeStandalone;
}

/**
 * iOS before 16.4 could not use getUserMedia in a home-screen app; the user must open it in
 * Safari to go live. Returns the iOS version, or undefined elsewhere.
 */
export function iosVersion(userAgent: string): number | undefined {
  const match = /OS (\d+)_(\d+)/.exec(userAgent);
  return match && /iPhone|iPad|iPod/.test(userAgent) ? Number(match[1]) + Number(match[2]) / 100 : undefined;
}

export function supportsCameraInInstalledApp(userAgent: string): boolean {
  const version = iosVersion(userAgent);
  return version === undefined || version >= 16.04;
}

export function supportsWakeLock(navigatorLike: object): boolean {
  return 'wakeLock' in navigatorLike;
}

export function supportsWebShare(navigatorLike: object): boolean {
  return 'share' in navigatorLike;
}

/** What the browser at hand can do, read once from the real objects. */
export function currentBrowser() {
  const { userAgent, maxTouchPoints } = navigator;
  return {
    userAgent,
    mobile: isMobile(userAgent, maxTouchPoints),
    installed: isInstalledApp(
      (navigator as { standalone?: boolean }).standalone,
      window.matchMedia('(display-mode: standalone)').matches,
    ),
    wakeLock: supportsWakeLock(navigator),
    webShare: supportsWebShare(navigator),
  };
}
