/** A value bound to a named SQL parameter (`$name`); a list of strings binds as VARCHAR[]. */
export type SqlValue = string | number | boolean | null | readonly string[];
export type SqlParams = Readonly<Record<string, SqlValue>>;
