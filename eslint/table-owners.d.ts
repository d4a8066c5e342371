/** Table name → the folder of src/ that owns it (see table-owners.js). */
export declare const TABLE_OWNERS: Readonly<Record<string, string>>;
