'use strict';
/*
 * One conversation: messages (with where each reply stands on the platform, and what a person from
 * the shop wrote), cart, orders, notices and its transition log; and for an ADMIN, taking it over
 * from the bot, writing to the shopper and handing it back. A VIEWER's page has none of those controls.
 */
(() => {
  const {api, el, fill, time, ago, money, live, debounce, canWrite} = Admin;
  const id = document.body.dataset.conversation;
  const base = '/api/admin/conversations/' + encodeURIComponent(id);
  const takeOver = document.getElementById('take-over');
  const handBack = document.getElementById('hand-back');
  const problem = document.getElementById('person-problem');
  const form = document.getElementById('person-message');
  const result = document.getElementById('person-result');
  let sending = false;

  // Whether a person has it, since when and why; who took it; where a hand back returns it.
  function person(c) {
    const h = c.handoff;
    const panel = document.getElementById('person');
    panel.classList.toggle('with-person', c.state === 'HANDOFF');
    panel.classList.toggle('waiting', c.state === 'HANDOFF' ? !h || !h.taken_by : !!c.needs_person);
    const status = document.getElementById('person-status');
    status.className = '';
    if (c.state === 'HANDOFF' && h) {
      status.replaceChildren(
        el('strong', {}, h.taken_by ? `${h.taken_by} has this conversation` : 'Waiting for a person'),
        ` since ${time(h.since)} (${ago(h.since)})`, h.reason ? ` · why: ${h.reason}` : '',
        ` · the bot is quiet · answered: ${h.answered_at ? time(h.answered_at) : 'not yet'}`,
        h.came_from ? ` · a hand back returns it to ${h.came_from}` : '');
    } else if (c.needs_person) {
      status.replaceChildren(el('strong', {}, 'The bot has it, but a person was asked for'),
        ` since ${time(c.needs_person.since)} · why: ${c.needs_person.reason}`);
    } else {
      status.replaceChildren('The bot has this conversation.');
      status.className = 'muted';
    }
    if (!canWrite || !takeOver) return;
    // Taking one already handed off marks it as yours; handing back needs a person to have it.
    takeOver.disabled = c.state === 'HANDOFF' && !!(h && h.taken_by);
    handBack.disabled = c.state !== 'HANDOFF';
    const reach = document.getElementById('person-reach');
    reach.textContent = {
      FREE_FORM: 'Goes as free-form text.',
      OUTSIDE_WINDOW: "WhatsApp's 24-hour window has closed: it goes as the 'admin' template if one is configured, else it is refused.",
      OPTED_OUT: 'The shopper sent STOP: nothing will reach them.'
    }[c.reach] || '';
    if (c.state !== 'HANDOFF') reach.textContent += ' The bot answers this shopper too: take over first to keep it quiet.';
    reach.className = c.reach === 'FREE_FORM' && c.state === 'HANDOFF' ? 'muted' : 'warning';
  }

  // The shopper's and the bot's messages, and a person's (admin notices), in the order they were written.
  function chat(c) {
    const delivery = m => m.delivery
      ? el('span', {class: 'delivery ' + m.delivery, title: m.error_code ? 'error ' + m.error_code : m.delivery},
        ' · ' + m.delivery + (m.error_code ? ` (${m.error_code})` : ''))
      : '';
    const said = c.messages.map(m => ({at: m.at, node: el('li', {class: m.role}, m.text, el('time', {datetime: m.at}, time(m.at)), delivery(m))}));
    const wrote = c.notices.filter(n => n.notice === 'admin' && n.text).map(n => ({at: n.created_at,
      node: el('li', {class: 'person' + (['refused', 'failed'].includes(n.status) ? ' error' : '')},
        el('span', {class: 'who'}, 'A person from the shop'), n.text,
        el('time', {datetime: n.created_at}, time(n.created_at)),
        el('span', {class: 'delivery ' + n.status}, ` · ${n.via || ''} ${n.status}${n.reason ? ' ✕ ' + n.reason : ''}`))}));
    const all = [...said, ...wrote].sort((a, b) => new Date(a.at) - new Date(b.at));
    document.getElementById('messages').replaceChildren(...all.map(x => x.node));
  }

  async function load() {
    const [c, steps] = await Promise.all([api(base), api(base + '/transitions')]);
    document.getElementById('title').textContent = `Conversation with ${c.shopper_name || c.shopper || 'a shopper'}`;
    const facts = [['Shopper', c.shopper], ['Platform', c.platform], ['State', c.state], ['Started', time(c.created_at)],
      ['Last active', time(c.updated_at)], ['Messages', String(c.message_count)]];
    document.getElementById('facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v || '—')]));
    person(c);
    chat(c);
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

  /** A take over or hand back: the answer is the state it is now in; the page reloads to show the rest. */
  async function move(button, path) {
    button.disabled = true;
    Admin.showProblem(problem, null);
    try {
      await api(base + path, {method: 'POST'});
    } catch (err) {
      Admin.showProblem(problem, err);
    }
    await load();
  }

  if (canWrite && takeOver) {
    takeOver.addEventListener('click', () => move(takeOver, '/takeover'));
    handBack.addEventListener('click', () => move(handBack, '/handback'));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const text = document.getElementById('person-text');
      if (sending || !text.value.trim()) return;
      sending = true;
      document.getElementById('person-send').disabled = true;
      try {
        // 202: the platform has it, or the log says why not (refused outside the 24-hour window, say).
        const sent = await api(base + '/messages', {method: 'POST', json: {text: text.value.trim()}});
        const gone = !['refused', 'failed'].includes(sent.status);
        result.className = gone ? 'notice' : 'error';
        result.dataset.status = sent.status;
        result.textContent = gone
          ? `Sent as ${sent.via || 'text'} · ${sent.status}`
          : `Not sent (${sent.status})${sent.reason ? ': ' + sent.reason : ''}${sent.error_code ? ` [${sent.error_code}]` : ''}`;
        if (gone) text.value = '';
      } catch (err) {
        result.className = 'error';
        result.dataset.status = 'error';
        result.textContent = err.message;
      } finally {
        result.hidden = false;
        sending = false;
        document.getElementById('person-send').disabled = false;
      }
      await load();
    });
  }

  load().catch(err => document.getElementById('title').textContent = err.message);
  const later = debounce(load, 300);
  live((type, event) => { if (event.conversation_id === id) later(); }, ['started', 'transition', 'message']);
})();
