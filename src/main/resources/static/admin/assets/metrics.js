'use strict';
/* Business metrics: the funnel (GET /api/admin/metrics/funnel) and trends (.../trend) as charts. */
(() => {
  const {api, el, fill, percent, showProblem} = Admin;
  const range = document.getElementById('range');
  const problem = document.getElementById('problem');
  let funnelChart;
  let trendChart;

  function card(label, value, id) {
    return el('div', {class: 'card', id}, el('div', {class: 'value'}, value), el('div', {class: 'label'}, label));
  }

  async function load() {
    const days = Number(range.value);
    const to = new Date();
    const from = new Date(to.getTime() - days * 86400000);
    const window = `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
    try {
      const [f, t] = await Promise.all([
        api('/api/admin/metrics/funnel?' + window),
        api(`/api/admin/metrics/trend?${window}&bucket=${days <= 1 ? 'hour' : 'day'}`)]);
      showProblem(problem, null);
      document.getElementById('cards').replaceChildren(
        card('conversations started', String(f.conversations.started), 'm-started'),
        card('completion (created an order)', percent(f.conversations.completion_rate), 'm-completion'),
        card('conversion (paid)', percent(f.conversations.conversion_rate), 'm-conversion'),
        card('orders created / paid', `${f.orders.created} / ${f.orders.paid}`, 'm-orders'),
        card('shopper messages per conversation', String(f.messages.per_conversation), 'm-messages'),
        card('searches that led to a product', f.search.with_results ? percent(f.search.effectiveness) : '—', 'm-search'));
      const states = f.states.map(s => s.state);
      funnelChart?.destroy();
      funnelChart = new Chart(document.getElementById('funnel'), {
        type: 'bar',
        data: {labels: states, datasets: [
          {label: 'entered', data: f.states.map(s => s.entered), backgroundColor: '#2f6f8f'},
          {label: 'moved on', data: f.states.map(s => s.moved_on), backgroundColor: '#9cc3d6'}]},
        options: {animation: false, scales: {y: {beginAtZero: true, ticks: {precision: 0}}}}
      });
      const unit = t.bucket === 'hour' ? {hour: '2-digit'} : {month: 'short', day: 'numeric'};
      trendChart?.destroy();
      trendChart = new Chart(document.getElementById('trend'), {
        type: 'line',
        data: {labels: t.points.map(p => new Date(p.at).toLocaleString(undefined, unit)), datasets: [
          {label: 'conversations started', data: t.points.map(p => p.conversations_started), borderColor: '#2f6f8f'},
          {label: 'orders created', data: t.points.map(p => p.orders_created), borderColor: '#e08e0b'},
          {label: 'orders paid', data: t.points.map(p => p.orders_paid), borderColor: '#2e7d32'},
          {label: 'searches', data: t.points.map(p => p.searches), borderColor: '#8a8a8a', hidden: true}]},
        options: {animation: false, scales: {y: {beginAtZero: true, ticks: {precision: 0}}}}
      });
      fill(document.querySelector('#no-results tbody'), f.search.no_result_queries.map(q =>
        el('tr', {}, el('td', {}, q.query), el('td', {}, String(q.count)))), 'Every search found something.', 2);
    } catch (err) {
      showProblem(problem, err);
    }
  }

  range.addEventListener('change', load);
  load();
})();
