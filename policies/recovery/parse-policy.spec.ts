import { describe, expect, it } from '@jest/globals';
import { parsePolicySource, withPositions } from './parse-policy.js';
import { DEFAULT_TEMPLATE_CATALOGUE } from './template-keys.js';
import { validatePolicy } from './validate-policy.js';

const context = { bucketNames: ['current', '1-15', '16-30', '31-60', '61-90', '90+'], catalogue: DEFAULT_TEMPLATE_CATALOGUE };

const YAML = `name: tiny
settings:
  weeklyCaps: { sms: 3 }
  fallback: {}
  promiseToleranceBps: 100
  promiseMaxDays: 30
rules:
  - id: early
    when: { dpd: { max: 15 } }
    path:
      - send: { channel: sms, template: reminder }
      - wait: { days: 0 }
  - id: rest
    when: {}
    path:
      - send:
          channel: sms
          template: no_such_template
`;

function parsed(text: string) {
  const result = parsePolicySource(text);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result;
}

describe('parsePolicySource', () => {
  it('reads YAML and places each fault at its line and column', () => {
    const source = parsed(YAML);
    expect(source.format).toBe('yaml');
    const schema = validatePolicy(source.value, context);
    expect(withPositions(schema.errors, source.locate)).toEqual([{ path: '/rules/0/path/1/wait/days', message: 'must be >= 1', line: 12, column: 17 }]);
    const semantic = validatePolicy(parsed(YAML.replace('days: 0', 'days: 2')).value, context);
    expect(withPositions(semantic.errors, source.locate)).toEqual([
      { path: '/rules/1/path/0/send/template', message: 'no template "no_such_template" in the template catalogue', line: 18, column: 11 },
    ]);
  });

  it('reads JSON as the YAML it is, with lines too', () => {
    const text = JSON.stringify({ name: 'x', settings: {}, rules: [] }, null, 2);
    const source = parsed(text);
    expect(source.format).toBe('json');
    expect(source.value).toEqual({ name: 'x', settings: {}, rules: [] });
    const problems = withPositions(validatePolicy(source.value, context).errors, source.locate);
    expect(problems).toContainEqual({ path: '/settings/weeklyCaps', message: 'is required', line: 3, column: 3 });
  });

  it('answers a syntax error with where it is', () => {
    const result = parsePolicySource('name: x\nrules:\n  - id: a\n   when: {}\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ path: '', line: 4, message: expect.stringMatching(/^not valid YAML or JSON: /) });
  });

  it('refuses a key given twice, which YAML would otherwise let the last one win', () => {
    const result = parsePolicySource('name: a\nname: b\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ line: 2, message: expect.stringMatching(/unique/i) });
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const result = parsePolicySource(lines.join('\n'));
    expect(result.ok).toBe(false);
  });
});
