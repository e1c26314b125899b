// How a file was saved, told from its text: the readers of policies, scenario files and AWS files
// take UTF-8, and Windows PowerShell 5's `>` and Out-File write UTF-16.

/**
 * Whether text decoded as UTF-8 was UTF-16: a UTF-16 byte order mark (decoded as two replacement
 * characters), or NULs in at least a third of its first characters (UTF-16 without a mark), but not
 * in more than three quarters: UTF-16 text has a character beside each NUL, and a file of NULs alone
 * (one cut short by a crash or a full disk) was never text.
 */
export function isUtf16Text(text: string): boolean {
  if (text.startsWith('\ufffd\ufffd') && text.includes('\0')) return true;
  const start = text.slice(0, 64);
  // Nearly every text has no NUL: one built-in search says so, where the count below reads each character.
  if (!start.includes('\0')) return false;
  let nuls = 0;
  for (let i = 0; i < start.length; i++) if (start.charCodeAt(i) === 0) nuls++;
  return start.length >= 4 && nuls * 3 >= start.length && nuls * 4 <= start.length * 3;
}
