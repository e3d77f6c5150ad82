/** The seller's channels to broadcast on, a form to create one, and renaming or deleting the chosen one. */
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import * as op from '@golive/common/api-operations';
import { Loading } from '../../ui/loading';
import { ChannelActions } from './channel-actions';
import { useMyChannels } from './use-my-channels';

export function ChannelPicker(props: {
  channelId?: string;
  onChange: (channelId: string) => void;
  disabled: boolean;
}) {
  const { channels: all, loading, error, reload } = useMyChannels();
  const [createChannel, creating] = useMutation(op.CREATE_CHANNEL);
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const channels = all ?? [];
  const { onChange, channelId } = props;
  const chosen = channels.find((channel) => channel.id === channelId);

  // The first channel is chosen when there is no (valid) choice yet.
  if (!loading && channels.length > 0 && !channels.some((channel) => channel.id === channelId))
    queueMicrotask(() => onChange(channels[0]!.id));

  const create = (event: FormEvent) => {
    event.preventDefault();
    void createChannel({ variables: { name: name.trim() } }).then(({ data: created }) => {
      if (!created) return;
      reload();
      onChange(created.createChannel.id);
      setName('');
      setAdding(false);
    });
  };

  if (!all && !error) return <Loading label="Loading your channels…" />;
  if (error)
    return (
      <p className="error" role="alert">
        Your channels could not be loaded: {error.message}
      </p>
    );
  if (adding || (!loading && channels.length === 0))
    return (
      <form className="channel-create" onSubmit={create}>
        <div className="field">
          <label htmlFor="channel-name">
            {channels.length === 0 ? 'Name your first channel' : 'New channel name'}
          </label>
          <input
            id="channel-name"
            required
            maxLength={128}
            placeholder="e.g. Friday vintage drop"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className="row">
          <button className="button primary" type="submit" disabled={creating.loading || !name.trim()}>
            {creating.loading ? 'Creating…' : 'Create channel'}
          </button>
          {channels.length > 0 && (
            <button className="button" type="button" onClick={() => setAdding(false)}>
              Cancel
            </button>
          )}
        </div>
        {creating.error && (
          <p className="error" role="alert">
            {creating.error.message}
          </p>
        )}
      </form>
    );
  return (
    <div className="channel-picker">
      <div className="field">
        <label htmlFor="channel">Channel</label>
        <select
          id="channel"
          value={channelId ?? ''}
          disabled={props.disabled || loading}
          onChange={(event) => onChange(event.target.value)}
        >
          {channels.map((channel) => (
            <option key={channel.id} value={channel.id}>
              {channel.name}
            </option>
          ))}
        </select>
      </div>
      <button
        className="button small"
        type="button"
        disabled={props.disabled}
        onClick={() => setAdding(true)}
      >
        New channel
      </button>
      {chosen && (
        <ChannelActions
          key={chosen.id}
          channel={chosen}
          disabled={props.disabled}
          onRenamed={reload}
          onDeleted={() => {
            const next = channels.find((channel) => channel.id !== chosen.id);
            reload();
            if (next) onChange(next.id);
          }}
        />
      )}
    </div>
  );
}
