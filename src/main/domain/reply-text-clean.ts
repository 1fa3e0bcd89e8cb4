/**
 * A reply's own words: the quoted thread, the signature, the phone footer and the legal
 * disclaimer taken off, whitespace collapsed. Pure and synchronous (it runs in the
 * untrusted-parsing worker); the input is already plain text (HTML converted before).
 */

/** Longest text looked at; the opening of a reply is what says what it is. */
const MAX_INPUT_CHARS = 20_000;

/**
 * Lines that start the quoted message in the usual clients and languages. Each is tried on a
 * line alone and on a line joined with the next (Gmail wraps long "On … wrote:" lines).
 */
const QUOTE_HEADERS: RegExp[] = [
  // English (Gmail, Apple Mail, Thunderbird): "On Tue, 3 Nov 2026 at 10:12, Ana <a@b> wrote:"
  /^on\b.{4,250}\bwrote:?$/i,
  /^.{2,200}\bwrote:$/i,
  // German: "Am 03.11.2026 um 10:12 schrieb Ana <a@b>:" or "Ana <a@b> schrieb am …:"
  /^am\b.{4,250}\bschrieb\b.{0,200}:$/i,
  /^.{2,200}\bschrieb am\b.{2,100}:$/i,
  // French: "Le mar. 3 nov. 2026 à 10:12, Ana <a@b> a écrit :"
  /^le\b.{4,250}\ba écrit ?:$/i,
  // Spanish, Portuguese, Italian, Dutch, Swedish, Danish/Norwegian
  /^el\b.{4,250}\bescribió ?:$/i,
  /^em\b.{4,250}\bescreveu ?:$/i,
  /^il\b.{4,250}\bha scritto ?:$/i,
  /^op\b.{4,250}\bschreef\b.{0,200}:$/i,
  /^den\b.{4,250}\bskrev\b.{0,200}:$/i,
  /^.{2,200}\bskrev\b.{0,120}:$/i,
  // Separators written by Outlook, Lotus, Yahoo and forwarders
  /^-{2,}\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original|mensagem original|messaggio originale|oorspronkelijk bericht|ursprungligt meddelande)\s*-{2,}$/i,
  /^-{2,}\s*forwarded message\s*-{2,}$/i,
  /^begin forwarded message:?$/i,
  /^_{20,}$/,
];

/** Outlook's header block: "From:" then, within a few lines, "Sent:"/"Date:" and "To:"/"Subject:". */
const OUTLOOK_FROM = /^\*?(from|von|de|da|van|från|fra)\s?:\*?\s+\S/i;
const OUTLOOK_FIELD =
  /^\*?(sent|date|to|subject|cc|gesendet|an|betreff|datum|envoyé|à|objet|enviado el|enviado|para|asunto|inviato|oggetto|verzonden|aan|onderwerp|skickat|till|ämne)\s?:\*?\s*/i;

/** A signature delimiter (RFC 3676 "-- ", or the same without the space). */
const SIGNATURE_DELIMITER = /^--\s?$/;

/** Footers that mobile clients and mail apps add. */
const DEVICE_FOOTER =
  /^(sent from (my )?(iphone|ipad|android|mobile|samsung|galaxy|phone|blackberry|outlook|mail for windows)|sent from yahoo mail|get outlook for (ios|android)|von meinem (iphone|ipad|smartphone) gesendet|envoyé de mon (iphone|ipad)|enviado desde mi (iphone|ipad)|inviato da iphone)\b/i;

/** A closing on a line of its own; the signature follows it. */
const CLOSING =
  /^(best|best regards|kind regards|warm regards|warmest regards|warm wishes|regards|many thanks|thanks( again)?|thank you( again)?|cheers|sincerely|yours sincerely|yours truly|all the best|all best|respectfully|talk soon|speak soon|with thanks|with best wishes|best wishes|viele grüße|beste grüße|mit freundlichen grüßen|freundliche grüße|cordialement|bien à vous|saludos|un saludo|atentamente|cordiali saluti|met vriendelijke groet|groeten|vänliga hälsningar|med vennlig hilsen)[\s,!-]*$/i;

/** The start of a legal disclaimer or confidentiality notice. */
const DISCLAIMER =
  /^(\*+\s*)?(confidentiality notice|confidential(ity)?:|disclaimer|legal notice|privacy notice|this (e-?mail|message|communication)( and any (attachments?|files)( transmitted with it)?)? (is|are|may be|contains?|and its attachments)\b|the information (contained )?in this (e-?mail|message|communication)|if you (are not|have received this)( the intended recipient| (e-?mail|message) in error)|diese e-?mail (enthält|ist|kann)|ce message (et|est|peut))/i;

/** The reply's own text, with quotes, signature, footers and disclaimers removed. */
export function cleanReplyText(input: string): string {
  const text = input
    .slice(0, MAX_INPUT_CHARS)
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '');
  const lines = text.split('\n').map((line) => line.replace(/[ \t]+$/, ''));
  const own = cutAtQuote(lines);
  const unsigned = cutAtSignature(own);
  return collapse(unsigned.filter((line) => !/^\s*>/.test(line)));
}

function cutAtQuote(lines: string[]): string[] {
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    const joined = `${line} ${(lines[i + 1] ?? '').trim()}`.trim();
    if (QUOTE_HEADERS.some((re) => re.test(line) || re.test(joined))) return lines.slice(0, i);
    if (OUTLOOK_FROM.test(line) && isOutlookBlock(lines, i)) return lines.slice(0, i);
    // A run of `>` lines after an introducing line ending with ":" (a header we do not know).
    if (/:$/.test(line) && /^\s*>/.test(lines[i + 1] ?? '') && i > 0) return lines.slice(0, i);
  }
  return lines;
}

function isOutlookBlock(lines: string[], start: number): boolean {
  let fields = 0;
  for (let j = start + 1; j < Math.min(lines.length, start + 6); j++) {
    if (OUTLOOK_FIELD.test((lines[j] ?? '').trim())) fields += 1;
  }
  return fields >= 2;
}

function cutAtSignature(lines: string[]): string[] {
  let seenContent = false;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    if (SIGNATURE_DELIMITER.test(line) || DEVICE_FOOTER.test(line) || DISCLAIMER.test(line)) {
      return lines.slice(0, i);
    }
    // A closing only ends the text after something was said: "Thanks," can open a reply too.
    if (seenContent && CLOSING.test(line)) return lines.slice(0, i);
    seenContent = true;
  }
  return lines;
}

function collapse(lines: string[]): string {
  const out: string[] = [];
  for (const raw of lines) {
    const line = raw.replace(/[ \t]+/g, ' ').trim();
    if (line === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}
