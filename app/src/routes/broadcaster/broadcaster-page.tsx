/**
 * Go live (sellers): pick a channel, see yourself, choose camera, microphone and quality, go live,
 * watch the numbers, end it. The broadcast survives drops and endpoint changes by itself; this
 * page shows what is happening without ending it.
 */
import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { useAuth } from '../../auth/auth-context';
import { canChangeDevices, isOnAir } from '../../broadcast/broadcaster-state';
import { zoomLabel } from '../../broadcast/camera-zoom';
import { currentBrowser } from '../../platform/browser-support';
import { usePageTitle } from '../../ui/page-title';
import { ChannelPicker } from './channel-picker';
import { DeviceSettings } from './device-settings';
import { LiveStats } from './live-stats';
import { ProductList } from './product-list';
import { SellerChat } from './seller-chat';
import { LiveStatus } from './live-status';
import { ViewerCount } from './viewer-count';
import { StopDialog } from './stop-dialog';
import { useCamera } from './use-camera';
import { useLiveBroadcast } from './use-live-broadcast';
import './broadcaster.css';

const CHANNEL_KEY = 'golive.channel';
const ADAPTIVE_KEY = 'golive.adaptiveEncoding';

export default function BroadcasterPage() {
  usePageTitle('Go live');
  const { user, is } = useAuth();
  if (!user)
    return (
      <main className="page center">
        <h1>Go live</h1>
        <p>Sign in with a seller account to go live.</p>
        <Link className="button primary" href="/sign-in" state={{ from: '/live' }}>
          Sign in
        </Link>
      </main>
    );
  if (!is('sellers'))
    return (
      <main className="page center">
        <h1>Go live</h1>
        <p>Only seller accounts can go live. Ask an administrator to add you to sellers.</p>
      </main>
    );
  return <Broadcaster />;
}

