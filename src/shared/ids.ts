/** Whether text has the shape of one of our ids, so that nothing else is echoed in errors. */
export function isId(prefix: 'dst' | 'act' | 'aud' | 'qry' | 'dsh', text: string): boolean {
  return new RegExp(`^${prefix}_[0-9a-f]{10}$`).test(text);
}
