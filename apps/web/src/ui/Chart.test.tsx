import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { recoveryStatsTable } from '../screens/CommandCentre.tsx';
import { dryRunTable } from '../screens/Policies.tsx';
import { Chart } from './Chart.tsx';

describe('Chart', () => {
  it('shows its numbers as a table beside the chart, with a CSV download named for it', () => {
    const table = recoveryStatsTable([
      { key: { bucket: '1-15', currency: 'INR' }, episodes: 3, cured: 1, contacts: 9, blocked: 2, promisesKept: 1, promisesBroken: 0 },
      { key: { bucket: '16-30', currency: 'INR' }, episodes: 1 },
    ]);
    render(<Chart title="Episodes by bucket" kind="bar" table={table} file="recovery-activity" />);
    const figure = screen.getByRole('figure', { name: /Episodes by bucket/ });
    expect(within(figure).getByRole('button', { name: 'Download CSV of Episodes by bucket' })).toBeTruthy();
    const cells = within(figure).getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toEqual(['1-15 INR', '3', '1', '9', '2', '1', '0', '16-30 INR', '1', '0', '0', '0', '0', '0']);
  });

  it('shows a list as its table, open, without a chart', () => {
    render(<Chart title="Early warning" kind="table" table={{ columns: ['loan', 'roll probability (%)'], rows: [['ln-1', 60]] }} file="early-warning" />);
    const figure = screen.getByRole('figure', { name: /Early warning/ });
    expect(within(figure).queryByRole('img')).toBeNull();
    expect(within(figure).getAllByRole('cell').map((c) => c.textContent)).toEqual(['ln-1', '60']);
  });

  it('compares a dry-run with the active version rule by rule', () => {
    const table = dryRunTable({ version: 3, byRule: { early: 4, late: 1 }, byFirstStep: {} }, { version: 2, byRule: { early: 5 }, byFirstStep: {} });
    expect(table.rows).toEqual([['early', 5, 4, -1], ['late', 0, 1, 1]]);
  });
});
