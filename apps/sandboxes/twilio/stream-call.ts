// `npm run -s calls:stream -- --case <work item or recovery case ID> | --loan <loan ID>
//   [--script hardship-then-promise | stop-and-threat | FILE.json] [--speed 1] [--api http://localhost:3000]`
// The voice sandbox's scripted call, streamed to the live-call assist as a contact centre would
// stream a real call's transcript: each segment at its time (--speed 0: as fast as answers come),
// each answer printed as the collector's screen would show it. The token is $TOKEN (npm run -s
// dev:token -- --role collector, or ops) or --token. Exits 1 when the script's expectations are unmet.
import { parseArgs } from 'node:util';
import { loadCallScript, streamCall, unmet } from './call-streamer.js';

const { values: opts } = parseArgs({
  options: {
    case: { type: 'string' },
    loan: { type: 'string' },
    script: { type: 'string', default: 'hardship-then-promise' },
    speed: { type: 'string', default: '1' },
    api: { type: 'string', default: `http://localhost:${process.env.PORT ?? 3000}` },
    token: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const token = opts.token ?? process.env.TOKEN;
if (!token) throw new Error('a bearer token: --token or $TOKEN (TOKEN=$(npm run -s dev:token -- --role ops))');
if ((opts.case === undefined) === (opts.loan === undefined)) throw new Error('name the call: --case <ID> or --loan <ID>');
const query = opts.case !== undefined ? `caseId=${encodeURIComponent(opts.case)}` : `loanId=${encodeURIComponent(opts.loan!)}`;
const script = loadCallScript(opts.script);
const call = await streamCall(script, {
  url: `${opts.api.replace(/^http/, 'ws')}/v1/calls/assist?${query}`,
  headers: { authorization: `Bearer ${token}` },
  speed: Number(opts.speed),
  onAnswer: ({ segment, answer, screenMs }) => {
    if (opts.json) return void console.log(JSON.stringify({ segment, answer, screenMs }));
    const intents = (answer.intents ?? []).map((i) => `${i.intent} ${i.probability.toFixed(2)}`).join(', ') || '-';
    console.log(`${segment.speaker.padEnd(9)} ${segment.text}`);
    console.log(`          intents: ${intents}${answer.promise ? `; promise ${answer.promise.amountMinor ?? '?'} ${answer.promise.currency} on ${answer.promise.dueOn ?? '?'}` : ''}`);
    for (const code of answer.newWarnings ?? []) {
      const w = answer.warnings?.find((x) => x.code === code);
      console.log(`          WARNING ${code}: ${w?.message ?? ''} [${w?.citation ?? ''}]`);
    }
    console.log(`          next: ${answer.nextBestAction?.code} - ${answer.nextBestAction?.say} (${screenMs.toFixed(1)} ms)`);
  },
});
if (!opts.json) console.log(`call opened: risk ${JSON.stringify(call.ready.risk)}; warnings at open: ${JSON.stringify((call.ready.warnings as { code: string }[] | undefined)?.map((w) => w.code) ?? [])}`);
const missing = unmet(call);
for (const line of missing) process.stderr.write(`unmet: ${line}\n`);
process.exit(missing.length > 0 ? 1 : 0);
