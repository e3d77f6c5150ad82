/**
 * The seller's camera and microphone: quality presets, the constraints that ask for them in the
 * orientation the phone is held, the devices to pick from, and what each getUserMedia failure
 * means in words.
 */
import { zoomConstraint } from './camera-zoom';

export type QualityName = 'low' | 'standard' | 'high';

export interface QualityPreset {
  name: QualityName;
  label: string;
  /** The long side and short side of the picture, whichever way the phone is held. */
  long: number;
  short: number;
  frameRate: number;
  videoKbps: number;
  audioKbps: number;
}

export const QUALITY_PRESETS: Record<QualityName, QualityPreset> = {
  low: {
    name: 'low',
    label: 'Data saver (360p)',
    long: 640,
    short: 360,
    frameRate: 30,
    videoKbps: 800,
    audioKbps: 64,
  },
  standard: {
    name: 'standard',
    label: 'Standard (720p)',
    long: 1280,
    short: 720,
    frameRate: 30,
    videoKbps: 2500,
    audioKbps: 96,
  },
  high: {
    name: 'high',
    label: 'High (1080p)',
    long: 1920,
    short: 1080,
    frameRate: 30,
    videoKbps: 4500,
    audioKbps: 128,
  },
};

export interface CameraChoice {
  preset: QualityPreset;
  portrait: boolean;
  /** A specific camera, or the front/back one on phones. */
  videoDeviceId?: string;
  facingMode?: 'user' | 'environment';
  audioDeviceId?: string;
}

export function cameraConstraints(choice: CameraChoice): MediaStreamConstraints {
  const { preset, portrait } = choice;
  return {
    video: {
      width: { ideal: portrait ? preset.short : preset.long },
      height: { ideal: portrait ? preset.long : preset.short },
      frameRate: { ideal: preset.frameRate, max: 30 },
      ...(choice.videoDeviceId
        ? { deviceId: { exact: choice.videoDeviceId } }
        : { facingMode: { ideal: choice.facingMode ?? 'user' } }),
      ...zoomConstraint(),
    },
    audio: {
      echoCancellation: true,
      noiseSuppression: true,
      autoGainControl: true,
      ...(choice.audioDeviceId ? { deviceId: { exact: choice.audioDeviceId } } : {}),
    },
  };
}

export interface Devices {
  cameras: MediaDeviceInfo[];
  microphones: MediaDeviceInfo[];
}

export async function listDevices(): Promise<Devices> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return {
    cameras: devices.filter((device) => device.kind === 'videoinput'),
    microphones: devices.filter((device) => device.kind === 'audioinput'),
  };
}

export function describeCameraError(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
      return 'Camera and microphone are blocked. Allow them for this site in your browser settings, then try again.';
    case 'NotFoundError':
      return 'No camera or microphone was found on this device.';
    case 'NotReadableError':
      return 'The camera is in use by another app. Close it and try again.';
    case 'OverconstrainedError':
      return 'This camera cannot do the chosen quality. Choose another quality or camera.';
    default:
      return `The camera could not start${error instanceof Error ? `: ${error.message}` : '.'}`;
  }
}
