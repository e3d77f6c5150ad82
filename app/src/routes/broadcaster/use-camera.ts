/**
 * The camera preview's stream for the broadcaster page: opened with the chosen camera, microphone,
 * quality and orientation, reopened when those change (only while not live: a recording cannot
 * change its tracks), muted or blacked out by disabling tracks, and closed when the page goes.
 */
import { useCallback, useEffect, useState } from 'react';
import {
  cameraConstraints,
  describeCameraError,
  listDevices,
  QUALITY_PRESETS,
  type CameraChoice,
  type Devices,
  type QualityName,
} from '../../broadcast/camera';

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
}

export function useCamera(locked: boolean): Camera {
  const [choice, setChoice] = useState<CameraChoice>(() => ({
    preset: QUALITY_PRESETS.standard,
    portrait: portraitQuery().matches,
    facingMode: 'user',
  }));
  const [stream, setStream] = useState<MediaStream>();
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
      .getUserMedia(cameraConstraints(choice))
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
    };
  }, [choice, attempt]);

  // Mute and camera-off keep the tracks (and the recording) going: silence and black frames.
  useEffect(() => {
    stream?.getAudioTracks().forEach((track) => (track.enabled = !muted));
    stream?.getVideoTracks().forEach((track) => (track.enabled = !cameraOff));
  }, [stream, muted, cameraOff]);

  // The picture follows the way the phone is held, until the seller goes live.
  useEffect(() => {
    const query = portraitQuery();
    const onChange = () => {
      if (!locked) setChoice((current) => ({ ...current, portrait: query.matches }));
    };
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, [locked]);

  const choose = useCallback<Camera['choose']>(
    ({ quality, ...change }) => {
      if (locked) return;
      setChoice((current) => ({
        ...current,
        ...change,
        ...(quality ? { preset: QUALITY_PRESETS[quality] } : {}),
        // Facing front/back replaces a specific camera, and the other way round.
        ...(change.facingMode ? { videoDeviceId: undefined } : {}),
      }));
    },
    [locked],
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
  };
}
