'use strict';
/* One conversation: messages (with where each reply stands on the platform), cart, orders, notices and its transition log. */
(() => {
  const {api, el, fill, time, money, live, debounce} = Admin;
  const id = document.body.dataset.conversation;

  async function load() {
    const [c, steps] = await Promise.all([
      api('/api/admin/conversations/' + encodeURIComponent(id)),
      api('/api/admin/conversations/' + encodeURIComponent(id) + '/transitions')]);
    document.getElementById('title').textContent = `Conversation with ${c.shopper_name || c.shopper || 'a shopper'}`;
    const facts = [['Shopper', c.shopper], ['Platform', c.platform], ['State', c.state], ['Started', time(c.created_at)],
      ['Last active', time(c.updated_at)], ['Messages', String(c.message_count)]];
    document.getElementById('facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v || '—')]));
    const delivery = m => m.delivery
      ? el('span', {class: 'delivery ' + m.delivery, title: m.error_code ? 'error ' + m.error_code : m.delivery},
        ' · ' + m.delivery + (m.error_code ? ` (${m.error_code})` : ''))
      : '';
    document.getElementById('messages').replaceChildren(...c.messages.map(m =>
      el('li', {class: m.role}, m.text, el('time', {datetime: m.at}, time(m.at)), delivery(m))));
    fill(document.querySelector('#notices tbody'), c.notices.map(n => el('tr', {class: ['refused', 'failed'].includes(n.status) ? 'error' : ''},
      el('td', {}, n.notice), el('td', {}, n.via || '—'),
      el('td', {}, n.status + (n.error_code ? ` (${n.error_code})` : '') + (n.reason ? ` ✕ ${n.reason}` : '')),
      el('td', {}, time(n.created_at)))), 'No notices.', 4);
    const cart = c.cart.items.map(i => el('tr', {},
      el('td', {}, i.name, i.in_stock ? '' : ' (out of stock)'), el('td', {}, String(i.quantity)),
      el('td', {}, money(i.unit_price, c.cart.currency)), el('td', {}, money(i.line_total, c.cart.currency))));
    if (c.cart.total) cart.push(el('tr', {}, el('th', {colspan: 3}, 'Total'), el('th', {}, money(c.cart.total, c.cart.currency))));
    fill(document.querySelector('#cart tbody'), cart, 'The cart is empty.', 4);
    fill(document.querySelector('#orders tbody'), c.orders.map(o => el('tr', {},
      el('td', {}, o.reference), el('td', {}, o.status), el('td', {}, money(o.total, o.currency)),
      el('td', {}, time(o.created_at)))), 'No orders.', 4);
    fill(document.querySelector('#transitions tbody'), steps.map(s => el('tr', {class: s.outcome === 'REFUSED' ? 'error' : ''},
      el('td', {}, String(s.seq)), el('td', {class: 'state'}, s.from),
      el('td', {}, s.outcome === 'REFUSED' ? `${s.event} ✕ ${s.reason}` : s.event),
      el('td', {class: 'state'}, s.to), el('td', {}, time(s.at)))), 'No steps yet.', 5);
  }

  load().catch(err => document.getElementById('title').textContent = err.message);
  const later = debounce(load, 300);
  live((type, event) => { if (event.conversation_id === id) later(); });
})();
