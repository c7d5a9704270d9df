import { DEFAULT_OPT_OUT_KEYWORDS, optOutIntentOf } from './opt-out-keywords';

describe('optOutIntentOf', () => {
  const custom = { stop: ['Arrêt', 'unsubscribe'], resubscribe: ['Go on'] };
  it.each([
    ['STOP', DEFAULT_OPT_OUT_KEYWORDS, 'stop'],
    ['  stop ', DEFAULT_OPT_OUT_KEYWORDS, 'stop'],
    ['start', DEFAULT_OPT_OUT_KEYWORDS, 'resubscribe'],
    ['please stop', DEFAULT_OPT_OUT_KEYWORDS, null],
    ['', DEFAULT_OPT_OUT_KEYWORDS, null],
    [null, DEFAULT_OPT_OUT_KEYWORDS, null],
    ['ARRÊT', custom, 'stop'],
    ['go on', custom, 'resubscribe'],
    ['STOP', custom, null],
  ] as const)('%j → %s', (text, keywords, intent) => {
    expect(optOutIntentOf(text, { stop: [...keywords.stop], resubscribe: [...keywords.resubscribe] })).toBe(intent);
  });
});
