/**
 * The camera's zoom, where the camera and browser offer it (Chromium once the site may move the
 * camera, Chrome on Android, Safari on iOS 17 and later). Zoom changes what the camera delivers,
 * so the recording, which reads the same track, zooms with it, live or not, on either encoder.
 */

/** A zoom the seller can choose: the camera's range, and where it is now. */
export interface ZoomRange {
  min: number;
  max: number;
  step: number;
  value: number;
}

/** The zoom members of Media Capture's image-capture extension, not in TypeScript's DOM types. */
interface ZoomCapability {
  zoom?: { min: number; max: number; step?: number };
}

/**
 * What getUserMedia is asked for so that the camera's zoom can be used: `zoom: true` asks for the
 * permission to zoom along with the camera's (Chromium's "use and move your camera"), where the
 * browser knows the constraint; elsewhere nothing, not to risk an unknown constraint.
 */
export function zoomConstraint(): { zoom?: true } {
  const supported = navigator.mediaDevices.getSupportedConstraints() as { zoom?: boolean };
  return supported.zoom ? { zoom: true } : {};
}

/** The zoom `track` offers, if any. */
export function zoomRange(track: MediaStreamTrack | undefined): ZoomRange | undefined {
  if (!track || track.readyState !== 'live' || typeof track.getCapabilities !== 'function') return undefined;
  const zoom = (track.getCapabilities() as ZoomCapability).zoom;
  if (!zoom || !(zoom.max > zoom.min)) return undefined;
  return {
    min: zoom.min,
    max: zoom.max,
    step: zoom.step || (zoom.max - zoom.min) / 100,
    value: track.getSettings().zoom ?? zoom.min,
  };
}

export function applyZoom(track: MediaStreamTrack, zoom: number): Promise<void> {
  return track.applyConstraints({ advanced: [{ zoom } as MediaTrackConstraintSet] });
}

/** How a zoom reads to a person: "2.5×", relative to the widest the camera sees. */
export function zoomLabel({ min, value }: Pick<ZoomRange, 'min' | 'value'>): string {
  return `${(value / min).toFixed(1)}×`;
}
