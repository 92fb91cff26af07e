'use strict';
/*
 * The state machine drawn from GET /api/admin/statemachine (the transition table itself), with the
 * conversations standing in each state and the traffic along each edge over a window
 * (GET /api/admin/statemachine/activity), kept current by the live feed. Picking a conversation
 * plays its path from the transition log, with the shopper's message behind each step.
 */
(() => {
  const {api, el, fill, time, ago, debounce, live} = Admin;
  // Where each state stands (model coordinates; the graph is fitted to its box). Left to right as a
  // purchase goes, zig-zag so that edges between neighbours keep apart; AWAITING_PAYMENT below
  // CHECKOUT, off the line from CART back to BROWSING; HANDOFF (a person from the shop has taken
  // over, reachable from every state) below the middle, where its edges to all the others meet it
  // and the graph grows no taller.
  const PLACES = {
    BROWSING: {x: 0, y: 230}, PRODUCT_FOCUS: {x: 270, y: 0}, CART: {x: 480, y: 230},
    CHECKOUT: {x: 720, y: 0}, AWAITING_PAYMENT: {x: 720, y: 390}, HANDOFF: {x: 390, y: 410}
  };
  // Which way a state's own loops go (degrees clockwise from 12 o'clock), out of the way of its other
  // edges: its moves, then its outside events; refused calls on the moves' other side.
  const LOOPS = {BROWSING: [-35, 215], PRODUCT_FOCUS: [0, 55], CART: [180, 235], CHECKOUT: [0, 55],
    AWAITING_PAYMENT: [180, 125], HANDOFF: [-90, -125]};
  const NODE = {width: 156, height: 52};
  const windowSelect = document.getElementById('window');
  const conversationSelect = document.getElementById('conversation');
  const pathList = document.getElementById('path');
  const stepOf = document.getElementById('step-of');
  const tip = document.getElementById('edge-tip');
  let cy;
  let machine;
  let common = new Set();
  let path = {steps: [], messages: new Map(), current: -1};
  let player;
  let viewMoved = false;

  const edgeId = (from, to, kind) => `${kind}:${from}->${to}`;
  const eventKey = row => `${row.from}|${row.event}|${row.to}`;

  /*
   * The events that go the same way from (nearly) every state (search_products to BROWSING,
   * view_cart to CART, a question answered where the shopper is, and so each way into and out of a
   * state reachable from everywhere) would write one name on a dozen edges. The legend names them
   * once; an edge names them only once they have traffic on it. Keys: from|event|to of those rows.
   */
  function commonRows(m) {
    const enough = Math.max(3, m.states.length - 1);
    const groups = new Map();
    const add = (key, row, state) => {
      if (!groups.has(key)) groups.set(key, {rows: [], states: new Set()});
      groups.get(key).rows.push(row);
      groups.get(key).states.add(state);
    };
    for (const row of m.transitions) {
      add(`into|${row.event}|${row.to}`, row, row.from);          // from everywhere into one state
      add(`outof|${row.event}|${row.from}`, row, row.to);         // from one state to everywhere
      if (row.from === row.to) add(`stays|${row.event}`, row, row.from); // everywhere, staying put
    }
    const keys = new Set();
    const legend = [];
    for (const [key, g] of groups) {
      if (g.states.size < enough) continue;
      const [how, event, state] = key.split('|');
      if (g.rows.every(r => keys.has(eventKey(r)))) continue;
      g.rows.forEach(r => keys.add(eventKey(r)));
      const outside = g.rows[0].kind === 'outside' ? ' (outside)' : '';
      legend.push(how === 'into' ? `${event}${offeredMark(g.rows[0])} → ${state}${outside}`
        : how === 'outof' ? `${event} from ${state} → ${g.states.size} states${outside}`
        : `${event}${offeredMark(g.rows[0])} stays${outside}`);
    }
    return {keys, legend};
  }

  // The table's offered column: † offered to the model only with a cart, ‡ only once there is an order,
  // § never (only a shopper's catalog order makes it).
  const offeredMark = row => row.offered === 'with_cart' ? '†' : row.offered === 'with_orders' ? '‡'
    : row.offered === 'never' ? '§' : '';

  function build(m) {
    machine = m;
    const found = commonRows(m);
    common = found.keys;
    const legend = document.getElementById('common-events');
    legend.replaceChildren(...(found.legend.length
      ? ['Every state: ', ...found.legend.flatMap((x, i) => [i ? ' · ' : '', el('span', {class: 'event'}, x)]),
         ' — on an edge once used there. Point at an edge for its guards and rates.']
      : ['Point at an edge for its guards and rates.']));
    // A state the places do not know yet still gets one: a row below the known ones.
    const unknown = m.states.filter(s => !PLACES[s]);
    const nodes = m.states.map(s => ({group: 'nodes', data: {id: s, name: s, count: 0},
      position: PLACES[s] || {x: unknown.indexOf(s) * 230, y: 700}}));
    const edges = new Map();
    for (const row of m.transitions) {
      const kind = row.kind === 'outside' ? 'outside' : 'applied';
      const id = edgeId(row.from, row.to, kind);
      if (!edges.has(id)) {
        edges.set(id, {group: 'edges', data: {id, source: row.from, target: row.to, kind, rows: [], traffic: {}, count: 0, rate: 0,
          lx: 0, ly: 0}});
      }
      edges.get(id).data.rows.push({event: row.event, guard: row.guard, mark: offeredMark(row), common: common.has(eventKey(row))});
    }
    // An edge of every-state events only (into HANDOFF from each state, say) is drawn faint, so that
    // the ways particular to each state stand out.
    edges.forEach(e => { e.data.quiet = e.data.rows.every(r => r.common); });
    const loops = m.states.flatMap(s => {
      const [moves, outside] = LOOPS[s] || [180, 235];
      // A loop's reach is measured from the state's centre: past the state's edge that way, and as far again.
      const loop = deg => {
        const a = deg * Math.PI / 180;
        const edge = Math.min(NODE.width / 2 / Math.abs(Math.sin(a) || 1e-9), NODE.height / 2 / Math.abs(Math.cos(a) || 1e-9));
        return {'loop-direction': `${deg}deg`, 'control-point-step-size': Math.round(edge + 34)};
      };
      return [
        {selector: `edge:loop[source = "${s}"]`, style: loop(moves)},
        {selector: `edge:loop[source = "${s}"][kind = "outside"]`, style: loop(outside)},
        {selector: `edge:loop[source = "${s}"][kind = "refused"]`, style: loop(2 * moves - outside)}];
    });
    cy = cytoscape({
      container: document.getElementById('graph'),
      elements: [...nodes, ...edges.values()],
      layout: {name: 'preset', fit: false},
      wheelSensitivity: 0.3,
      style: [
        {selector: 'node', style: {
          'shape': 'round-rectangle', 'width': NODE.width, 'height': NODE.height, 'background-color': '#f4f8fb',
          'border-width': 2, 'border-color': '#3b6e8f', 'label': 'data(label)', 'text-wrap': 'wrap',
          'text-valign': 'center', 'font-size': 13, 'color': '#1d2a33'}},
        {selector: 'node[count > 0]', style: {'background-color': '#d9ecf7'}},
        {selector: 'node.current', style: {'border-width': 5, 'border-color': '#e08e0b'}},
        {selector: 'edge', style: {
          'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'width': 'mapData(count, 0, 50, 1.5, 9)',
          'line-color': '#2f6f8f', 'target-arrow-color': '#2f6f8f', 'label': 'data(label)', 'font-size': 12,
          'text-wrap': 'wrap', 'text-background-color': '#fff', 'text-background-opacity': 0.92,
          'text-background-padding': 2, 'text-background-shape': 'round-rectangle', 'color': '#22333d',
          'text-margin-x': 'data(lx)', 'text-margin-y': 'data(ly)', 'control-point-step-size': 50}},
        {selector: 'edge:loop', style: {'loop-sweep': '-50deg'}},
        ...loops,
        {selector: 'edge[count = 0]', style: {'line-color': '#a9bccb', 'target-arrow-color': '#a9bccb'}},
        {selector: 'edge[?quiet][count = 0]', style: {'opacity': 0.5, 'width': 1}},
        // An edge is drawn with its label, over those drawn before it: labelled ones go last, so that the
        // faint lines to and from HANDOFF (every state has them) pass under the labels, not through them.
        {selector: 'edge[?label]', style: {'z-index': 2}},
        {selector: 'edge[kind = "outside"]', style: {'line-style': 'dashed', 'line-color': '#8a8a8a', 'target-arrow-color': '#8a8a8a', 'color': '#555'}},
        {selector: 'edge[kind = "refused"]', style: {'line-style': 'dashed', 'line-color': '#c62828', 'target-arrow-color': '#c62828', 'color': '#c62828'}},
        {selector: 'edge.path', style: {'line-color': '#e08e0b', 'target-arrow-color': '#e08e0b', 'width': 5}},
        {selector: 'edge.current', style: {'line-color': '#e08e0b', 'target-arrow-color': '#e08e0b', 'width': 9, 'z-index': 10}},
        {selector: 'edge.flash', style: {'line-color': '#43a047', 'target-arrow-color': '#43a047', 'width': 10}},
        // A refused call stays red when it is on the path, the current step or just happened.
        {selector: 'edge[kind = "refused"].path, edge[kind = "refused"].current, edge[kind = "refused"].flash',
          style: {'line-color': '#c62828', 'target-arrow-color': '#c62828'}},
        {selector: 'edge.hover', style: {'z-index': 20, 'text-background-color': '#fff6d6', 'text-background-opacity': 1}}
      ]
    });
    routeAroundStates();
    labelAll();
    // The view is fitted again as labels grow with traffic, until the admin zooms or pans it.
    cy.on('scrollzoom pinchzoom dragpan', () => { viewMoved = true; });
    cy.on('dragfree', 'node', () => { routeAroundStates(); placeLabels(); });
    cy.on('mouseover', 'edge', e => showTip(e.target, e.renderedPosition));
    cy.on('tap', 'edge', e => showTip(e.target, e.renderedPosition));
    cy.on('mouseout', 'edge', e => { e.target.removeClass('hover'); tip.hidden = true; });
    cy.on('tap', e => { if (e.target === cy) tip.hidden = true; });
    new ResizeObserver(debounce(() => { cy.resize(); if (!viewMoved) fit(); }, 150)).observe(cy.container());
    // Cytoscape keeps where its box is on the page. Text above the box that wraps anew (the legend,
    // a late font) moves the box without resizing it, and pointing would then find the edge the
    // pointer was over before the move: measure the box again when the page's size changes and
    // whenever the pointer comes into the box.
    new ResizeObserver(debounce(() => cy.resize(), 150)).observe(document.body);
    cy.container().addEventListener('mouseenter', () => cy.resize());
    window.shopkeeperVisualizer = {cy}; // for the browser's console, and the browser test
  }

  // What an edge says: the events particular to it, and any event with traffic on it (with its
  // count); the guards and rates are in the tip shown on hover.
  function edgeLabel(d) {
    const lines = d.rows.filter(r => !r.common || d.traffic[r.event]).map(r => {
      const t = d.traffic[r.event];
      return (d.kind === 'refused' ? '✕ ' : '') + r.event + r.mark + (t ? ` ×${t.count}` : '');
    });
    return [...new Set(lines)].join('\n');
  }

  function labelAll() {
    cy.nodes().forEach(n => n.data('label', `${n.data('name')}\n${n.data('count')} now`));
    let changed = false;
    cy.edges().forEach(e => {
      const label = edgeLabel(e.data());
      if (label !== e.data('label')) { e.data('label', label); changed = true; }
    });
    if (changed) placeLabels();
  }

  /*
   * An edge whose straight way would cross a third state (a refused call from PRODUCT_FOCUS towards
   * AWAITING_PAYMENT passes CART) is bent around it, on the side that needs the smaller bend; edges
   * between the same two states that are bent are spread apart.
   */
  function routeAroundStates() {
    const bent = new Map();
    cy.edges().forEach(e => {
      e.removeStyle('curve-style control-point-distances control-point-weights');
      if (e.isLoop()) return;
      // In the pair's own frame (from the alphabetically first state), so that both directions agree.
      const [a, b] = [e.source(), e.target()].sort((x, y) => x.id() < y.id() ? -1 : 1);
      const s = a.position(), t = b.position();
      const len = Math.hypot(t.x - s.x, t.y - s.y) || 1;
      const dir = {x: (t.x - s.x) / len, y: (t.y - s.y) / len};
      const normal = {x: -dir.y, y: dir.x};
      let need = 0;
      cy.nodes().forEach(n => {
        if (n === a || n === b) return;
        const c = n.position();
        const u = ((c.x - s.x) * dir.x + (c.y - s.y) * dir.y) / len;
        if (u <= 0.1 || u >= 0.9) return;
        const dist = (c.x - s.x) * normal.x + (c.y - s.y) * normal.y;
        const reach = Math.abs(normal.x) * n.width() / 2 + Math.abs(normal.y) * n.height() / 2 + 24;
        if (Math.abs(dist) >= reach) return;
        const k = 2 * u * (1 - u); // how far a quadratic curve's middle strays, per unit of control distance
        const d = [(dist - reach) / k, (dist + reach) / k].sort((x, y) => Math.abs(x) - Math.abs(y))[0];
        if (Math.abs(d) > Math.abs(need)) need = d;
      });
      if (!need) return;
      const key = a.id() + '|' + b.id();
      if (!bent.has(key)) bent.set(key, []);
      bent.get(key).push({e, need, reversed: e.source() !== a});
    });
    bent.forEach(list => list.forEach(({e, need, reversed}, i) => {
      const d = need + Math.sign(need) * i * 40;
      // Cytoscape measures the distance from the edge's own source: the other way round, the other side.
      e.style({'curve-style': 'unbundled-bezier', 'control-point-weights': 0.5,
        'control-point-distances': Math.round(reversed ? -d : d)});
    }));
  }

  const overlap = (a, b, gap) => Math.max(0, Math.min(a.x2, b.x2) + gap - Math.max(a.x1, b.x1))
    * Math.max(0, Math.min(a.y2, b.y2) + gap - Math.max(a.y1, b.y1));

  /*
   * Each label where it overlaps no other label, no state and no other edge's middle (where one
   * points at an edge for its tip: a label there would answer for its own edge instead): at its
   * edge's middle if it can, else the nearest free spot, nudged across or along its edge (out from
   * the state, for a loop). Labels are placed in order of importance: moves, outside events, then
   * refused calls. Then the graph is fitted, labels included, into its box.
   */
  function placeLabels() {
    const placed = [];
    const nodeBoxes = cy.nodes().map(n => n.boundingBox({includeLabels: false}));
    const middles = cy.edges().map(e => {
      const m = e.midpoint();
      return {edge: e, box: {x1: m.x - 6, y1: m.y - 6, x2: m.x + 6, y2: m.y + 6}};
    });
    const rank = {applied: 0, outside: 1, refused: 2};
    const labelled = cy.edges().filter(e => e.data('label')).sort((a, b) => rank[a.data('kind')] - rank[b.data('kind')]);
    cy.edges().forEach(e => { if (!e.data('label')) e.data({lx: 0, ly: 0}); });
    labelled.forEach(e => {
      const s = e.source().position(), t = e.target().position();
      let along, across;
      if (e.isLoop()) {
        const m = e.midpoint();
        const len = Math.hypot(m.x - s.x, m.y - s.y) || 1;
        along = {x: (m.x - s.x) / len, y: (m.y - s.y) / len};
        across = {x: -along.y, y: along.x};
      } else {
        const len = Math.hypot(t.x - s.x, t.y - s.y) || 1;
        along = {x: (t.x - s.x) / len, y: (t.y - s.y) / len};
        across = {x: -along.y, y: along.x};
      }
      const tries = [{x: 0, y: 0}];
      for (let k = 1; k <= 8; k++) {
        const d = 12 * k;
        for (const [a, c] of [[0, d], [0, -d], [d, 0], [-d, 0], [d, d], [-d, d], [d, -d], [-d, -d]]) {
          tries.push({x: along.x * a + across.x * c, y: along.y * a + across.y * c});
        }
      }
      let best = null;
      for (const at of tries) {
        e.data({lx: Math.round(at.x), ly: Math.round(at.y)});
        const box = e.boundingBox({includeLabels: true, includeNodes: false, includeEdges: false, includeOverlays: false});
        const cost = placed.reduce((sum, b) => sum + overlap(box, b, 4), 0)
          + nodeBoxes.reduce((sum, b) => sum + overlap(box, b, 4), 0)
          + middles.reduce((sum, m) => sum + (m.edge === e ? 0 : overlap(box, m.box, 2)), 0);
        if (!best || cost < best.cost) best = {at, box, cost};
        if (cost === 0) break;
      }
      e.data({lx: Math.round(best.at.x), ly: Math.round(best.at.y)});
      placed.push(best.box);
    });
    if (!viewMoved) fit();
  }

  function fit() {
    cy.fit(undefined, 24);
    if (cy.zoom() > 1.25) { cy.zoom(1.25); cy.center(); }
  }

  function showTip(edge, at) {
    const d = edge.data();
    cy.edges('.hover').removeClass('hover');
    edge.addClass('hover');
    tip.replaceChildren(
      el('strong', {}, `${d.source} → ${d.target}`, d.kind === 'applied' ? '' : ` (${d.kind === 'outside' ? 'outside events' : 'refused calls'})`),
      ...d.rows.map(r => {
        const t = d.traffic[r.event];
        return el('div', {}, (d.kind === 'refused' ? '✕ ' : '') + r.event + r.mark, r.guard ? el('span', {class: 'muted'}, ` [${r.guard}]`) : '',
          t ? ` · ×${t.count}, ${t.rate}/min` : '');
      }));
    tip.hidden = false;
    const box = cy.container().getBoundingClientRect();
    tip.style.left = Math.min(at.x + 14, box.width - tip.offsetWidth - 4) + 'px';
    tip.style.top = Math.min(at.y + 14, box.height - tip.offsetHeight - 4) + 'px';
  }

  function refusedEdge(from, to, event) {
    const id = edgeId(from, to, 'refused');
    let edge = cy.getElementById(id);
    if (edge.empty()) {
      edge = cy.add({group: 'edges', data: {id, source: from, target: to, kind: 'refused', rows: [], traffic: {}, count: 0, rate: 0, lx: 0, ly: 0}});
      routeAroundStates();
    }
    if (!edge.data('rows').some(r => r.event === event)) {
      edge.data('rows', [...edge.data('rows'), {event, guard: null, mark: '', common: false}]);
    }
    return edge;
  }

  async function refreshActivity() {
    const a = await api('/api/admin/statemachine/activity?window=' + encodeURIComponent(windowSelect.value));
    cy.batch(() => {
      cy.nodes().forEach(n => n.data('count', a.counts[n.id()] || 0));
      cy.edges().forEach(e => { e.data({count: 0, rate: 0, traffic: {}}); });
      for (const edge of a.edges) {
        let target;
        if (edge.outcome === 'REFUSED') {
          target = refusedEdge(edge.from, edge.to, edge.event);
        } else {
          const outside = machine.transitions.some(r => r.event === edge.event && r.kind === 'outside');
          target = cy.getElementById(edgeId(edge.from, edge.to, outside ? 'outside' : 'applied'));
        }
        if (target.nonempty()) {
          const sum = (x, y) => Math.round((x + y) * 100) / 100;
          const was = target.data('traffic')[edge.event] || {count: 0, rate: 0};
          target.data('traffic', {...target.data('traffic'),
            [edge.event]: {count: was.count + edge.count, rate: sum(was.rate, edge.per_minute)}});
          target.data('count', target.data('count') + edge.count);
          target.data('rate', sum(target.data('rate'), edge.per_minute));
        }
      }
    });
    labelAll();
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
    if (step.outcome === 'REFUSED') {
      const edge = refusedEdge(step.from, step.tried_to || step.from, step.event);
      labelAll(); // a refusal the activity window had not shown yet
      return edge;
    }
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
