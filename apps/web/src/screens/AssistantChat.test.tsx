// A turn of the compliance chat: the streamed answer, its citations each opening its passage, and
// a refusal said as one.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TurnView, type Turn } from './AssistantChat.tsx';

afterEach(cleanup);

describe('the compliance chat', () => {
  it('lists the answer\'s citations, each opening the passage it names', () => {
    const opened = vi.fn();
    const turn: Turn = {
      question: 'When may a collector call?',
      text: 'Not before 8 a.m. or after 9 p.m. local time [1].',
      answer: {
        conversationId: '6f1c0b8e-8f5e-4d53-9b0c-0d7a3f0a1e11', turn: 1, followUp: false, refused: false,
        answer: 'Not before 8 a.m. or after 9 p.m. local time [1].',
        citations: [{ chunkId: 'tcpa-c-3', source: '47 CFR 64.1200(c)', section: '(c)(1)', quote: 'before the hour of 8 a.m. or after 9 p.m.' }],
      },
    };
    render(<TurnView turn={turn} onOpen={opened} />);
    const citations = screen.getByRole('list', { name: 'Citations' });
    expect(within(citations).getByText(/before the hour of 8 a.m./)).toBeTruthy();
    fireEvent.click(within(citations).getByRole('button', { name: /\[1\] 47 CFR 64.1200\(c\)/ }));
    expect(opened).toHaveBeenCalledWith('tcpa-c-3');
  });

  it('shows a refusal as a refusal, with no citations', () => {
    const refusal = 'The sources do not cover it.';
    render(<TurnView turn={{ question: 'What is the weather?', text: refusal, answer: { conversationId: 'c', turn: 1, followUp: false, refused: true, answer: refusal, citations: [] } }} onOpen={() => undefined} />);
    expect(screen.getByText('Refused')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Citations' })).toBeNull();
  });
});
