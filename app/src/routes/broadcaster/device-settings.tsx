/**
 * Camera, microphone and quality: chosen before going live (a recording cannot change them), except
 * the camera, which can change while live where the recording takes another camera (WebCodecs).
 */
import { QUALITY_PRESETS, type QualityName } from '../../broadcast/camera';
import type { Camera } from './use-camera';

export function DeviceSettings({
  camera,
  disabled,
  cameraSwitchable,
  format,
  adaptive,
  onAdaptiveChange,
}: {
  camera: Camera;
  /** Live: what the recording was started with stays. */
  disabled: boolean;
  /** The camera can change now (not live, or live with a recording that takes another camera). */
  cameraSwitchable: boolean;
  format?: string;
  /** WebCodecs with a bitrate that follows the connection, or the browser's MediaRecorder. */
  adaptive: boolean;
  onAdaptiveChange: (adaptive: boolean) => void;
}) {
  const { devices, choice } = camera;
  return (
    <details className="device-settings">
      <summary>Camera, microphone and quality</summary>
      {disabled && (
        <p className="hint">
          {cameraSwitchable
            ? 'While live, only the camera can change; the rest can when you are not live.'
            : 'These can be changed when you are not live: the browser’s recorder keeps the camera it started with.'}
        </p>
      )}
      <div className="field">
        <label htmlFor="quality">Quality</label>
        <select
          id="quality"
          value={choice.preset.name}
          disabled={disabled}
          onChange={(event) => camera.choose({ quality: event.target.value as QualityName })}
        >
          {Object.values(QUALITY_PRESETS).map((preset) => (
            <option key={preset.name} value={preset.name}>
              {preset.label}, {(preset.videoKbps / 1000).toFixed(1)} Mbps
            </option>
          ))}
        </select>
      </div>
      <DeviceSelect
        id="camera"
        label="Camera"
        defaultLabel="Front camera"
        devices={devices.cameras}
        value={choice.videoDeviceId}
        disabled={!cameraSwitchable}
        onChange={(deviceId) =>
          camera.choose(deviceId ? { videoDeviceId: deviceId } : { facingMode: 'user' })
        }
      />
      <DeviceSelect
        id="microphone"
        label="Microphone"
        defaultLabel="Default microphone"
        devices={devices.microphones}
        value={choice.audioDeviceId}
        disabled={disabled}
        onChange={(deviceId) => camera.choose({ audioDeviceId: deviceId })}
      />
      <label className="check">
        <input
          type="checkbox"
          checked={adaptive}
          disabled={disabled}
          onChange={(event) => onAdaptiveChange(event.target.checked)}
        />
        Adapt quality to my connection
      </label>
      <p className="hint">
        Turn this off if your video stutters on this device: the browser's own recorder is used instead, at a
        fixed quality.
      </p>
      {format && <p className="hint">Recording as {format}.</p>}
    </details>
  );
}

function DeviceSelect(props: {
  id: string;
  label: string;
  defaultLabel: string;
  devices: MediaDeviceInfo[];
  value?: string;
  disabled: boolean;
  onChange: (deviceId: string | undefined) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value ?? ''}
        disabled={props.disabled}
        onChange={(event) => props.onChange(event.target.value || undefined)}
      >
        <option value="">{props.defaultLabel}</option>
        {props.devices.map((device, index) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label || `${props.label} ${index + 1}`}
          </option>
        ))}
      </select>
    </div>
  );
}
