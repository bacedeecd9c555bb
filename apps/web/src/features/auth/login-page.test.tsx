import type { User } from '@caseflow/contract';
import { screen, waitFor } from '@testing-library/react';
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
import LoginPage from './login-page';

const agent: User = { id: 2, email: 'alex@example.com', name: 'Alex Agent', role: 'agent' };

function renderLogin(route = '/login') {
  renderWithProviders(
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/workspace" element={<p>Agent workspace</p>} />
      <Route path="/cases/:id" element={<p>Case page</p>} />
    </Routes>,
    { route },
  );
  return {
    email: screen.getByRole('textbox', { name: 'Email' }),
    password: screen.getByLabelText(/^Password/),
    submit: screen.getByRole('button', { name: 'Sign in' }),
  };
}

describe('LoginPage', () => {
  it('asks for a valid email address before calling the API', async () => {
    const fetchMock = stubFetch(() => undefined);
    const user = userEvent.setup();
    const form = renderLogin();

    await user.type(form.email, 'alex@');
    await user.type(form.password, 'secret');
    await user.click(form.submit);

    expect(fieldError(form.email)).toBe('Enter a valid email address');
    expect(fieldError(form.password)).toBeNull();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("shows the API's reason when the credentials are refused", async () => {
    stubFetch(({ method, url }) =>
      method === 'POST' && url === '/api/v1/auth/login'
        ? problemResponse(401, {
            title: 'Authentication required',
            code: 'unauthenticated',
            detail: 'wrong email or password',
          })
        : undefined,
    );
    const user = userEvent.setup();
    const form = renderLogin();

    await user.type(form.email, 'alex@example.com');
    await user.type(form.password, 'not-it');
    await user.click(form.submit);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('wrong email or password');
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeTruthy();
  });

  it('signs in and goes to the page the user came for', async () => {
    const fetchMock = stubFetch(({ method, url }) =>
      method === 'POST' && url === '/api/v1/auth/login' ? jsonResponse({ user: agent, token: 't' }) : undefined,
    );
    const user = userEvent.setup();
    const form = renderLogin('/login?next=/cases/7');

    await user.type(form.email, 'alex@example.com');
    await user.type(form.password, 'correct horse');
    await user.click(form.submit);

    expect(await screen.findByText('Case page')).toBeTruthy();
    expect(sentBodies(fetchMock, 'POST', '/api/v1/auth/login')).toEqual([
      { email: 'alex@example.com', password: 'correct horse' },
    ]);
  });

  it("without a `next` sends an agent to the agent's home", async () => {
    stubFetch(() => jsonResponse({ user: agent, token: 't' }));
    const user = userEvent.setup();
    const form = renderLogin();

    await user.type(form.email, 'alex@example.com');
    await user.type(form.password, 'correct horse');
    await user.click(form.submit);

    await waitFor(() => expect(screen.getByText('Agent workspace')).toBeTruthy());
  });
});
