package dev.synod.chaos.report;

/** The static part of {@code timeline.html}: markup, style and the script that draws the embedded data. */
final class TimelinePage {
  private TimelinePage() {}

  static final String TEMPLATE = """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><title>Synod chaos timeline</title>
      <style>
      body{font:13px sans-serif;margin:0;padding:12px;color:#222}
      h1{font-size:17px;margin:0 0 6px}
      .VALID{color:#2a9d3a}.INVALID{color:#d62828}.UNKNOWN{color:#b8860b}
      pre{background:#f6f6f6;padding:8px;white-space:pre-wrap;max-height:260px;overflow:auto}
      table.testinfo td{padding:1px 8px 1px 0}
      #bar{margin:8px 0}#bar button,#bar input{margin-right:6px}
      #wrap{display:flex;border:1px solid #ccc}
      #labels{flex:none;width:80px;border-right:1px solid #ccc;background:#fafafa}
      #labels div{height:22px;line-height:22px;padding-left:6px;border-bottom:1px solid #eee;box-sizing:border-box}
      #scroll{overflow-x:auto;flex:1}
      #tl{position:relative}
      .lane{position:absolute;left:0;right:0;height:22px;border-bottom:1px solid #eee;box-sizing:border-box}
      .op{position:absolute;height:16px;margin-top:3px;min-width:2px;box-sizing:border-box;border-radius:2px;
        font-size:10px;overflow:hidden;white-space:nowrap;color:#fff;cursor:default}
      .ok{background:#2a9d3a}.fail{background:#d62828}.info{background:#f08c00}
      .pending{background:repeating-linear-gradient(45deg,#f08c00,#f08c00 4px,#f7c067 4px,#f7c067 8px)}
      .hl{outline:3px solid #6a00f4;z-index:2}.stuck{outline:4px solid #b00020;z-index:3}.dim{opacity:.15}
      .win{position:absolute;top:0;bottom:0;background:rgba(242,184,181,.45);border-left:1px dashed #d62828}
      .nem{position:absolute;width:3px;height:22px;background:#444}
      #tip{position:fixed;display:none;background:#fffbe6;border:1px solid #999;padding:6px;white-space:pre;
        font:12px monospace;z-index:10;pointer-events:none}
      </style></head><body>
      <h1 id="title"></h1>
      <div>verdict: <b id="verdict"></b></div>
      <table class="testinfo" id="info"></table>
      <pre id="summary"></pre>
      <div id="bar"><button id="zin">zoom in</button><button id="zout">zoom out</button>
      <button id="next">next outlined op</button>key filter: <input id="key" size="14">
      <span>green ok, red fail, orange info, striped pending; pink: fault in force; outlined red: the op
      that could not be linearized, purple: other ops its explanation names</span></div>
      <div id="wrap"><div id="labels"></div><div id="scroll"><div id="tl"></div></div></div>
      <div id="tip"></div>
      <script>
      const D = /*DATA*/;
      const LANE = 22;
      const lane = new Map(D.lanes.map((p, i) => [p, i]));
      let scale = Math.min(20000, Math.max(1200, D.ops.length * 3)) / Math.max(D.end, 1);
      let hlAt = -1;
      const $ = id => document.getElementById(id);
      $('title').textContent = D.title;
      $('verdict').textContent = D.verdict;
      $('verdict').className = D.verdict;
      $('summary').textContent = D.summary;
      for (const [k, v] of Object.entries(D.info)) {
        const tr = $('info').insertRow();
        tr.insertCell().textContent = k;
        tr.insertCell().textContent = typeof v === 'string' ? v : JSON.stringify(v);
      }
      for (const p of D.lanes) {
        const d = document.createElement('div');
        d.textContent = p < 0 ? 'nemesis' : 'process ' + p;
        $('labels').appendChild(d);
      }
      function ms(ns) { return (ns / 1e6).toFixed(3) + ' ms'; }
      function box(cls, left, top, width, tip) {
        const d = document.createElement('div');
        d.className = cls;
        d.style.left = left + 'px';
        if (top !== null) d.style.top = top + 'px';
        if (width !== null) d.style.width = width + 'px';
        d.tip = tip;
        $('tl').appendChild(d);
        return d;
      }
      function render() {
        const tl = $('tl');
        tl.innerHTML = '';
        tl.style.width = (D.end * scale + 60) + 'px';
        tl.style.height = (D.lanes.length * LANE) + 'px';
        D.lanes.forEach((p, i) => box('lane', 0, i * LANE, null, null));
        for (const [fault, s, e, healed] of D.windows) {
          box('win', s * scale, null, Math.max(2, (e - s) * scale),
            fault + '\\nfrom ' + ms(s) + '\\nto ' + (healed ? ms(e) : 'end of history (never healed)'));
        }
        for (const [t, f, v, i] of D.nemesis) {
          box('nem', t * scale, lane.get(-1) * LANE, null, 'nemesis ' + f + ' ' + v + '\\nindex ' + i + ' at ' + ms(t));
        }
        const filter = $('key').value;
        for (const [p, s, e, type, f, k, v, r, err, i, c, hl] of D.ops) {
          const tip = 'process ' + p + '  ' + f + (k === null ? '' : ' key=' + k) + '\\n' + type
            + '\\ninvoke #' + i + ' at ' + ms(s) + '  value ' + v
            + '\\n' + (c < 0 ? 'never completed' : 'complete #' + c + ' at ' + ms(e) + '  value ' + r)
            + '\\nlatency ' + ms(e - s) + (err ? '\\nerror ' + err : '')
            + (hl === 2 ? '\\ncould not be linearized' : hl ? '\\nnamed by an explanation' : '');
          const cls = 'op ' + type + (hl === 2 ? ' hl stuck' : hl ? ' hl' : '') + (filter && k !== filter ? ' dim' : '');
          const d = box(cls,
            s * scale, lane.get(p) * LANE, Math.max(2, (e - s) * scale), tip);
          d.textContent = f + ' ' + (type === 'ok' && f !== 'write' ? r : v);
        }
      }
      $('zin').onclick = () => { scale *= 2; render(); };
      $('zout').onclick = () => { scale /= 2; render(); };
      $('key').oninput = render;
      $('next').onclick = () => {
        const hl = document.querySelectorAll('.op.hl');
        if (hl.length === 0) return;
        hlAt = (hlAt + 1) % hl.length;
        hl[hlAt].scrollIntoView({block: 'nearest', inline: 'center'});
      };
      const tipEl = $('tip');
      $('tl').addEventListener('mousemove', ev => {
        const t = ev.target.tip;
        if (!t) { tipEl.style.display = 'none'; return; }
        tipEl.textContent = t;
        tipEl.style.display = 'block';
        tipEl.style.left = Math.min(ev.clientX + 12, window.innerWidth - 420) + 'px';
        tipEl.style.top = (ev.clientY + 12) + 'px';
      });
      $('tl').addEventListener('mouseleave', () => { tipEl.style.display = 'none'; });
      render();
      const first = document.querySelector('.op.stuck');
      if (first) first.scrollIntoView({block: 'nearest', inline: 'center'});
      </script></body></html>
      """;
}
