import { Alert } from '@mantine/core';
import { errorMessage } from '../../lib/api-client';
import { serverFieldErrors } from '../../lib/forms';

/**
 * Shows the server's reason unless it already sits on a form field. With `fields`, only errors on those
 * paths count as shown: a 409 may name a path that is no field of the form (`status`, `agentIds.2`).
 */
export function FormError({ error, fields }: { error: unknown; fields?: string[] }) {
  const paths = Object.keys(serverFieldErrors(error));
  const isOnField = fields ? paths.some((path) => fields.includes(path)) : paths.length > 0;
  if (!error || isOnField) return null;
  return (
    <Alert color="red" role="alert">
      {errorMessage(error)}
    </Alert>
  );
}
