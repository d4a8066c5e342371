// The project's own lint rules, for what no published plugin checks: who writes which table.
import { TABLE_OWNERS } from './table-owners.js';

/**
 * The tables a piece of SQL writes. Uppercase keywords only (the project writes SQL so), which
 * keeps English prose in messages out; `DO UPDATE SET` and `FOR UPDATE OF` are not targets.
 * Example: "WITH x AS (UPDATE introduction SET …) INSERT INTO digest_state …" → introduction, digest_state.
 */
export function writtenTables(sql) {
  const tables = [];
  for (const match of sql.matchAll(/\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+(?:ONLY\s+)?"?([a-z_][a-z0-9_]*)"?/g)) {
    if (!['set', 'of', 'skip', 'nowait'].includes(match[1])) tables.push(match[1]);
  }
  return tables;
}

/** The feature folder of a file under src/, or null (app layer, tests, benchmarks). */
function featureOf(filename) {
  const match = /[\\/]src[\\/]([^\\/]+)[\\/]/.exec(filename);
  return match ? match[1] : null;
}

const tableOwner = {
  meta: {
    type: 'problem',
    docs: { description: 'Only the feature that owns a table writes it (eslint/table-owners.js)' },
    schema: [],
    messages: {
      foreign: 'Table "{{table}}" belongs to {{owner}}/: call its service instead of writing it from {{feature}}/.',
      unknown: 'Table "{{table}}" has no owner: add it to eslint/table-owners.js.',
      byName: 'getRepository by table name bypasses the owner check: import the owning feature\'s service.',
    },
  },
  create(context) {
    const feature = featureOf(context.filename);
    if (!feature) return {};
    const check = (node, sql) => {
      for (const table of writtenTables(sql)) {
        const owner = TABLE_OWNERS[table];
        if (!owner) context.report({ node, messageId: 'unknown', data: { table } });
        else if (owner !== feature) context.report({ node, messageId: 'foreign', data: { table, owner, feature } });
      }
    };
    return {
      Literal(node) {
        if (typeof node.value === 'string') check(node, node.value);
      },
      TemplateLiteral(node) {
        check(node, node.quasis.map((q) => q.value.cooked ?? q.value.raw).join(' ? '));
      },
      CallExpression(node) {
        const callee = node.callee;
        const name = callee.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property.name : null;
        const [first] = node.arguments;
        if (name === 'getRepository' && first && first.type === 'Literal' && typeof first.value === 'string') {
          context.report({ node, messageId: 'byName' });
        }
      },
    };
  },
};

export default { meta: { name: 'verbinder' }, rules: { 'table-owner': tableOwner } };
