import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
function dbf(fields: {name:string;type:string;len:number;dec?:number}[], rows: string[][], ldid=0): Uint8Array {
  const recLen = 1 + fields.reduce((s,f)=>s+f.len,0); const hl = 32+32*fields.length+1;
  const out = new Uint8Array(hl + recLen*rows.length + 1); const dv = new DataView(out.buffer);
  out[0]=3; out[1]=124; out[2]=1; out[3]=1; dv.setUint32(4, rows.length, true); dv.setUint16(8, hl, true); dv.setUint16(10, recLen, true); out[29]=ldid;
  fields.forEach((f,i)=>{ const p=32+32*i; for (let k=0;k<f.name.length;k++) out[p+k]=f.name.charCodeAt(k); out[p+11]=f.type.charCodeAt(0); out[p+16]=f.len; out[p+17]=f.dec??0; });
  out[hl-1]=0x0d;
  rows.forEach((row,r)=>{ let p=hl+r*recLen; out[p++]=0x20; fields.forEach((f,i)=>{ const v=row[i].padEnd(f.len,' '); for(let k=0;k<f.len;k++) out[p+k]=v.charCodeAt(k); p+=f.len; }); });
  out[out.length-1]=0x1a; return out;
}
const rows = [
 ['20240105','T','12','abc','1.5'],
 ['01/05/2024','?','**********','   ','  '],
 ['2024-01-05','F','99999999999','', '1e400'],
 ['2024/01/05','y','-5','x  y','nan'],
 ['        ',' ','  ','', '-'],
 ['00000000','n','3.7','','1.#INF'],
 ['5.1.2024','Y','12345678901234567890','',''],
];
writeFileSync('/tmp/rd/p.dbf', dbf([{name:'D',type:'D',len:10},{name:'L',type:'L',len:1},{name:'N',type:'N',len:20},{name:'C',type:'C',len:5},{name:'F',type:'F',len:8,dec:3}], rows));
console.log(execFileSync('ogrinfo',['-al','-q','/tmp/rd/p.dbf'],{encoding:'utf8'}));
console.log(execFileSync('ogrinfo',['-al','-so','/tmp/rd/p.dbf'],{encoding:'utf8'}));
