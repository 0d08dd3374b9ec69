/**
 * The province page `farmland serve` shows at `/`: region totals against their targets from /api/summary, drilling
 * down province → city → county → township by code; a county opens in the dashboard (its `?manifest=` pointing at
 * this server's county files), where everything behaves as on files; the whole province opens in the dashboard's
 * server mode (`?server=` this server: tiles, figures and inspect from here, src/app/serverMode.ts). Plain HTML + script, no build step; data is
 * inserted with textContent only.
 */
export function provincePage(dashboardUrl: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>耕地保护一张图 · 省级</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:"Noto Sans CJK SC",system-ui,sans-serif;margin:1.5rem;color:#1f2a1f}
table{border-collapse:collapse;margin-top:.8rem}td,th{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:right}
td:first-child,th:first-child{text-align:left}.short{color:#b42318}.met{color:#177245}button.link{background:none;border:0;color:#1c5fb8;cursor:pointer;padding:0}
#login{display:none;margin:1rem 0}#crumbs button{margin-right:.4rem}
</style></head><body>
<h1>耕地保护一张图 · 数据库 <small>Farmland Atlas · province</small></h1>
<form id="login"><input id="user" placeholder="用户名" autocomplete="username"> <input id="pw" type="password" placeholder="密码" autocomplete="current-password"> <button>登录 / log in</button> <span id="loginMsg"></span></form>
<p><a id="openProvince" data-testid="open-province">在仪表盘中打开全省 / open the province in the dashboard</a></p>
<div id="crumbs"></div>
<div id="layers"></div>
<table id="regions"><thead><tr><th>区域</th><th>代码</th><th>指标</th><th>任务(亩)</th><th>实现(亩)</th><th>完成率</th><th>状态</th><th></th></tr></thead><tbody></tbody></table>
<script>
const DASHBOARD = ${JSON.stringify(dashboardUrl)};
let token = sessionStorage.getItem('fa-token') || '';
const path = [];
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
const fmt = (v, d = 2) => v === null || v === undefined ? '—' : Number(v).toLocaleString('zh-CN', { maximumFractionDigits: d, minimumFractionDigits: d });
async function api(url) {
  const r = await fetch(url, { headers: token ? { authorization: 'Bearer ' + token } : {} });
  if (r.status === 401) { document.getElementById('login').style.display = 'block'; throw new Error('login'); }
  return r.json();
}
document.getElementById('login').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const r = await fetch('/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: document.getElementById('user').value, password: document.getElementById('pw').value }) });
  if (!r.ok) { document.getElementById('loginMsg').textContent = '用户名或密码错误'; return; }
  token = (await r.json()).token; sessionStorage.setItem('fa-token', token);
  document.getElementById('login').style.display = 'none'; show();
});
const provinceLink = () => { document.getElementById('openProvince').href = DASHBOARD + '?server=' + encodeURIComponent(location.origin) + (token ? '&token=' + token : ''); };
provinceLink();
async function show() {
  provinceLink();
  const region = path.length ? path[path.length - 1].code : '';
  const s = await api('/api/summary' + (region ? '?region=' + encodeURIComponent(region) : ''));
  const crumbs = document.getElementById('crumbs'); crumbs.replaceChildren();
  const top = el('button', '全部 / all'); top.onclick = () => { path.length = 0; show(); }; crumbs.append(top);
  path.forEach((p, i) => { const b = el('button', p.name || p.code); b.onclick = () => { path.length = i + 1; show(); }; crumbs.append(b); });
  const layers = document.getElementById('layers'); layers.replaceChildren();
  for (const l of s.layers) layers.append(el('div', l.name + '：' + fmt(l.features, 0) + ' 图斑 · ' + fmt(l.area_mu) + ' 亩'));
  const body = document.querySelector('#regions tbody'); body.replaceChildren();
  for (const r of [s.targets.selected, ...s.targets.children]) {
    for (const line of r.lines) {
      const tr = el('tr'); tr.dataset.code = r.code; tr.dataset.metric = line.metric; tr.dataset.achieved = String(line.achieved_mu);
      const name = el('td'); 
      if (r !== s.targets.selected && r.code) { const b = el('button', r.name || r.code, 'link'); b.onclick = () => { path.push({ code: r.code, name: r.name }); show(); }; name.append(b); }
      else name.textContent = r.name || r.code || '全国';
      tr.append(name, el('td', r.code), el('td', line.metric === 'cultivated' ? '耕地保有量' : '永久基本农田'), el('td', fmt(line.target_mu)), el('td', fmt(line.achieved_mu)),
        el('td', line.ratio === null ? '—' : (line.ratio * 100).toFixed(2) + '%'), el('td', line.status === 'met' ? '达标' : line.status === 'short' ? '缺口' : '无数据', line.status));
      const open = el('td');
      if (r.code && r.code.length === 6) {
        const a = el('a', '在仪表盘中打开 / open');
        a.href = DASHBOARD + '?manifest=' + encodeURIComponent(location.origin + '/api/county/' + r.code + '/manifest.json' + (token ? '?token=' + token : ''));
        open.append(a);
      }
      tr.append(open); body.append(tr);
    }
  }
}
show().catch(() => {});
</script></body></html>`;
}
