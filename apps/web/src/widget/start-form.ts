import { WIDGET_MESSAGE_LIMIT, WIDGET_NAME_LIMIT } from '@caseflow/contract/widget-limits';
import { h } from './dom';
import { createField } from './form-field';
import { type FieldErrors, FORM_FIELDS, WidgetError } from './problem';
import { EMAIL_LIMIT, type StartValues, validateStart } from './validate';

/**
 * The first screen: name, email and the first message. `onSubmit` sends them; a WidgetError it throws
 * is shown beside its fields, or above the button.
 */
export function createStartForm(idPrefix: string, onSubmit: (values: StartValues) => Promise<void>) {
  const fields = {
    name: createField({
      id: `${idPrefix}-name`,
      name: 'name',
      label: 'Your name',
      autocomplete: 'name',
      maxLength: WIDGET_NAME_LIMIT,
    }),
    email: createField({
      id: `${idPrefix}-email`,
      name: 'email',
      label: 'Email',
      type: 'email',
      autocomplete: 'email',
      maxLength: EMAIL_LIMIT,
    }),
    message: createField({
      id: `${idPrefix}-message`,
      name: 'message',
      label: 'How can we help?',
      multiline: true,
      maxLength: WIDGET_MESSAGE_LIMIT,
    }),
  };
  const alert = h('p', { class: 'alert', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Start chat');
  const element = h(
    'form',
    { class: 'start-form', novalidate: true, 'aria-label': 'Start a conversation' },
    fields.name.element,
    fields.email.element,
    fields.message.element,
    alert,
    submit,
  );

  const showAlert = (message: string) => {
    alert.textContent = message;
    alert.hidden = message === '';
  };
  const showErrors = (errors: FieldErrors) => {
    for (const field of FORM_FIELDS) fields[field].setError(errors[field]);
    const first = FORM_FIELDS.find((field) => errors[field]);
    if (first) fields[first].control.focus();
  };

  element.addEventListener('submit', (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    showAlert('');
    const values = { name: fields.name.value(), email: fields.email.value(), message: fields.message.value() };
    const errors = validateStart(values);
    showErrors(errors);
    if (Object.keys(errors).length > 0) return;
    submit.disabled = true;
    submit.textContent = 'Sending…';
    onSubmit({ name: values.name.trim(), email: values.email.trim(), message: values.message.trim() })
      .catch((error: unknown) => {
        const problem = error instanceof WidgetError ? error : undefined;
        showErrors(problem?.fieldErrors ?? {});
        const hasFieldErrors = FORM_FIELDS.some((field) => problem?.fieldErrors[field]);
        if (!hasFieldErrors) showAlert(problem?.message ?? 'Something went wrong. Please try again.');
      })
      .finally(() => {
        submit.disabled = false;
        submit.textContent = 'Start chat';
      });
  });

  return {
    element,
    focus: () => fields.name.control.focus(),
    prefill(values: Partial<StartValues>) {
      for (const field of FORM_FIELDS) if (values[field]) fields[field].control.value = values[field];
    },
  };
}
