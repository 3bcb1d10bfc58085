/** The longest status text a node shows: about what fits under a node without crowding the flow. */
export const STATUS_LIMIT = 40;

/**
 * A status text cut to `limit` characters on a word boundary, with an ellipsis where it was cut (the full text
 * goes to the error, where a Catch or debug node shows it). A single word longer than the limit is cut inside.
 */
export function statusText(text: string, limit = STATUS_LIMIT): string {
  const flat = String(text).replace(/\s+/g, " ").trim();
  if (flat.length <= limit) return flat;
  const room = flat.slice(0, limit - 1);
  const space = room.lastIndexOf(" ");
  const head = space >= limit / 2 ? room.slice(0, space) : room;
  return head.replace(/[\s,;:.(\-]+$/, "") + "…";
}
