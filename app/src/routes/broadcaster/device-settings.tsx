/** Camera, microphone and quality: chosen before going live (a recording cannot change them). */
import { QUALITY_PRESETS, type QualityName } from '../../broadcast/camera';
import type { Camera } from './use-camera';

export function DeviceSettings({
  camera,
  disabled,
  format,
}: {
  camera: Camera;
  disabled: boolean;
  format?: string;
}) {
  const { devices, choice } = camera;
  return (
    <details className="device-settings">
      <summary>Camera, microphone and quality</summary>
      {disabled && <p className="hint">These can be changed when you are not live.</p>}
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
      <div className="field">
        <label htmlFor="camera">Camera</label>
        <select
          id="camera"
          value={choice.videoDeviceId ?? ''}
          disabled={disabled}
          onChange={(event) =>
            event.target.value
              ? camera.choose({ videoDeviceId: event.target.value })
              : camera.choose({ facingMode: 'user' })
          }
        >
          <option value="">Front camera</option>
          {devices.cameras.map((device, index) => (
            <option key={device.deviceId} value={device.deviceId}>
              {device.label || `Camera ${index + 1}`}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="microphone">Microphone</label>
        <select
          id="microphone"
          value={choice.audioDeviceId ?? ''}
          disabled={disabled}
          onChange={(event) => camera.choose({ audioDeviceId: event.target.value || undefined })}
        >
          <option value="">Default microphone</option>
          {devices.microphones.map((device, index) => (
            <option key={device.deviceId} value={device.deviceId}>
              {device.label || `Microphone ${index + 1}`}
            </option>
          ))}
        </select>
      </div>
      {format && <p className="hint">Recording as {format}.</p>}
    </details>
  );
}
