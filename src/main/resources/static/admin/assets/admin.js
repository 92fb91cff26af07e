'use strict';
/*
 * Shared by the admin pages: calls to the admin API with the session cookie (and the CSRF token on
 * writes), safe DOM building (text is always set as text, never parsed as HTML: shoppers' words
 * are shown here), paging, times, and the live feed.
 */
const Admin = (() => {
  const canWrite = document.body && document.body.dataset.canWrite === 'true';

  function cookie(name) {
    const hit = document.cookie.split('; ').find(c => c.startsWith(name + '='));
    return hit ? decodeURIComponent(hit.substring(name.length + 1)) : '';
  }

  class ApiError extends Error {
    constructor(status, problem) {
      super((problem && (problem.detail || problem.title)) || ('HTTP ' + status));
      this.status = status;
      this.problem = problem;
    }
  }

  async function api(path, {method = 'GET', json, body, type} = {}) {
    const headers = {'Accept': 'application/json, application/problem+json'};
    if (method !== 'GET' && method !== 'HEAD') {
      headers['X-XSRF-TOKEN'] = cookie('XSRF-TOKEN');
    }
    if (json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(json);
    } else if (type) {
      headers['Content-Type'] = type;
    }
    const res = await fetch(path, {method, headers, body, credentials: 'same-origin'});
    if (res.status === 401) {
      location.href = '/admin/sign-in';
      throw new ApiError(401, {detail: 'Your session has ended: sign in again.'});
    }
    const contentType = res.headers.get('Content-Type') || '';
    const data = res.status === 204 ? null : contentType.includes('json') ? await res.json() : await res.text();
    if (!res.ok) {
      throw new ApiError(res.status, typeof data === 'object' ? data : {detail: String(data).slice(0, 200)});
    }
    return data;
  }

  /** el('td', {class: 'x', dataset: {id: 1}}, 'text', childNode) */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'dataset') Object.assign(node.dataset, v);
      else if (k === 'class') node.className = v;
      else if (k.startsWith('on')) node.addEventListener(k.substring(2), v);
      else node.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) {
      if (c === undefined || c === null || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  function fill(tbody, rows, emptyText, columns) {
    tbody.replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', {class: 'muted', colspan: columns || 6}, emptyText))]));
  }

  function time(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    return d.toLocaleString(undefined, {dateStyle: 'short', timeStyle: 'medium'});
  }

  function ago(iso) {
    const s = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
    if (s < 60) return Math.max(s, 0) + ' s ago';
    if (s < 3600) return Math.round(s / 60) + ' min ago';
    if (s < 86400) return Math.round(s / 3600) + ' h ago';
    return time(iso);
  }

  function money(amount, currency) {
    if (amount === null || amount === undefined) return '';
    try {
      return new Intl.NumberFormat(undefined, {style: 'currency', currency}).format(Number(amount));
    } catch (e) {
      return amount + ' ' + currency;
    }
  }

  function percent(x) {
    return (Math.round(x * 1000) / 10) + '%';
  }

  function showProblem(node, err) {
    if (!node) return;
    node.hidden = !err;
    node.textContent = err ? (err.message || String(err)) : '';
  }

  /** Previous/next over a {items,total,page,size} page. */
  function pager(node, page, go) {
    const last = Math.max(0, Math.ceil(page.total / page.size) - 1);
    node.replaceChildren(
      el('button', {type: 'button', disabled: page.page <= 0, onclick: () => go(page.page - 1)}, '◀ Newer'),
      el('span', {}, ` page ${page.page + 1} of ${last + 1} · ${page.total} in all `),
      el('button', {type: 'button', disabled: page.page >= last, onclick: () => go(page.page + 1)}, 'Older ▶'));
  }

  /**
   * The live feed: calls onEvent(type, data) for each of types ('started' and 'transition' unless
   * asked; 'message' when a shopper writes, which in HANDOFF moves nothing); reconnects by itself.
   */
  function live(onEvent, types = ['started', 'transition']) {
    const status = document.getElementById('live-status');
    const source = new EventSource('/api/admin/live');
    const mark = (text, cls) => { if (status) { status.textContent = text; status.className = 'live ' + cls; } };
    source.addEventListener('ready', () => mark('live', 'on'));
    source.addEventListener('error', () => mark('reconnecting…', 'off'));
    for (const type of types) {
      source.addEventListener(type, e => onEvent(type, JSON.parse(e.data)));
    }
    return source;
  }

  /** Runs fn at most once per delay, after the last call. */
  function debounce(fn, delay) {
    let timer;
    return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), delay); };
  }

  document.addEventListener('DOMContentLoaded', () => {
    if (!canWrite) document.querySelectorAll('.write-only').forEach(n => n.hidden = true);
  });

  return {api, el, fill, time, ago, money, percent, showProblem, pager, live, debounce, canWrite, ApiError};
})();
