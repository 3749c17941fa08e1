// Sign-in with the local development issuer's demo users (through the API: POST
// /v1/session/demo-token). With a real identity provider this page says to sign in there.
import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client.ts';
import { session } from '../auth/session.ts';
import { ProblemMessage, QueryState } from '../ui/QueryState.tsx';

export function SignIn() {
  const users = useQuery({ queryKey: ['demo-users'], queryFn: () => ok(api.GET('/v1/session/demo-users', {})), retry: false });
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => ok(api.POST('/v1/session/demo-token', { body: { username, password } })),
    onSuccess: (t) => session.signIn(t.access_token),
  });
  return (
    <main className="signin">
      <h1>Sign in to Credence</h1>
      <QueryState query={users}>
        {(data) => (
          <form
            className="stack"
            onSubmit={(e) => {
              e.preventDefault();
              signIn.mutate();
            }}
          >
            <label htmlFor="user">Demo user</label>
            <select id="user" required value={username} onChange={(e) => { setUsername(e.target.value); setPassword(data.password); }}>
              <option value="">Choose…</option>
              {data.users.map((u) => (
                <option key={u.username} value={u.username}>
                  {u.name} ({u.roles.join(', ')}{u.agencyId ? `, ${u.agencyId}` : ''})
                </option>
              ))}
            </select>
            <label htmlFor="password">Password</label>
            <input id="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
            <button type="submit" disabled={signIn.isPending}>Sign in</button>
            <p className="muted">Development logins: every demo user's password is published ({data.password}).</p>
            <ProblemMessage error={signIn.error} />
          </form>
        )}
      </QueryState>
    </main>
  );
}
