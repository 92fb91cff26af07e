'use strict';
/*
 * The state machine drawn from GET /api/admin/statemachine (the transition table itself), with the
 * conversations standing in each state and the traffic along each edge over a window
 * (GET /api/admin/statemachine/activity), kept current by the live feed. Picking a conversation
 * plays its path from the transition log, with the shopper's message behind each step.
 */
(() => {
  const {api, el, fill, time, ago, debounce, live} = Admin;
  // Left to right as a purchase goes; zig-zag so edges between neighbours do not overlap.
  const PLACES = {
    BROWSING: {x: 0, y: 220}, PRODUCT_FOCUS: {x: 260, y: 40}, CART: {x: 520, y: 220},
    CHECKOUT: {x: 780, y: 40}, AWAITING_PAYMENT: {x: 1040, y: 220}
  };
  const windowSelect = document.getElementById('window');
  const conversationSelect = document.getElementById('conversation');
  const pathList = document.getElementById('path');
  const stepOf = document.getElementById('step-of');
  let cy;
  let machine;
  let path = {steps: [], messages: new Map(), current: -1};
  let player;

  const edgeId = (from, to, kind) => `${kind}:${from}->${to}`;

  function build(m) {
    machine = m;
    // A state added to the table later still gets a place: a row below the known ones.
    const nodes = m.states.map((s, i) => ({group: 'nodes', data: {id: s, name: s, count: 0},
      position: PLACES[s] || {x: i * 260, y: 400}}));
    const edges = new Map();
    for (const row of m.transitions) {
      const kind = row.kind === 'outside' ? 'outside' : 'applied';
      const id = edgeId(row.from, row.to, kind);
      if (!edges.has(id)) {
        edges.set(id, {group: 'edges', data: {id, source: row.from, target: row.to, kind, events: [], count: 0, rate: 0}});
      }
      // The table's offered column: † offered to the model only with a cart, ‡ only once there is an order.
      const offered = row.offered === 'with_cart' ? '†' : row.offered === 'with_orders' ? '‡' : '';
      edges.get(id).data.events.push((row.guard ? `${row.event} [${row.guard}]` : row.event) + offered);
    }
    cy = cytoscape({
      container: document.getElementById('graph'),
      elements: [...nodes, ...edges.values()],
      layout: {name: 'preset', fit: true, padding: 50},
      wheelSensitivity: 0.3,
      style: [
        {selector: 'node', style: {
          'shape': 'round-rectangle', 'width': 170, 'height': 64, 'background-color': '#f4f8fb',
          'border-width': 2, 'border-color': '#3b6e8f', 'label': 'data(label)', 'text-wrap': 'wrap',
          'text-valign': 'center', 'font-size': 14, 'color': '#1d2a33'}},
        {selector: 'node[count > 0]', style: {'background-color': '#d9ecf7'}},
        {selector: 'node.current', style: {'border-width': 5, 'border-color': '#e08e0b'}},
        {selector: 'edge', style: {
          'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'width': 'mapData(count, 0, 50, 1.5, 9)',
          'line-color': '#2f6f8f', 'target-arrow-color': '#2f6f8f', 'label': 'data(label)', 'font-size': 10,
          'text-wrap': 'wrap', 'text-background-color': '#fff', 'text-background-opacity': 0.85,
          'text-background-padding': 2, 'color': '#33444f', 'control-point-step-size': 60}},
        // Self-transitions: moves loop above a state, outside events below, refused calls to the left.
        {selector: 'edge:loop', style: {'loop-direction': '0deg', 'loop-sweep': '-50deg', 'control-point-step-size': 80}},
        {selector: 'edge:loop[kind = "outside"]', style: {'loop-direction': '180deg'}},
        {selector: 'edge:loop[kind = "refused"]', style: {'loop-direction': '-90deg'}},
        {selector: 'edge[count = 0]', style: {'line-color': '#b8c7d1', 'target-arrow-color': '#b8c7d1'}},
        {selector: 'edge[kind = "outside"]', style: {'line-style': 'dashed', 'line-color': '#8a8a8a', 'target-arrow-color': '#8a8a8a'}},
        {selector: 'edge[kind = "refused"]', style: {'line-style': 'dashed', 'line-color': '#c62828', 'target-arrow-color': '#c62828', 'color': '#c62828'}},
        {selector: 'edge.path', style: {'line-color': '#e08e0b', 'target-arrow-color': '#e08e0b', 'width': 5}},
        {selector: 'edge.current', style: {'line-color': '#e08e0b', 'target-arrow-color': '#e08e0b', 'width': 9, 'z-index': 10}},
        {selector: 'edge.flash', style: {'line-color': '#43a047', 'target-arrow-color': '#43a047', 'width': 10}},
        // A refused call stays red when it is on the path, the current step or just happened.
        {selector: 'edge[kind = "refused"].path, edge[kind = "refused"].current, edge[kind = "refused"].flash',
          style: {'line-color': '#c62828', 'target-arrow-color': '#c62828'}}
      ]
    });
    labelAll();
    window.shopkeeperVisualizer = {cy}; // for the browser's console, and the browser test
  }

  function labelAll() {
    cy.nodes().forEach(n => n.data('label', `${n.data('name')}\n${n.data('count')} now`));
    cy.edges().forEach(e => {
      const d = e.data();
      const traffic = d.count > 0 ? `\n×${d.count} · ${d.rate}/min` : '';
      const what = d.kind === 'refused' ? d.events.map(x => '✕ ' + x).join('\n') : d.events.join('\n');
      e.data('label', what + traffic);
    });
  }

  function refusedEdge(from, to, event) {
    const id = edgeId(from, to, 'refused');
    let edge = cy.getElementById(id);
    if (edge.empty()) {
      edge = cy.add({group: 'edges', data: {id, source: from, target: to, kind: 'refused', events: [], count: 0, rate: 0}});
    }
    if (!edge.data('events').includes(event)) edge.data('events', [...edge.data('events'), event]);
    return edge;
  }

  async function refreshActivity() {
    const a = await api('/api/admin/statemachine/activity?window=' + encodeURIComponent(windowSelect.value));
    cy.batch(() => {
      cy.nodes().forEach(n => n.data('count', a.counts[n.id()] || 0));
      cy.edges().forEach(e => { e.data('count', 0); e.data('rate', 0); });
      for (const edge of a.edges) {
        let target;
        if (edge.outcome === 'REFUSED') {
          target = refusedEdge(edge.from, edge.to, edge.event);
        } else {
          const outside = machine.transitions.some(r => r.event === edge.event && r.kind === 'outside');
          target = cy.getElementById(edgeId(edge.from, edge.to, outside ? 'outside' : 'applied'));
        }
        if (target.nonempty()) {
          target.data('count', target.data('count') + edge.count);
          target.data('rate', Math.round((target.data('rate') + edge.per_minute) * 100) / 100);
        }
      }
      labelAll();
    });
    const body = document.querySelector('#state-counts tbody');
    fill(body, machine.states.map(s => el('tr', {dataset: {state: s}},
      el('td', {class: 'state'}, s), el('td', {class: 'count'}, String(a.counts[s] || 0)))), '', 2);
  }

  async function loadConversations(keep) {
    const page = await api('/api/admin/conversations?size=50');
    const chosen = keep || conversationSelect.value;
    conversationSelect.replaceChildren(el('option', {value: ''}, '— pick one —'),
      ...page.items.map(c => el('option', {value: c.id},
        `${c.platform} ···${(c.shopper || c.id).slice(-4)} · ${c.state} · ${ago(c.updated_at)}`)));
    if (chosen && [...conversationSelect.options].some(o => o.value === chosen)) {
      conversationSelect.value = chosen;
    }
  }

  function stepEdge(step) {
    if (step.outcome === 'REFUSED') return refusedEdge(step.from, step.tried_to || step.from, step.event);
    const outside = machine.transitions.some(r => r.event === step.event && r.kind === 'outside');
    return cy.getElementById(edgeId(step.from, step.to, outside ? 'outside' : 'applied'));
  }

  async function loadPath(id) {
    stopPlaying();
    cy.elements().removeClass('path current');
    if (!id) {
      path = {steps: [], messages: new Map(), current: -1};
      pathList.replaceChildren();
      stepOf.textContent = '';
      return;
    }
    const [steps, detail] = await Promise.all([
      api(`/api/admin/conversations/${encodeURIComponent(id)}/transitions`),
      api(`/api/admin/conversations/${encodeURIComponent(id)}`)]);
    path = {id, steps, messages: new Map(detail.messages.map(m => [m.id, m.text])), current: -1};
    pathList.replaceChildren(...steps.map((s, i) => {
      const said = s.message_id && path.messages.get(s.message_id);
      const arrow = s.outcome === 'REFUSED'
        ? `${s.from} ✕ ${s.event} (${s.reason})`
        : `${s.from} → ${s.event} → ${s.to}`;
      return el('li', {class: s.outcome === 'REFUSED' ? 'refused' : '', dataset: {seq: s.seq, event: s.event, to: s.to},
          onclick: () => show(i)},
        el('span', {class: 'step'}, arrow),
        said ? el('span', {class: 'said'}, `“${said}”`) : null,
        el('time', {class: 'muted', datetime: s.at}, ' ' + time(s.at)));
    }));
    steps.forEach(s => stepEdge(s).addClass('path'));
    cy.getElementById(detail.state).addClass('current');
    if (steps.length) show(steps.length - 1); // where it stands now; Play replays from the start
  }

  function show(i) {
    if (i < 0 || i >= path.steps.length) return;
    path.current = i;
    cy.elements().removeClass('current');
    const step = path.steps[i];
    stepEdge(step).addClass('current');
    cy.getElementById(step.to).addClass('current');
    [...pathList.children].forEach((li, j) => li.classList.toggle('current', j === i));
    pathList.children[i].scrollIntoView({block: 'nearest'});
    stepOf.textContent = `step ${i + 1} of ${path.steps.length}`;
  }

  function stopPlaying() {
    clearInterval(player);
    player = null;
    document.getElementById('play').textContent = 'Play';
  }

  function play() {
    if (player) return stopPlaying();
    if (!path.steps.length) return;
    document.getElementById('play').textContent = 'Pause';
    show(0);
    player = setInterval(() => {
      if (path.current >= path.steps.length - 1) return stopPlaying();
      show(path.current + 1);
    }, 1200);
  }

  function flash(event) {
    if (!machine || event.type !== 'transition') return;
    const edge = stepEdge(event);
    edge.addClass('flash');
    setTimeout(() => edge.removeClass('flash'), 900);
  }

  async function start() {
    build(await api('/api/admin/statemachine'));
    const wanted = new URLSearchParams(location.search).get('conversation');
    await Promise.all([refreshActivity(), loadConversations(wanted)]);
    if (wanted) await loadPath(wanted);
    windowSelect.addEventListener('change', refreshActivity);
    conversationSelect.addEventListener('change', () => loadPath(conversationSelect.value));
    document.getElementById('play').addEventListener('click', play);
    document.getElementById('step-back').addEventListener('click', () => { stopPlaying(); show(path.current - 1); });
    document.getElementById('step-next').addEventListener('click', () => { stopPlaying(); show(path.current + 1); });
    const activityLater = debounce(refreshActivity, 250);
    const conversationsLater = debounce(() => loadConversations(), 400);
    const pathLater = debounce(() => loadPath(path.id), 300);
    live((type, event) => {
      activityLater();
      conversationsLater();
      if (type === 'transition') {
        flash({...event, type});
        if (event.conversation_id === path.id) pathLater();
      }
    });
  }

  start().catch(err => {
    document.getElementById('graph').replaceChildren(el('p', {class: 'error'}, 'Could not load the machine: ' + err.message));
  });
})();
