// Preloaded into the Next.js server (node --import, beside peer-address.mjs) by scripts/start.ts
// and the benchmarks' server, through scripts/lib/server-hooks.ts.
// V8 lets the old generation grow up to four times what survived its last full collection before
// collecting again, so a server rendering large pages holds hundreds of MiB of garbage between
// collections. Measured by bench:views at 100,000 devices: the server held 787 MiB after the run,
// 410 MiB once V8's idle memory reducer had run 35 s later. A fixed 20 % growth keeps it near what
// it really uses (415–435 MiB after the same run), for more frequent, shorter collections. A V8 flag
// set here rather than on the command line: a Node.js without it warns instead of refusing to start.
import v8 from "node:v8";

v8.setFlagsFromString("--heap-growing-percent=20");
