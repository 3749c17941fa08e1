import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { portfolioTables } from '../screens/CommandCentre.tsx';
import { dryRunTable } from '../screens/Policies.tsx';
import { Chart } from './Chart.tsx';

describe('Chart', () => {
  it('shows its numbers as a table beside the chart, with a CSV download named for it', () => {
    const { byStatus, outstanding } = portfolioTables([
      { status: 'active', product: 'personal', currency: 'INR', outstandingPrincipal: 500 },
      { status: 'active', product: 'personal', currency: 'INR', outstandingPrincipal: 250 },
      { status: 'offered', product: 'auto', currency: 'USD', outstandingPrincipal: 0 },
    ]);
    expect(outstanding.rows).toEqual([['auto USD', 0], ['personal INR', 750]]);
    render(<Chart title="Loans by status" kind="bar" table={byStatus} file="loans-by-status" />);
    const figure = screen.getByRole('figure', { name: /Loans by status/ });
    expect(within(figure).getByRole('button', { name: 'Download CSV of Loans by status' })).toBeTruthy();
    const cells = within(figure).getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toEqual(['active', '2', 'offered', '1']);
  });

  it('compares a dry-run with the active version rule by rule', () => {
    const table = dryRunTable({ version: 3, byRule: { early: 4, late: 1 }, byFirstStep: {} }, { version: 2, byRule: { early: 5 }, byFirstStep: {} });
    expect(table.rows).toEqual([['early', 5, 4, -1], ['late', 0, 1, 1]]);
  });
});
