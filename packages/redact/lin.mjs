import { createRedactor } from './dist/src/index.js';
const r = createRedactor({ config: { enabled: true, mode: 'mask', hashKey: undefined, disabledTypes: [], extraKeys: [] } });
const units = ['1','1 ','4111 ','@','a@','a.b@c','+','+1 ','+44 20 7946 0958 ','A','eyJ','eyJhbGciOiJIUzI1NiJ9.',':','a:','::','1:','=','password=','a=b&','-----BEGIN PRIVATE KEY-----','[REDACTED:card]','AKIA','ghp_','xoxb-','https://a:b@','://','Bearer ','1.1.1.1.','A123456(','GB82 ', 'x@y.com ', '"password":"', '\\"', 'ffff:', '(0', '0 ', '13812345678 ', 'Basic dXNlcjpwYXNz '];
function time(s){ const ts=[]; for(let i=0;i<3;i++){const t=performance.now(); r.redact(s); ts.push(performance.now()-t);} ts.sort((a,b)=>a-b); return ts[1]; }
for (const u of units) {
  const small = u.repeat(Math.ceil(100_000/u.length)).slice(0,100_000);
  const big = u.repeat(Math.ceil(1_000_000/u.length)).slice(0,1_000_000);
  const a = time(small), b = time(big);
  console.log(JSON.stringify(u).padEnd(32), a.toFixed(1).padStart(8), b.toFixed(1).padStart(8), (b/a).toFixed(1));
}
// random mix
let seed=1; const rnd=()=>{seed=(seed*1103515245+12345)&0x7fffffff; return seed/0x7fffffff;};
const alpha='0123456789 -+@.:=/()eyJAKIa_';
let mix=''; for(let i=0;i<1_000_000;i++) mix+=alpha[Math.floor(rnd()*alpha.length)];
console.log('mix', time(mix.slice(0,100000)).toFixed(1), time(mix).toFixed(1));
