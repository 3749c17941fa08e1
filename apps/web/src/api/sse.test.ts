import { describe, expect, it } from 'vitest';
import { parseSse } from './sse.ts';

describe('server-sent events from a fetch body', () => {
  it('gives whole events as they arrive and keeps a frame cut mid-way for the next chunk', () => {
    const first = parseSse('event: retrieved\ndata: {"passages":[]}\n\nevent: token\ndata: {"text":"A notice');
    expect(first.events).toEqual([{ event: 'retrieved', data: '{"passages":[]}' }]);
    const second = parseSse(`${first.rest} is required [1]."}\n\nevent: done\r\ndata: {}\r\n\r\n`);
    expect(second.events).toEqual([{ event: 'token', data: '{"text":"A notice is required [1]."}' }, { event: 'done', data: '{}' }]);
    expect(second.rest).toBe('');
  });

  it('joins multi-line data and skips comments', () => {
    expect(parseSse(': keep-alive\n\ndata: a\ndata: b\n\n').events).toEqual([{ event: 'message', data: 'a\nb' }]);
  });
});
