import { h } from './dom';

type FieldOptions = {
  id: string;
  label: string;
  name: string;
  multiline?: boolean;
  type?: string;
  autocomplete?: string;
  maxLength: number;
};

/** A labelled input (or textarea) with the line that explains what is wrong with it. */
export function createField(options: FieldOptions) {
  const errorId = `${options.id}-error`;
  const common = { id: options.id, name: options.name, maxlength: String(options.maxLength), required: true };
  const control = options.multiline
    ? h('textarea', { ...common, rows: '4' })
    : h('input', { ...common, type: options.type ?? 'text', autocomplete: options.autocomplete });
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const element = h('div', { class: 'field' }, h('label', { for: options.id }, options.label), control, error);
  return {
    element,
    control,
    value: () => control.value,
    setError(message: string | undefined) {
      error.textContent = message ?? '';
      error.hidden = !message;
      if (message) {
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('aria-describedby', errorId);
      } else {
        control.removeAttribute('aria-invalid');
        control.removeAttribute('aria-describedby');
      }
    },
  };
}
