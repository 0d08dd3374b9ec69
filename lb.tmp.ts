import { benchLedger, ledgerTable } from './test/bench/ledgerBench';
const n = Number(process.argv[2]);
console.log(ledgerTable([benchLedger(n, 20_240_205, 2)]));
