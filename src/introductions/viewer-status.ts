// What one participant may know of an introduction. Every place that shows a person an
// introduction, its status or a count of them (myIntroductions, the email answer pages,
// exportMyData, the digest and connection emails) reads it through these fragments, so that a
// decline stays private everywhere.

/** The viewer's own answer (true, false or NULL) to `alias`, an `introduction` row. */
export function ownAnswerSql(alias: string, viewer: string): string {
  return `(CASE WHEN ${alias}.a_id = ${viewer} THEN ${alias}.a_answer ELSE ${alias}.b_answer END)`;
}

/**
 * The status a participant sees, as SQL over `alias` (an `introduction` row) for the account id
 * `viewer` (a parameter such as `$1`). A decline is private: whoever did not decline sees the
 * introduction as still waiting (SENT, or ACCEPTED once they said yes) until it expires, and then
 * EXPIRED, exactly as if the other had never answered. Expiry is read from expires_at, not only
 * from the hourly expiry job, so that a declined and an unanswered introduction turn EXPIRED at
 * the same moment. Example: B declined, A has not answered: A sees SENT, after expires_at EXPIRED;
 * B sees DECLINED.
 */
export function viewerStatusSql(alias: string, viewer: string): string {
  const own = ownAnswerSql(alias, viewer);
  return `(CASE
    WHEN ${alias}.status = 'CONNECTED' THEN 'CONNECTED'
    WHEN ${own} = false THEN 'DECLINED'
    WHEN ${alias}.status = 'EXPIRED' OR ${alias}.expires_at < now() THEN 'EXPIRED'
    WHEN ${alias}.status = 'DECLINED' THEN CASE WHEN ${own} THEN 'ACCEPTED' ELSE 'SENT' END
    ELSE ${alias}.status::text END)`;
}

/** Whether the viewer may still answer `alias`, as they see it: what a digest offers them. */
export function openForViewerSql(alias: string, viewer: string): string {
  return `(${ownAnswerSql(alias, viewer)} IS NULL AND ${viewerStatusSql(alias, viewer)} IN ('PROPOSED', 'SENT', 'ACCEPTED'))`;
}
