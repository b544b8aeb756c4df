// What one table query costs Azurite at a million entities, and whether the order of a filter's tests matters.
// Azurite answers a query by running its own filter code (the QueryInterpreter) on every entity of the table
// (LokiJS `where`); this runs that same code over synthetic index rows and day markers, in memory.
// Run: node bench/azurite/filter-scan.js [entities]   (docs/performance.md#reports-at-scale)
const path = require('node:path');
const base = path.join(__dirname, '..', '..', 'node_modules', 'azurite', 'dist', 'src', 'table', 'persistence');
const Generator = require(path.join(base, 'LokiTableStoreQueryGenerator')).default;
const Loki = require(path.join(__dirname, '..', '..', 'node_modules', 'lokijs'));

const entities = Number(process.argv[2]) || 1_000_000;
const days = 90;
const collection = new Loki('scan', { persistenceMethod: 'memory' }).addCollection('t', { indices: ['PartitionKey', 'RowKey'] });
const day = (d) => `202608${String(1 + (d % 30)).padStart(2, '0')}${d >= 30 ? `-${Math.floor(d / 30)}` : ''}`;
const rows = [];
for (let i = 0; i < entities; i++) {
  rows.push({ PartitionKey: `${i % 8}-${day(i % days)}`, RowKey: `c-${i}`, properties: { Type: 'ftd', Network: `net${i % 5}`, Payout: 1.5, Currency: 'EUR', Status: 'approved', ClickId: `c${i}` } });
}
for (let d = 0; d < days; d++) for (let s = 0; s < 8; s++) rows.push({ PartitionKey: `${s}-${day(d)}`, RowKey: 'a--day', properties: {} });
collection.insert(rows);

function time(filter) {
  const where = Generator.generateQueryForPersistenceLayer({ filter }, {});
  let found = 0;
  const start = process.hrtime.bigint();
  for (let run = 0; run < 5; run++) found = collection.chain().where(where).data().length;
  console.log(`${(Number(process.hrtime.bigint() - start) / 5e6).toFixed(1)} ms a pass, ${found} found: ${filter}`);
}

time(`PartitionKey ge '3-${day(0)}' and PartitionKey le '3-${day(days - 1)}' and RowKey eq 'a--day'`);
time(`RowKey eq 'a--day' and PartitionKey ge '3-${day(0)}' and PartitionKey le '3-${day(days - 1)}'`);
