/** The server's reasons end without a full stop: one is added where a sentence needs it. */
export function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
