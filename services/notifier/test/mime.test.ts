import { type SmtpSink, startSmtpSink } from '@passerelle/testkit';
import MailComposer from 'nodemailer/lib/mail-composer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEmail, type OutgoingEmail } from '../src/mime';
import { createMailTransport, type MailTransport } from '../src/transport';

const email: OutgoingEmail = {
  from: 'Équipe Passerelle <no-reply@passerelle.test>',
  to: 'camille.dupont@laposte.fr',
  subject:
    'Réinitialisez votre mot de passe Passerelle : un sujet assez long pour être replié sur plusieurs lignes',
  text: 'Bonjour Camille,\n\nVoici votre lien : https://passerelle.test/mot-de-passe?token=abc\n\nÀ bientôt.',
  html: '<p>Bonjour Camille,</p><p><a href="https://passerelle.test/mot-de-passe?token=abc">Lien</a> à usage unique.</p>',
  messageId: '<0190c7a1-1234-7abc-8def-0123456789ab@passerelle>',
  headers: {
    'Auto-Submitted': 'auto-generated',
    'List-Unsubscribe': '<https://passerelle.test/api/v1/unsubscribe?token=xyz>',
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  },
};

describe('buildEmail', () => {
  let sink: SmtpSink;
  let transport: MailTransport;
  beforeAll(async () => {
    sink = await startSmtpSink();
    transport = createMailTransport(sink.url);
  });
  afterAll(async () => {
    await transport.close();
    await sink.stop();
  });

  it('arrives as written: encoded headers, both parts, the caller’s headers', async () => {
    await transport.send(email);
    const mail = await sink.waitFor((m) => m.messageId === email.messageId);
    expect(mail.from).toBe('no-reply@passerelle.test');
    expect(mail.to).toEqual(['camille.dupont@laposte.fr']);
    expect(mail.subject).toBe(email.subject);
    expect(mail.text.trim()).toBe(email.text);
    expect(mail.html.trim()).toBe(email.html);
    expect(mail.headers['auto-submitted']).toBe('auto-generated');
    expect(mail.headers['list-unsubscribe']).toBe(email.headers['List-Unsubscribe']);
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
  });

  it('keeps a line break in the subject from starting a header of its own', async () => {
    const messageId = '<0190c7a1-1234-7abc-8def-0123456789ac@passerelle>';
    await transport.send({ ...email, messageId, subject: 'Bonjour\r\nBcc: intrus@example.com' });
    const mail = await sink.waitFor((m) => m.messageId === messageId);
    expect(mail.to).toEqual(['camille.dupont@laposte.fr']);
    expect(mail.headers.bcc).toBeUndefined();
    expect(raw(buildEmail({ ...email, subject: 'Bonjour\r\nBcc: intrus@example.com' }))).not.toMatch(
      /\r\nBcc:/i,
    );
  });

  it('writes what nodemailer’s MailComposer writes, but for the boundary and the date', async () => {
    // (MailComposer's base64 runs past 76 characters on some last lines; this one does not.)
    const composed = await new MailComposer({ ...email, textEncoding: 'base64' }).compile().build();
    expect(normalise(raw(buildEmail(email)))).toBe(normalise(composed.toString()));
  });

  it('writes base64 lines of 76 characters that decode to the body, whatever its length', () => {
    for (let length = 0; length <= 200; length += 1) {
      const body = 'é'.repeat(length);
      const message = raw(buildEmail({ ...email, text: body, html: `<p>${body}</p>` }));
      const parts = message.split(/\r\n--[^\r\n]+\r\n/).slice(1, 3);
      const decoded = parts.map((part) => {
        const lines = (part.split('\r\n\r\n')[1] ?? '').split('\r\n').filter(Boolean);
        expect(lines.slice(0, -1).every((line) => line.length === 76)).toBe(true);
        expect((lines.at(-1) ?? '').length).toBeLessThanOrEqual(76);
        return Buffer.from(lines.join(''), 'base64').toString('utf8');
      });
      expect(decoded).toEqual([body, `<p>${body}</p>`]);
    }
  });

  it('gives the SMTP envelope of the addresses', () => {
    expect(buildEmail(email).envelope).toEqual({
      from: 'no-reply@passerelle.test',
      to: ['camille.dupont@laposte.fr'],
    });
  });
});

const raw = (built: { raw: Buffer }) => built.raw.toString('utf8');
const normalise = (message: string) =>
  message.replace(/--_NmP-[0-9a-f]+-Part_\d+/g, 'BOUNDARY').replace(/^Date: .*$/m, 'Date: DATE');
