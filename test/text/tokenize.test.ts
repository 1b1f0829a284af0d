import { describe, expect, it } from 'vitest';
import {
  tokenize,
  digitCount,
  maskNumberRuns,
  isObscuredPhoneRun,
  PLACEHOLDER_TOKENS,
  PHONE_OBSCURED_TOKEN,
  PHONE_TOKEN, EMAIL_TOKEN, URL_TOKEN, NUMBER_TOKEN } from '../../src/text/index.js';

describe('tokenize', () => {
  it('lower-cases by default and keeps case when asked', () => {
    expect(tokenize('Sweet LADY Here')).toEqual(['sweet', 'lady', 'here']);
    expect(tokenize('Sweet LADY Here', { lowercase: false })).toEqual(['Sweet', 'LADY', 'Here']);
  });

  it('drops punctuation, keeps inner apostrophes, accents and currency signs', () => {
    expect(tokenize("I'm new... don’t wait! Café, naïve; $150/hr")).toEqual([
      "i'm", 'new', 'don’t', 'wait', 'café', 'naïve', '$', '150', 'hr',
    ]);
  });

  it('keeps each emoji as its own token, ZWJ sequences and flags whole', () => {
    expect(tokenize('hi💋💋 👩‍💼 🇺🇸 👍🏽!')).toEqual(['hi', '💋', '💋', '👩‍💼', '🇺🇸', '👍🏽']);
  });

  it('replaces phone numbers in common layouts by <phone>', () => {
    for (const phone of ['212-555-0142', '(212) 555 0142', '212.555.0142', '+1 212 555 0142', '2125550142', '555-0142']) {
      expect(tokenize(`call ${phone} now`)).toEqual(['call', PHONE_TOKEN, 'now']);
    }
  });

  it('replaces obscured phone numbers (digit words, letter o, look-alikes, spaced digits) by <phone-obscured>', () => {
    expect(tokenize('txt five 5 five - 0 one 4 2 ok')).toEqual(['txt', PHONE_OBSCURED_TOKEN, 'ok']);
    expect(tokenize('call 212 555 o1o4')).toEqual(['call', PHONE_OBSCURED_TOKEN]);
    expect(tokenize('Two One Two, FIVE five five, zero one four two')).toEqual([PHONE_OBSCURED_TOKEN]);
    expect(tokenize('txt 312 five5five 01four2 now')).toEqual(['txt', PHONE_OBSCURED_TOKEN, 'now']);
    expect(tokenize('(3l2) 555-O142')).toEqual([PHONE_OBSCURED_TOKEN]);
    expect(tokenize('3 1 2 - 5 5 5 - 0 1 4 2')).toEqual([PHONE_OBSCURED_TOKEN]);
  });

  it('tells plainly written numbers from obscured ones on hand-written cases', () => {
    const plain = ['212-555-0142', '(212) 555-0142', '+1 (212) 555.0142', '1-212-555-0142', '555 0142', '2125550142'];
    for (const p of plain) expect(tokenize(`text ${p}`), p).toEqual(['text', PHONE_TOKEN]);
    const obscured = [
      'two one two five five five zero one four two', // spelled out
      '2l2-555-Ol42', // look-alike letters
      '21 25 55 01 42', // pairs
      '212 555 01 42', // a pair group
      '2 1 2 5 5 5 0 1 4 2', // spaced digits
      '212 5five5 0one42', // mixed digits and words
      '212-555-OI42', // look-alike I (lower-cased to i)
    ];
    for (const p of obscured) expect(tokenize(`text ${p}`), p).toEqual(['text', PHONE_OBSCURED_TOKEN]);
    expect(isObscuredPhoneRun(['1', '212', '555', '0142'], 0, 4)).toBe(false);
    expect(isObscuredPhoneRun(['1', '1', '212', '555', '0142'], 0, 5)).toBe(true);
    expect(PLACEHOLDER_TOKENS).toContain(PHONE_OBSCURED_TOKEN);
  });

  it('leaves short numbers and number words alone, masks other 4+ digit runs', () => {
    expect(tokenize('one hour 200 roses, two hours 350')).toEqual(['one', 'hour', '200', 'roses', 'two', 'hours', '350']);
    expect(tokenize('$150 | $250 | $400')).toEqual(['$', '150', '$', '250', '$', '400']);
    expect(tokenize('since 2019')).toEqual(['since', NUMBER_TOKEN]);
  });

  it('replaces plain and obscured emails by <email>', () => {
    expect(tokenize('email sofia.k+ads@mail.example.com today')).toEqual(['email', EMAIL_TOKEN, 'today']);
    expect(tokenize('write sofia at example dot com')).toEqual(['write', EMAIL_TOKEN]);
    expect(tokenize('write sofia(at)example.org')).toEqual(['write', EMAIL_TOKEN]);
    expect(tokenize('write Sofia [AT] Example [DOT] Net')).toEqual(['write', EMAIL_TOKEN]);
  });

  it('replaces links and bare domains by <url>', () => {
    expect(tokenize('see https://example.net/p?id=3 or www.example.org/x and example.com')).toEqual([
      'see', URL_TOKEN, 'or', URL_TOKEN, 'and', URL_TOKEN,
    ]);
    expect(tokenize('visit example dot com')).toEqual(['visit', URL_TOKEN]);
  });

  it('does not treat ordinary words as contacts', () => {
    expect(tokenize('meet me at the hotel. dot your i')).toEqual(['meet', 'me', 'at', 'the', 'hotel', 'dot', 'your', 'i']);
  });

  it('Porter-stems words (not placeholders) when asked', () => {
    expect(tokenize('Running runners relaxing 💋 call 212-555-0142', { stem: true })).toEqual([
      'run', 'runner', 'relax', '💋', 'call', PHONE_TOKEN,
    ]);
  });

  it('returns an empty array for empty or punctuation-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('... !!! ---')).toEqual([]);
  });
});

describe('digit runs', () => {
  it('counts the digits a token spells', () => {
    expect(digitCount('555')).toBe(3);
    expect(digitCount('o1oo')).toBe(4);
    expect(digitCount('five')).toBe(1);
    expect(digitCount('Oh')).toBe(1);
    expect(digitCount('o')).toBe(1);
    expect(digitCount('too')).toBe(0);
    expect(digitCount('150k')).toBe(0);
    expect(digitCount('fives')).toBe(0);
    expect(digitCount('five5five')).toBe(3);
    expect(digitCount('01four2')).toBe(4);
    expect(digitCount('3l2')).toBe(3);
    expect(digitCount('O142')).toBe(4);
    expect(digitCount('oi42')).toBe(4);
    expect(digitCount('i')).toBe(0);
    for (const word of ['lol', 'oo', 'lone', 'on', 'no', 'onion', 'often', 'fourteen', 'ohio', 'Ill', 'tool', 'zoo']) {
      expect(digitCount(word), word).toBe(0);
    }
  });

  it('masks only runs that spell at least 7 digits, and does not change its input', () => {
    const input = ['a', '555', '0142', 'b', '12', '34', 'c'];
    expect(maskNumberRuns(input)).toEqual(['a', PHONE_TOKEN, 'b', '12', '34', 'c']);
    expect(input).toHaveLength(7);
    expect(maskNumberRuns(['555', '01', '42'])).toEqual([PHONE_OBSCURED_TOKEN]);
  });
});
