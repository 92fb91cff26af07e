'use strict';
/*
 * The catalog: paged list or a search as a shopper would phrase it; an ADMIN edits a product
 * (PUT /api/admin/products/{id}) and imports a CSV or JSON-lines file (POST .../import).
 */
(() => {
  const {api, el, fill, money, pager, showProblem, canWrite} = Admin;
  const problem = document.getElementById('problem');
  const editor = document.getElementById('editor');
  const form = document.getElementById('edit-form');
  let page = 0;
  let query = '';
  let editing;

  function row(p) {
    return el('tr', {dataset: {id: p.id}},
      el('td', {}, p.sku || ''),
      el('td', {class: 'name'}, p.name),
      el('td', {class: 'price'}, money(p.price, p.currency)),
      el('td', {}, p.in_stock === false ? 'no' : 'yes'),
      el('td', {}, canWrite ? el('button', {type: 'button', class: 'edit', onclick: () => edit(p.id)}, 'Edit') : ''));
  }

  async function load(p = page) {
    page = p;
    const tbody = document.querySelector('#products tbody');
    const pagerNode = document.getElementById('pager');
    try {
      if (query) {
        const found = await api('/api/admin/products/search?limit=50&q=' + encodeURIComponent(query));
        fill(tbody, found.results.map(row), 'Nothing matches that.', 5);
        pagerNode.textContent = `${found.results.length} best matches in ${found.took_ms} ms`;
      } else {
        const result = await api(`/api/admin/products?page=${p}&size=25`);
        fill(tbody, result.items.map(row), 'No products yet: import a file below.', 5);
        pager(pagerNode, result, load);
      }
      showProblem(problem, null);
    } catch (err) {
      showProblem(problem, err);
    }
  }

  async function edit(id) {
    editing = await api('/api/admin/products/' + encodeURIComponent(id));
    for (const name of ['name', 'sku', 'price', 'currency', 'image_url', 'description']) {
      form.elements[name].value = editing[name] ?? '';
    }
    form.elements.categories.value = (editing.categories || []).join(' | ');
    form.elements.in_stock.checked = editing.in_stock;
    showProblem(document.getElementById('edit-problem'), null);
    editor.showModal();
  }

  form.addEventListener('submit', async e => {
    e.preventDefault();
    const f = form.elements;
    const body = {
      sku: f.sku.value.trim() || null, name: f.name.value, description: f.description.value || null,
      price: f.price.value.trim(), currency: f.currency.value.trim().toUpperCase() || null,
      categories: f.categories.value.split('|').map(c => c.trim()).filter(Boolean),
      image_url: f.image_url.value.trim() || null, in_stock: f.in_stock.checked, attributes: editing.attributes || {}
    };
    try {
      await api('/api/admin/products/' + encodeURIComponent(editing.id), {method: 'PUT', json: body});
      editor.close();
      await load();
    } catch (err) {
      const fields = err.problem && err.problem.errors;
      showProblem(document.getElementById('edit-problem'),
        Array.isArray(fields) ? new Error(fields.map(f => `${f.field}: ${f.message}`).join('; ')) : err);
    }
  });
  document.getElementById('cancel-edit').addEventListener('click', () => editor.close());

  document.getElementById('search-form').addEventListener('submit', e => {
    e.preventDefault();
    query = document.getElementById('q').value.trim();
    load(0);
  });
  document.getElementById('clear').addEventListener('click', () => {
    query = '';
    document.getElementById('q').value = '';
    load(0);
  });

  document.getElementById('import-form').addEventListener('submit', async e => {
    e.preventDefault();
    const file = document.getElementById('import-file').files[0];
    const out = document.getElementById('import-result');
    if (!file) return;
    const type = /\.(ndjson|jsonl)$/i.test(file.name) ? 'application/x-ndjson' : 'text/csv';
    out.hidden = false;
    out.textContent = 'Importing…';
    try {
      const result = await api('/api/admin/products/import', {method: 'POST', body: file, type});
      out.textContent = JSON.stringify(result, null, 2);
      await load(0);
    } catch (err) {
      out.textContent = err.message + (err.problem ? '\n' + JSON.stringify(err.problem, null, 2) : '');
    }
  });

  load(0);
})();
