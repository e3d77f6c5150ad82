/**
 * The camera preview's stream for the broadcaster page: opened with the chosen camera, microphone,
 * quality and orientation, reopened when those change while not live, muted or blacked out by
 * disabling tracks, zoomed where the camera can, and closed when the page goes. While live, only
 * the camera (and its zoom) can change, and only where the recording can take another camera
 * (`liveSwitch`): the new camera's track goes to the running recording and the microphone stays as
 * it is. That is also how a camera the platform ended while live comes back.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  cameraConstraints,
  describeCameraError,
  listDevices,
  QUALITY_PRESETS,
  type CameraChoice,
  type Devices,
  type QualityName,
} from '../../broadcast/camera';
import { applyZoom, zoomRange, type ZoomRange } from '../../broadcast/camera-zoom';

const portraitQuery = () => window.matchMedia('(orientation: portrait)');

export interface Camera {
  stream?: MediaStream;
  error?: string;
  devices: Devices;
  choice: CameraChoice;
  muted: boolean;
  cameraOff: boolean;
  choose: (
    change: Partial<Pick<CameraChoice, 'videoDeviceId' | 'audioDeviceId' | 'facingMode'>> & {
      quality?: QualityName;
    },
  ) => void;
  flip: () => void;
  setMuted: (muted: boolean) => void;
  setCameraOff: (off: boolean) => void;
  retry: () => void;
  /** The camera's zoom, where it has one. */
  zoom?: ZoomRange;
  setZoom: (value: number) => void;
}

