// Preloaded into the Next.js server (node --import, beside peer-address.mjs) by scripts/start.ts
// and the benchmarks' server, through scripts/lib/server-hooks.ts.
// V8 lets the old generation grow up to four times what survived its last full collection before
// collecting again, so a server rendering large pages holds hundreds of MiB of garbage between
// collections. Measured by bench:views at 100,000 devices: the server held 787 MiB after the run,
// 410 MiB once V8's idle memory reducer had run 35 s later. A fixed 20 % growth keeps it near what
// it really uses (415–435 MiB after the same run), for more frequent, shorter collections, which
// cost an agent-heavy server throughput (SERVER_HEAP_GROWTH_PERCENT). A V8 flag
// set here rather than on the command line: a Node.js without it warns instead of refusing to start.
import v8 from "node:v8";

// The launcher (scripts/lib/server-hooks.ts, serverEnv) has checked SERVER_HEAP_GROWTH_PERCENT and
// always sets it (20 unless an operator chose otherwise): see there for the trade it makes.
const percent = Number(process.env.SERVER_HEAP_GROWTH_PERCENT);
if (Number.isInteger(percent) && percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
