const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** IDs are opaque to clients; a malformed one simply finds nothing. */
export const isUuid = (id: string): boolean => UUID.test(id);