export function useCamera(locked: boolean, liveSwitch?: (track: MediaStreamTrack) => void): Camera {
  const [choice, setChoice] = useState<CameraChoice>(() => ({
    preset: QUALITY_PRESETS.standard,
    portrait: portraitQuery().matches,
    facingMode: 'user',
  }));
  // What the stream is opened with: the choice, except for a camera switched to while live.
  const [opening, setOpening] = useState(choice);
  const [stream, setStream] = useState<MediaStream>();
  const current = useRef<MediaStream>(undefined);
  current.current = stream;
  const [error, setError] = useState<string>();
  const [devices, setDevices] = useState<Devices>({ cameras: [], microphones: [] });
  const [muted, setMuted] = useState(false);
  const [cameraOff, setCameraOff] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    let opened: MediaStream | undefined;
    setError(undefined);
    navigator.mediaDevices
      .getUserMedia(cameraConstraints(opening))
      .then(async (media) => {
        opened = media;
        if (cancelled) return media.getTracks().forEach((track) => track.stop());
        setStream(media);
        // Device names are only readable once access is granted.
        setDevices(await listDevices());
      })
      .catch((caught: unknown) => {
        if (!cancelled) setError(describeCameraError(caught));
      });
    return () => {
      cancelled = true;
      opened?.getTracks().forEach((track) => track.stop());
      // A camera switched to while live is in the current stream only.
      current.current?.getTracks().forEach((track) => track.stop());
    };
  }, [opening, attempt]);

  // Mute and camera-off keep the tracks (and the recording) going: silence and black frames.
  useEffect(() => {
    stream?.getAudioTracks().forEach((track) => (track.enabled = !muted));
    stream?.getVideoTracks().forEach((track) => (track.enabled = !cameraOff));
  }, [stream, muted, cameraOff]);

  // Each camera opened starts at its own zoom, if it has one.
  const [zoom, setZoomRange] = useState<ZoomRange>();
  useEffect(() => setZoomRange(zoomRange(stream?.getVideoTracks()[0])), [stream]);
  const setZoom = useCallback((value: number) => {
    const track = current.current?.getVideoTracks()[0];
    if (!track) return;
    setZoomRange((range) => range && { ...range, value });
    // Refused (the camera went, or changed its mind): show where the camera really is.
    applyZoom(track, value).catch(() => setZoomRange(zoomRange(track)));
  }, []);

  // The picture follows the way the phone is held, until the seller goes live.
  useEffect(() => {
    const query = portraitQuery();
    const onChange = () => {
      if (locked) return;
      setChoice((previous) => ({ ...previous, portrait: query.matches }));
      setOpening((previous) => ({ ...previous, portrait: query.matches }));
    };
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, [locked]);

  const switching = useRef(false);
  /** Opens `to`'s camera in place of `from`'s and hands it to the running recording. */
  const openLive = useCallback(
    (from: MediaStream | undefined, to: CameraChoice) =>
      switchLiveCamera(from, to, cameraOff).then((opened) => {
        setStream(opened.stream);
        liveSwitch?.(opened.track);
      }),
    [cameraOff, liveSwitch],
  );

  // A camera the platform took while live (iOS can end it while the app is in the background;
  // another app can take it) is opened again once the page is visible, into the same recording,
  // which repeats its last picture meanwhile.
  useEffect(() => {
    const track = stream?.getVideoTracks()[0];
    if (!locked || !liveSwitch || !track) return;
    const reopen = () => {
      if (document.hidden || track.readyState !== 'ended' || switching.current) return;
      switching.current = true;
      void openLive(stream, choice)
        .catch((caught: unknown) => setError(describeCameraError(caught)))
        .finally(() => (switching.current = false));
    };
    track.addEventListener('ended', reopen);
    document.addEventListener('visibilitychange', reopen);
    return () => {
      track.removeEventListener('ended', reopen);
      document.removeEventListener('visibilitychange', reopen);
    };
  }, [stream, locked, liveSwitch, choice, openLive]);

  const choose = useCallback<Camera['choose']>(
    ({ quality, ...change }) => {
      const next: CameraChoice = {
        ...choice,
        ...change,
        ...(quality ? { preset: QUALITY_PRESETS[quality] } : {}),
        // Facing front/back replaces a specific camera, and the other way round.
        ...(change.facingMode ? { videoDeviceId: undefined } : {}),
      };
      if (!locked) {
        setChoice(next);
        setOpening(next);
        return;
      }
      const cameraChange = change.videoDeviceId !== undefined || change.facingMode !== undefined;
      if (!liveSwitch || !cameraChange || quality || change.audioDeviceId || switching.current) return;
      switching.current = true;
      setChoice(next);
      const audio = current.current?.getAudioTracks() ?? [];
      void openLive(current.current, next)
        .catch(async (caught: unknown) => {
          // Back to the camera that worked, so the broadcast does not stay on a frozen picture.
          setError(describeCameraError(caught));
          setChoice(choice);
          await openLive(new MediaStream(audio), choice);
        })
        .catch((caught: unknown) => setError(describeCameraError(caught)))
        .finally(() => (switching.current = false));
    },
    [choice, locked, liveSwitch, openLive],
  );

  return {
    stream,
    error,
    devices,
    choice,
    muted,
    cameraOff,
    choose,
    flip: () => choose({ facingMode: choice.facingMode === 'environment' ? 'user' : 'environment' }),
    setMuted,
    setCameraOff,
    retry: () => setAttempt((count) => count + 1),
    zoom,
    setZoom,
  };
}

/**
 * Opens the chosen camera in place of the current one, keeping the microphone. The current camera
 * closes first: phones open one camera at a time (the recording repeats its last picture meanwhile).
 */
async function switchLiveCamera(
  stream: MediaStream | undefined,
  choice: CameraChoice,
  cameraOff: boolean,
): Promise<{ stream: MediaStream; track: MediaStreamTrack }> {
  stream?.getVideoTracks().forEach((track) => track.stop());
  const opened = await navigator.mediaDevices.getUserMedia({ video: cameraConstraints(choice).video });
  const track = opened.getVideoTracks()[0]!;
  track.enabled = !cameraOff;
  return { stream: new MediaStream([track, ...(stream?.getAudioTracks() ?? [])]), track };
}