function Broadcaster() {
  const [adaptive, setAdaptive] = useState(() => localStorage.getItem(ADAPTIVE_KEY) !== 'false');
  const live = useLiveBroadcast(adaptive);
  const locked = !canChangeDevices(live.state);
  const camera = useCamera(locked, live.canSwitchCamera ? live.switchCamera : undefined);
  const cameraSwitchable = !locked || live.canSwitchCamera;
  const [channelId, setChannelId] = useState(() => localStorage.getItem(CHANNEL_KEY) ?? undefined);
  const [confirmStop, setConfirmStop] = useState(false);
  const [chatOverlay, setChatOverlay] = useState<HTMLElement | null>(null);
  const preview = useRef<HTMLVideoElement>(null);
  const [browser] = useState(currentBrowser);
  const onAir = isOnAir(live.state);
  const busy = live.state.name === 'preparing' || live.state.name === 'stopping';

  useEffect(() => {
    if (preview.current && camera.stream) preview.current.srcObject = camera.stream;
  }, [camera.stream]);

  const chooseChannel = (id: string) => {
    setChannelId(id);
    localStorage.setItem(CHANNEL_KEY, id);
  };
  const front = camera.choice.facingMode !== 'environment' && !camera.choice.videoDeviceId;

  return (
    <main className="broadcaster">
      <h1 className="visually-hidden">Go live</h1>
      <section className="preview-area" aria-label="Camera preview">
        <video
          ref={preview}
          className={`preview ${front ? 'mirrored' : ''} ${camera.cameraOff ? 'off' : ''}`}
          autoPlay
          muted
          playsInline
          aria-label="Your camera"
        />
        {camera.cameraOff && <p className="preview-note">Camera off: viewers see black</p>}
        {camera.error && (
          <div className="preview-note error-panel" role="alert">
            <p>{camera.error}</p>
            <button className="button small" onClick={camera.retry}>
              Try again
            </button>
          </div>
        )}
        <LiveStatus
          state={live.state}
          stats={live.stats}
          statsAt={live.statsAt}
          uplinkBehind={live.uplinkBehind}
        />
        {onAir && channelId && <ViewerCount channelId={channelId} />}
        {onAir && <div className="chat-overlay" ref={setChatOverlay} />}
        {camera.zoom && (
          <label className="zoom-control">
            <span aria-hidden="true">{zoomLabel(camera.zoom)}</span>
            <input
              type="range"
              aria-label="Zoom"
              aria-valuetext={zoomLabel(camera.zoom)}
              min={camera.zoom.min}
              max={camera.zoom.max}
              step={camera.zoom.step}
              value={camera.zoom.value}
              onChange={(event) => camera.setZoom(Number(event.target.value))}
            />
          </label>
        )}
        <div className="preview-tools">
          <button
            className="round-button"
            aria-pressed={camera.muted}
            onClick={() => camera.setMuted(!camera.muted)}
          >
            {camera.muted ? 'Unmute' : 'Mute'}
          </button>
          <button
            className="round-button"
            aria-pressed={camera.cameraOff}
            onClick={() => camera.setCameraOff(!camera.cameraOff)}
          >
            {camera.cameraOff ? 'Camera on' : 'Camera off'}
          </button>
          {browser.mobile && (
            <button
              className="round-button"
              disabled={!cameraSwitchable}
              onClick={camera.flip}
              title={cameraSwitchable ? undefined : 'This browser switches cameras only before going live'}
            >
              Flip
            </button>
          )}
        </div>
      </section>

      <section className="control-panel" aria-label="Broadcast controls">
        {live.warning && (
          <p className="banner banner-warning" role="alert">
            {live.warning}
          </p>
        )}
        {live.state.name === 'error' && (
          <div className="notice error-notice" role="alert">
            <p>{live.state.message}</p>
            <button className="button small" onClick={live.dismiss}>
              OK
            </button>
          </div>
        )}
        {live.state.name === 'idle' && live.state.notice && (
          <p className="notice" role="status">
            {live.state.notice}
          </p>
        )}
        <ChannelPicker
          channelId={channelId}
          onChange={chooseChannel}
          disabled={!canChangeDevices(live.state)}
        />
        {channelId && (
          <p className="watch-link">
            Viewers watch at{' '}
            <Link href={`/watch/${channelId}`}>{`${location.origin}/watch/${channelId}`}</Link>
          </p>
        )}

        {onAir || busy ? (
          <button
            className="button primary big"
            disabled={live.state.name === 'stopping'}
            onClick={() => setConfirmStop(true)}
          >
            {live.state.name === 'stopping' ? 'Ending…' : 'End broadcast'}
          </button>
        ) : (
          <button
            className="button primary big"
            disabled={!camera.stream || !channelId}
            onClick={() =>
              channelId && camera.stream && live.goLive(channelId, camera.stream, camera.choice.preset)
            }
          >
            Go live
          </button>
        )}

        {(onAir || live.stats) && (
          <LiveStats
            stats={live.stats}
            endpoint={live.endpoint}
            format={live.format?.label}
            encoding={live.encoding}
            targetKbps={camera.choice.preset.videoKbps + camera.choice.preset.audioKbps}
          />
        )}
        {channelId && <SellerChat key={channelId} channelId={channelId} overlay={chatOverlay} />}
        {channelId && <ProductList channelId={channelId} />}
        <DeviceSettings
          camera={camera}
          disabled={locked}
          cameraSwitchable={cameraSwitchable}
          format={live.format?.label}
          adaptive={adaptive}
          onAdaptiveChange={(on) => {
            setAdaptive(on);
            localStorage.setItem(ADAPTIVE_KEY, String(on));
          }}
        />
      </section>
      <StopDialog
        open={confirmStop}
        onCancel={() => setConfirmStop(false)}
        onConfirm={() => {
          setConfirmStop(false);
          live.stop();
        }}
      />
    </main>
  );
}
