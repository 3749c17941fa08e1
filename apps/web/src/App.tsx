// The shell: sign-in until someone is signed in, then the navigation of the screens their roles
// may open (auth/access.ts) and the screen the address names. A screen the person may not open is
// refused here as the API would refuse its calls.
import type { ReactNode } from 'react';
import { mayOpen, screensFor } from './auth/access.ts';
import { session, usePerson, type Person } from './auth/session.ts';
import { href, match, useHash } from './router.ts';
import { Agency } from './screens/Agency.tsx';
import { Approvals } from './screens/Approvals.tsx';
import { CaseList, CaseView } from './screens/Cases.tsx';
import { CommandCentre } from './screens/CommandCentre.tsx';
import { Compliance } from './screens/Compliance.tsx';
import { Desk } from './screens/Desk.tsx';
import { LoanList, LoanView } from './screens/Loans.tsx';
import { Experiments } from './screens/Experiments.tsx';
import { Models } from './screens/Models.tsx';
import { Policies } from './screens/Policies.tsx';
import { SignIn } from './screens/SignIn.tsx';

function screenBody(id: string, params: Record<string, string>, person: Person): ReactNode {
  switch (id) {
    case 'command-centre': return <CommandCentre roles={person.roles} />;
    case 'loans': return <LoanList />;
    case 'loan': return <LoanView loanId={params.id ?? ''} person={person} />;
    case 'cases': return <CaseList />;
    case 'case': return <CaseView caseId={params.id ?? ''} person={person} />;
    case 'desk': return <Desk person={person} />;
    case 'agency': return <Agency person={person} />;
    case 'approvals': return <Approvals person={person} />;
    case 'policies': return <Policies person={person} />;
    case 'compliance': return <Compliance person={person} />;
    case 'experiments': return <Experiments person={person} />;
    case 'models': return <Models />;
    default: return null;
  }
}

export function Navigation({ person, current }: { person: Person; current: string | undefined }) {
  return (
    <nav aria-label="Screens">
      <ul>
        {screensFor(person.roles).filter((s) => s.nav).map((s) => (
          <li key={s.id}>
            <a href={href(s.path)} aria-current={current === s.id ? 'page' : undefined}>{s.title}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function App() {
  const person = usePerson();
  const hash = useHash();
  if (!person) return <SignIn />;
  const screens = screensFor(person.roles);
  let { screen, params } = match(hash);
  // The start page is the first screen the person may open (the command centre, or a collector's desk).
  if (!hash || hash === '#/' || hash === '#') ({ screen, params } = { screen: screens.find((s) => s.nav), params: {} });
  return (
    <>
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        <strong>Credence</strong>
        <Navigation person={person} current={screen?.id} />
        <span className="who">
          {person.name} · {person.roles.join(', ')}
          {person.agencyId ? ` · ${person.agencyId}` : ''}
          <button type="button" onClick={() => session.signOut()}>Sign out</button>
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        {!screen ? <p role="alert">No such screen.</p> : !mayOpen(person.roles, screen) ? <p role="alert">Your role may not open {screen.title}.</p> : screenBody(screen.id, params, person)}
        {screens.length === 0 && <p role="alert">Your role has no screens here.</p>}
      </main>
    </>
  );
}
