/** Browser quirks, against the user agents real phones and desktops send. */
import { isAndroid, isInstalledApp, isIOS, isMobile, supportsCameraInInstalledApp } from './browser-support';

const UA = {
  iPhoneSafari18:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  // An installed (home screen) web app on iOS has no "Safari/" token.
  iPhoneInstalledPwa18:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  iPhoneInstalledPwa15:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 15_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  iPadOS17:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  androidChrome:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36',
  androidSamsung:
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
  macSafari:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  windowsChrome:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  linuxFirefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
};

test.each([
  // [user agent, touch points, iOS, Android, mobile]
  ['iPhoneSafari18', 5, true, false, true],
  ['iPhoneInstalledPwa18', 5, true, false, true],
  ['iPadOS17', 5, true, false, true],
  ['androidChrome', 5, false, true, true],
  ['androidSamsung', 5, false, true, true],
  ['macSafari', 0, false, false, false],
  ['windowsChrome', 0, false, false, false],
  ['linuxFirefox', 0, false, false, false],
] as [keyof typeof UA, number, boolean, boolean, boolean][])(
  '%s: iOS %s, Android %s, mobile %s',
  (name, touch, ios, android, mobile) => {
    expect(isIOS(UA[name], touch)).toBe(ios);
    expect(isAndroid(UA[name])).toBe(android);
    expect(isMobile(UA[name], touch)).toBe(mobile);
  },
);

test('an installed app is recognised on iOS (navigator.standalone) and elsewhere (display-mode)', () => {
  expect(isInstalledApp(true, false)).toBe(true);
  expect(isInstalledApp(undefined, true)).toBe(true);
  expect(isInstalledApp(false, false)).toBe(false);
  expect(isInstalledApp(undefined, false)).toBe(false);
});

test('an installed iOS app can use the camera from iOS 16.4 on; every other browser can', () => {
  expect(supportsCameraInInstalledApp(UA.iPhoneInstalledPwa18)).toBe(true);
  expect(supportsCameraInInstalledApp(UA.iPhoneInstalledPwa15)).toBe(false);
  expect(supportsCameraInInstalledApp(UA.androidChrome)).toBe(true);
  expect(supportsCameraInInstalledApp(UA.windowsChrome)).toBe(true);
});
