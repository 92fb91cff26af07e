'use strict';
/* Orders by status; an ADMIN moves one along its lifecycle (PATCH /api/admin/orders/{id}). */
(() => {
  const {api, el, fill, time, money, pager, showProblem, canWrite} = Admin;
  const filter = document.getElementById('status-filter');
  const problem = document.getElementById('problem');
  let page = 0;

  function changer(o) {
    if (!canWrite || !o.next_statuses.length) return '—';
    const select = el('select', {'aria-label': 'new status'}, ...o.next_statuses.map(s => el('option', {value: s}, s)));
    const apply = el('button', {type: 'button', class: 'apply', onclick: async () => {
      if (!confirm(`Move ${o.reference} to ${select.value}? The shopper is told.`)) return;
      try {
        await api('/api/admin/orders/' + encodeURIComponent(o.id), {method: 'PATCH', json: {status: select.value}});
        showProblem(problem, null);
        await load();
      } catch (err) {
        showProblem(problem, err);
      }
    }}, 'Apply');
    return el('span', {}, select, ' ', apply);
  }

  async function load(p = page) {
    page = p;
    const q = new URLSearchParams({page: String(p), size: '25'});
    if (filter.value) q.set('status', filter.value);
    const result = await api('/api/admin/orders?' + q);
    fill(document.querySelector('#orders tbody'), result.items.map(o => el('tr', {dataset: {id: o.id}},
      el('td', {}, o.conversation_id ? el('a', {href: '/admin/conversations/' + encodeURIComponent(o.conversation_id)}, o.reference) : o.reference),
      el('td', {class: 'status'}, o.status),
      el('td', {}, money(o.total_amount, o.currency)),
      el('td', {}, o.items.map(i => `${i.quantity} × ${i.product_name}`).join(', ')),
      el('td', {}, time(o.created_at)),
      el('td', {}, changer(o)))), 'No orders here.');
    pager(document.getElementById('pager'), result, load);
  }

  filter.addEventListener('change', () => load(0));
  load(0).catch(err => showProblem(problem, err));
})();
