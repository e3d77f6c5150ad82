/**
 * A product's fields as the seller types them: what the API checks, asked for in words a seller
 * uses. The browser's own checks catch the obvious (required, lengths); the API's errors, which
 * name the field, are shown as they come.
 */
import { useState, type FormEvent } from 'react';
import type { ProductInput } from '@golive/common/generated/schema-types';

const EMPTY: ProductInput = {
  title: '',
  price: '',
  currency: 'EUR',
  buyUrl: '',
  imageUrl: '',
  description: '',
};

export function ProductForm(props: {
  initial?: ProductInput;
  saving: boolean;
  error?: string;
  onSave: (input: ProductInput) => void;
  onCancel: () => void;
}) {
  const [input, setInput] = useState<ProductInput>(props.initial ?? EMPTY);
  const set = (field: keyof ProductInput) => (value: string) =>
    setInput((previous) => ({ ...previous, [field]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSave({
      ...input,
      currency: input.currency.trim().toUpperCase(),
      imageUrl: input.imageUrl?.trim() || null,
      description: input.description?.trim() || null,
    });
  };
  return (
    <form className="product-form" onSubmit={submit}>
      <Field
        id="product-title"
        label="Title"
        value={input.title}
        onChange={set('title')}
        maxLength={120}
        required
      />
      <div className="row">
        <Field
          id="product-price"
          label="Price"
          value={input.price}
          onChange={set('price')}
          inputMode="decimal"
          placeholder="19.99"
          required
        />
        <Field
          id="product-currency"
          label="Currency"
          value={input.currency}
          onChange={set('currency')}
          maxLength={3}
          placeholder="EUR"
          required
        />
      </div>
      <Field
        id="product-buy-url"
        label="Link to buy"
        type="url"
        value={input.buyUrl}
        onChange={set('buyUrl')}
        placeholder="https://"
        required
      />
      <Field
        id="product-image-url"
        label="Image link (optional)"
        type="url"
        value={input.imageUrl ?? ''}
        onChange={set('imageUrl')}
        placeholder="https://"
      />
      <div className="field">
        <label htmlFor="product-description">Description (optional)</label>
        <textarea
          id="product-description"
          maxLength={500}
          rows={3}
          value={input.description ?? ''}
          onChange={(event) => set('description')(event.target.value)}
        />
      </div>
      {props.error && (
        <p className="error" role="alert">
          {props.error}
        </p>
      )}
      <div className="row">
        <button className="button primary" type="submit" disabled={props.saving}>
          {props.saving ? 'Saving…' : 'Save product'}
        </button>
        <button className="button" type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Field(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: string;
  inputMode?: 'decimal';
  maxLength?: number;
  placeholder?: string;
  required?: boolean;
}) {
  const { id, label, onChange, ...input } = props;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} {...input} onChange={(event) => onChange(event.target.value)} />
    </div>
  );
}
