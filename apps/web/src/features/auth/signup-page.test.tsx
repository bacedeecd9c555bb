import type { User } from '@caseflow/contract';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import {
  fieldError,
  jsonResponse,
  problemResponse,
  renderWithProviders,
  sentBodies,
  stubFetch,
} from '../../test/render';
import SignupPage from './signup-page';

const customer: User = { id: 5, email: 'carla@example.com', name: 'Carla', role: 'customer' };

function renderSignup() {
  renderWithProviders(
    <Routes>
      <Route path="/signup" element={<SignupPage />} />
      <Route path="/cases/new" element={<p>New case page</p>} />
    </Routes>,
    { route: '/signup' },
  );
  return {
    name: screen.getByRole('textbox', { name: 'Your name' }),
    email: screen.getByRole('textbox', { name: 'Email' }),
    password: screen.getByLabelText(/^Password/),
    submit: screen.getByRole('button', { name: 'Create account' }),
  };
}

describe('SignupPage', () => {
  it('rejects a password shorter than 10 characters with the contract message', async () => {
    const fetchMock = stubFetch(() => undefined);
    const user = userEvent.setup();
    const form = renderSignup();

    await user.type(form.name, 'Carla');
    await user.type(form.email, 'carla@example.com');
    await user.type(form.password, 'short');
    await user.click(form.submit);

    expect(fieldError(form.password)).toBe('must be at least 10 characters');
    expect(fieldError(form.email)).toBeNull();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('puts a taken email on the Email field', async () => {
    stubFetch(() =>
      problemResponse(409, {
        title: 'Conflict',
        code: 'conflict',
        detail: 'an account with this email already exists',
        errors: [{ path: 'email', message: 'an account with this email already exists' }],
      }),
    );
    const user = userEvent.setup();
    const form = renderSignup();

    await user.type(form.name, 'Carla');
    await user.type(form.email, 'carla@example.com');
    await user.type(form.password, 'long enough pw');
    await user.click(form.submit);

    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(fieldError(form.email)).toBe('an account with this email already exists');
  });

  it('creates the account and opens the new-case form', async () => {
    const fetchMock = stubFetch(({ method, url }) =>
      method === 'POST' && url === '/api/v1/auth/signup'
        ? jsonResponse({ user: customer, token: 't' }, 201)
        : undefined,
    );
    const user = userEvent.setup();
    const form = renderSignup();

    await user.type(form.name, 'Carla');
    await user.type(form.email, 'carla@example.com');
    await user.type(form.password, 'long enough pw');
    await user.click(form.submit);

    expect(await screen.findByText('New case page')).toBeTruthy();
    expect(sentBodies(fetchMock, 'POST', '/api/v1/auth/signup')).toEqual([
      { email: 'carla@example.com', password: 'long enough pw', name: 'Carla' },
    ]);
  });
});
