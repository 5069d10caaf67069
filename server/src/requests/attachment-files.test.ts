import { MAX_FILE_NAME_LENGTH, detectContentType, safeFileName } from './attachment-files';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));

describe('attachment content detection', () => {
  it.each([
    ['application/pdf', bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj')],
    ['image/png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
    ['image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF')],
    ['image/gif', bytes('GIF89a', [1, 0, 1, 0])],
    ['image/webp', bytes('RIFF', [36, 0, 0, 0], 'WEBPVP8 ')],
    ['text/plain', Buffer.from('Buraco na Rua São João, 12 — em frente à padaria.\r\n\tTem 1 m.\n', 'utf8')],
  ])('reads %s from the bytes', (contentType, content) => {
    expect(detectContentType(content)).toEqual({ ok: true, contentType });
  });

  it.each([
    ['a Windows program', bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0])],
    ['a Linux program', bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0])],
    ['a Mach-O program', bytes([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1])],
    ['a shell script', Buffer.from('#!/bin/sh\nrm -rf /\n')],
  ])('refuses %s whatever it is called', (_what, content) => {
    expect(detectContentType(content)).toEqual({ ok: false, reason: 'executable' });
  });

  it.each([
    ['a zip', bytes('PK', [3, 4, 20, 0])],
    ['binary noise', bytes([0, 1, 2, 3, 250, 251])],
    ['Latin-1 text that is not UTF-8', bytes('relat\xf3rio')],
    ['text with a NUL', Buffer.from('abc\u0000def')],
    ['an empty file', Buffer.alloc(0)],
  ])('refuses %s as unsupported', (_what, content) => {
    expect(detectContentType(content)).toEqual({ ok: false, reason: 'unsupported' });
  });
});

describe('safe attachment names', () => {
  it.each([
    ['../../etc/passwd.pdf', 'application/pdf', 'passwd.pdf'],
    ['C:\\Users\\ana\\Documents\\foto do buraco.JPG', 'image/jpeg', 'foto do buraco.jpg'],
    ['fatura\u202Efdp.exe', 'image/png', 'faturafdp.png'],
    ['nota\u0000\u0007\n.txt', 'text/plain', 'nota.txt'],
    ['...', 'application/pdf', 'anexo.pdf'],
    ['.bashrc', 'text/plain', 'bashrc.txt'],
    ['relatório "final" <v2>?.pdf', 'application/pdf', 'relatório _final_ _v2__.pdf'],
    ['con.txt', 'text/plain', '_con.txt'],
    ['sem extensão', 'image/gif', 'sem extensão.gif'],
    ['foto.pdf', 'image/png', 'foto.png'],
  ] as const)('%j as %s → %j', (original, contentType, expected) => {
    expect(safeFileName(original, contentType)).toBe(expected);
  });

  it('keeps the extension when it shortens a long name', () => {
    const name = safeFileName(`${'a'.repeat(300)}.pdf`, 'application/pdf');
    expect(name).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(name.endsWith('a.pdf')).toBe(true);
  });
});
