import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PolicyEditor } from './PolicyEditor.tsx';

describe('PolicyEditor', () => {
  it('marks each problem at its line in the gutter and lists it with its line and pointer', () => {
    const text = '{\n  "name": "x",\n  "rules": [1]\n}';
    const { container } = render(<PolicyEditor value={text} onChange={() => undefined} problems={[{ line: 3, column: 13, field: '/rules/0', message: 'must be object' }]} />);
    const gutter = [...container.querySelectorAll('.gutter li')];
    expect(gutter.map((li) => li.className)).toEqual(['', '', 'bad', '']);
    const list = screen.getByRole('list', { name: 'Problems in the policy' });
    expect(within(list).getByText('Line 3:13')).toBeTruthy();
    expect(within(list).getByText('/rules/0')).toBeTruthy();
    expect(screen.getByLabelText('Policy source (YAML or JSON)')).toHaveProperty('value', text);
  });
});
