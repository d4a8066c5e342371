// Which feature (folder of src/) owns each table: only the owner's code writes it (INSERT, UPDATE,
// DELETE, TRUNCATE) and imports its entity; other features call the owner's service. Reads may join
// any table. docs/ARCHITECTURE.md explains the choices; test/table-owners.spec.ts checks that every
// table the migrations create is listed here.
export const TABLE_OWNERS = {
  province: 'regions',
  municipality: 'regions',
  discipline: 'disciplines',
  account: 'auth',
  sign_in_token: 'auth',
  professional: 'professionals',
  professional_offer: 'professionals',
  professional_seek: 'professionals',
  // Written by triggers on the professional tables; search reads it to keep its index and prunes it.
  professional_change: 'search',
  initiative: 'initiatives',
  initiative_initiator: 'initiatives',
  initiative_theme: 'initiatives',
  expertise_need: 'initiatives',
  match_rule_set: 'matching',
  match_run: 'matching',
  match_run_blob: 'matching',
  introduction: 'introductions',
  digest_state: 'introductions',
  email_outbox: 'mail',
};
