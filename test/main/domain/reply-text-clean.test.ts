import { describe, expect, it } from 'vitest';
import { cleanReplyText } from '../../../src/main/domain/reply-text-clean';

describe('cleanReplyText', () => {
  it.each([
    ['">" lines', 'Sounds good.\n> old line\n> another', 'Sounds good.'],
    [
      'Gmail "On … wrote:"',
      'Yes.\n\nOn Tue, 3 Nov 2026 at 10:12, Ana <a@b.example> wrote:\nquoted',
      'Yes.',
    ],
    [
      'a wrapped "On … wrote:"',
      'Yes.\nOn Tue, 3 Nov 2026 at 10:12, Ana Lopez <a@b.example>\nwrote:\nquoted',
      'Yes.',
    ],
    ['German', 'Ja.\nAm 03.11.2026 um 10:12 schrieb Ana <a@b.example>:\nalt', 'Ja.'],
    ['French', 'Oui.\nLe mar. 3 nov. 2026 à 10:12, Ana <a@b.example> a écrit :\nancien', 'Oui.'],
    ['Spanish', 'Sí.\nEl jue, 5 nov 2026 a las 9:30, Ana (<a@b.example>) escribió:\nviejo', 'Sí.'],
    ['Dutch', 'Ja.\nOp do 5 nov. 2026 om 14:02 schreef Ana <a@b.example>:\noud', 'Ja.'],
    [
      'Outlook From/Sent block',
      'Fine.\n\nFrom: Sam <s@x.example>\nSent: Monday\nTo: Ana\nSubject: Hi\n\nold',
      'Fine.',
    ],
    [
      'Outlook German block',
      'Gut.\nVon: Sam <s@x.example>\nGesendet: Montag\nAn: Ana\nBetreff: Hallo\nalt',
      'Gut.',
    ],
    ['Original Message', 'Fine.\n-----Original Message-----\nFrom: x', 'Fine.'],
    ['Outlook underscore line', 'Fine.\n________________________________\nFrom: x', 'Fine.'],
    ['"-- " signature', 'See you.\n-- \nAna Lopez\n+1 555 0100', 'See you.'],
    [
      'closing and signature',
      'See you Monday.\n\nBest regards,\nAna Lopez\nRecruiter\n+1 555 0100',
      'See you Monday.',
    ],
    [
      '"Thanks," opening a reply stays',
      'Thanks, Sam.\nSee you soon.',
      'Thanks, Sam.\nSee you soon.',
    ],
    ['device footer', 'Great.\n\nSent from my iPhone', 'Great.'],
    ['German device footer', 'Super.\nVon meinem iPhone gesendet', 'Super.'],
    ['disclaimer', 'Noted.\n\nCONFIDENTIALITY NOTICE: This e-mail is private.', 'Noted.'],
    [
      '"This email and any files transmitted"',
      'Noted.\nThis email and any files transmitted with it are confidential.',
      'Noted.',
    ],
    ['whitespace collapsed', '  Hi   Sam,\u00a0\n\n\n\nThanks\u200b.  \r\n', 'Hi Sam,\n\nThanks.'],
  ])('%s', (_name, input, expected) => {
    expect(cleanReplyText(input)).toBe(expected);
  });
});
