'use strict';
/*
 * The conversations list (GET /api/admin/conversations), filtered by state or to those waiting for a
 * person, refreshed live. A conversation a person should see to stands out: waiting for one (asked
 * for, or the bot failed twice), or with one (HANDOFF, taken over).
 */
(() => {
  const {api, el, fill, ago, money, pager, live, debounce} = Admin;
  const filter = document.getElementById('state-filter');
  const needsPerson = document.getElementById('needs-person');
  let page = 0;

  // What the state cell says of a person: the badge stands out, its title says why and since when.
  function personBadge(c) {
    const h = c.handoff;
    if (h && h.taken_by) {
      return el('span', {class: 'badge person', title: `since ${ago(h.since)}: ${h.reason || ''}`}, `with ${h.taken_by}`);
    }
    const since = (h && h.since) || (c.needs_person && c.needs_person.since);
    if (h || c.needs_person) {
      const why = (c.needs_person && c.needs_person.reason) || (h && h.reason) || '';
      return el('span', {class: 'badge waiting', title: why}, `waiting for a person · ${ago(since)}`);
    }
    return null;
  }

  async function load(p = page) {
    page = p;
    const q = new URLSearchParams({page: String(p), size: '25'});
    if (filter.value) q.set('state', filter.value);
    if (needsPerson.checked) q.set('needs_person', 'true');
    const result = await api('/api/admin/conversations?' + q);
    fill(document.querySelector('#conversations tbody'), result.items.map(c => {
      const badge = personBadge(c);
      return el('tr', {dataset: {id: c.id, state: c.state}, class: badge ? 'needs-person' : ''},
        el('td', {}, el('a', {href: '/admin/conversations/' + encodeURIComponent(c.id)}, c.shopper || c.id)),
        el('td', {}, c.platform),
        el('td', {}, el('span', {class: 'state'}, c.state), badge ? ' ' : '', badge),
        el('td', {}, c.cart_size ? `${c.cart_size} item${c.cart_size === 1 ? '' : 's'}` : '—'),
        el('td', {}, c.open_order ? `${c.open_order.reference} · ${c.open_order.status} · ${money(c.open_order.total, c.open_order.currency)}` : '—'),
        el('td', {title: c.updated_at}, ago(c.updated_at)));
    }), needsPerson.checked ? 'Nobody is waiting for a person.' : 'No conversations yet: say hello in the chat simulator.');
    pager(document.getElementById('pager'), result, load);
  }

  filter.addEventListener('change', () => load(0));
  needsPerson.addEventListener('change', () => load(0));
  load(0);
  // A shopper with a person writes without moving the machine: their messages keep the list current too.
  live(debounce(() => load(), 400), ['started', 'transition', 'message']);
})();
