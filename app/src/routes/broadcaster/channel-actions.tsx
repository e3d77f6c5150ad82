/**
 * Renaming and deleting the chosen channel, beside the picker, when not live (the API refuses to
 * delete a live channel anyway). Deleting asks first: the watch link stops working and the IVS
 * channel is deleted too.
 */
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import * as op from '@golive/common/api-operations';
import { ConfirmDialog } from '../../ui/confirm-dialog';

export function ChannelActions(props: {
  channel: { id: string; name: string };
  disabled: boolean;
  onRenamed: () => void;
  onDeleted: () => void;
}) {
  const { channel } = props;
  const [rename, renaming] = useMutation(op.RENAME_CHANNEL);
  const [remove, removing] = useMutation(op.DELETE_CHANNEL);
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(channel.name);
  const [confirming, setConfirming] = useState(false);

  const saveName = (event: FormEvent) => {
    event.preventDefault();
    void rename({ variables: { id: channel.id, name: name.trim() } })
      .then(({ error }) => {
        if (error) return;
        setEditing(false);
        props.onRenamed();
      })
      .catch(() => undefined);
  };
  const deleteChannel = () => {
    setConfirming(false);
    void remove({ variables: { id: channel.id } })
      .then(({ error }) => !error && props.onDeleted())
      .catch(() => undefined);
  };
  const problem = renaming.error ?? removing.error;

  return (
    <>
      {editing ? (
        <form className="channel-rename" onSubmit={saveName}>
          <div className="field">
            <label htmlFor="channel-new-name">Channel name</label>
            <input
              id="channel-new-name"
              required
              maxLength={64}
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          </div>
          <div className="row">
            <button
              className="button primary small"
              type="submit"
              disabled={renaming.loading || !name.trim()}
            >
              Save name
            </button>
            <button className="button small" type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="row">
          <button
            className="button small"
            type="button"
            disabled={props.disabled}
            onClick={() => {
              setName(channel.name);
              setEditing(true);
            }}
          >
            Rename
          </button>
          <button
            className="button small"
            type="button"
            disabled={props.disabled || removing.loading}
            onClick={() => setConfirming(true)}
          >
            Delete channel
          </button>
        </div>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem.message}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Delete ${channel.name}?`}
        cancelLabel="Keep it"
        confirmLabel="Delete channel"
        onConfirm={deleteChannel}
        onCancel={() => setConfirming(false)}
      >
        <p>Its watch link stops working for good. Your other channels are not touched.</p>
      </ConfirmDialog>
    </>
  );
}
