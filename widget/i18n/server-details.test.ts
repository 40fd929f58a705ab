// The server's 422 details in the widget's words (server-details.ts): the
// messages here are the ones the server sends today (server/pricing/field-values.ts,
// server/pricing/zod-issues.ts, the contact schema of server/http/routes/widget.ts);
// the visitor path suite sees them come from the real server.
import * as assert from 'uvu/assert';
import { loadMessages, M, messagesFor } from './messages.ts';
import { detailText } from './server-details.ts';

describe('detailText', () => {
  const en = messagesFor('en');

  it('maps required, consent, email and phone by path and message', () => {
    assert.is(detailText({ path: 'fields.rooms', message: 'is required' }, en, 'en'), 'Required.');
    assert.is(detailText({ path: 'contact.name', message: 'is required' }, en, 'en'), 'Required.');
    assert.is(detailText({ path: 'consent', message: 'must be true: the visitor has to agree before a quote is sent' }, en, 'en'), 'Required.');
    assert.is(detailText({ path: 'contact.email', message: 'must be an email address' }, en, 'en'), 'Enter a valid email address.');
    assert.is(detailText({ path: 'contact.phone', message: 'must be a phone number' }, en, 'en'), 'Enter a valid phone number.');
  });

  it('keeps a bound’s number and unit, formatted for the locale', async () => {
    await loadMessages('de');
    const de = messagesFor('de-DE');
    assert.is(detailText({ path: 'fields.rooms', message: 'must be at most 30' }, en, 'en-US'), 'Must be at most 30.');
    assert.is(detailText({ path: 'fields.flaeche', message: 'must be at least 10 m2' }, de, 'de-DE'), 'Mindestens 10 m2.');
    assert.is(detailText({ path: 'fields.volume', message: 'must be at least 1.5 m3' }, de, 'de-DE'), 'Mindestens 1,5 m3.');
    assert.is(detailText({ path: 'fields.temp', message: 'must be at least -5' }, en, 'en'), 'Must be at least -5.');
    assert.is(detailText({ path: 'contact.name', message: 'must be at most 200 characters long' }, de, 'de'), 'Höchstens 200 Zeichen.');
    assert.is(detailText({ path: 'discountCode', message: 'must be at most 40 characters long' }, en, 'en'), 'At most 40 characters.');
  });

  it('says "not allowed" for a field’s other problems, in the visitor’s language', async () => {
    await loadMessages('fr');
    const fr = messagesFor('fr');
    for (const message of ['must be a number', 'must be a multiple of 1', 'must be 1 plus a multiple of 0.5', 'must be one of: small, medium', 'is not a field of this service']) {
      assert.is(detailText({ path: 'fields.x', message }, fr, 'fr'), 'Cette valeur n’est pas admise.', message);
    }
  });

  it('falls back to the server’s message for anything else', () => {
    assert.is(detailText({ path: 'description', message: 'something new the server says' }, en, 'en'), 'something new the server says');
  });
});

describe('message tables', () => {
  it('have every message in every language, English until a table has loaded', async () => {
    const count = Object.keys(M).length;
    assert.is(Object.keys(messagesFor('en')).length, count);
    assert.is(messagesFor('es')[M.loading], 'Loading…', 'English stands in before es has loaded');
    for (const lang of ['de', 'fr', 'es']) {
      await loadMessages(lang);
      const table = messagesFor(lang) as unknown as string[];
      assert.is(table.length, count, lang);
      assert.ok(table.every(Boolean), `${lang}: no empty message`);
    }
    assert.is(messagesFor('es-MX')[M.loading], 'Cargando…');
    assert.is(messagesFor('de')[M.total], 'Gesamt');
    assert.is(loadMessages('es'), undefined, 'nothing to wait for once loaded');
    assert.is(loadMessages('it'), undefined, 'no Italian: English');
    assert.is(messagesFor('it')[M.loading], 'Loading…');
  });
});
