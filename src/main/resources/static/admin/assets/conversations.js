'use strict';
/* The conversations list (GET /api/admin/conversations), filtered by state, refreshed live. */
(() => {
  const {api, el, fill, ago, money, pager, live, debounce} = Admin;
  const filter = document.getElementById('state-filter');
  let page = 0;

  async function load(p = page) {
    page = p;
    const q = new URLSearchParams({page: String(p), size: '25'});
    if (filter.value) q.set('state', filter.value);
    const result = await api('/api/admin/conversations?' + q);
    fill(document.querySelector('#conversations tbody'), result.items.map(c => el('tr', {dataset: {id: c.id}},
      el('td', {}, el('a', {href: '/admin/conversations/' + encodeURIComponent(c.id)}, c.shopper || c.id)),
      el('td', {}, c.platform),
      el('td', {class: 'state'}, c.state),
      el('td', {}, c.cart_size ? `${c.cart_size} item${c.cart_size === 1 ? '' : 's'}` : '—'),
      el('td', {}, c.open_order ? `${c.open_order.reference} · ${c.open_order.status} · ${money(c.open_order.total, c.open_order.currency)}` : '—'),
      el('td', {title: c.updated_at}, ago(c.updated_at)))), 'No conversations yet: say hello in the chat simulator.');
    pager(document.getElementById('pager'), result, load);
  }

  filter.addEventListener('change', () => load(0));
  load(0);
  live(debounce(() => load(), 400));
})();
