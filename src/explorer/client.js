/* The explorer page's script (recourse explore): reads the embedded data, fills the form controls and draws
 * the numbers, the frontier and one person's recourses. Plain browser JavaScript, no network. */
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('explorer-data').textContent);
  var $ = function (id) {
    return document.getElementById(id);
  };
  var MODEL = { lr: 'LR', 'lr-closed': 'LR (eq. 16)', mlp: 'NN' };
  var METHOD = { scfe: 'SCFE', gsm: 'Growing Spheres', cchvae: 'C-CHVAE', roar: 'ROAR', exact: 'exact' };
  var METRIC = {
    accuracy: 'accuracy',
    advAccuracy: 'adversarial accuracy',
    positiveRate: 'positive rate',
    validity: 'validity',
    cost: 'mean cost (ℓ2, scaled)',
    costDiff: 'cost difference vs ε = 0',
  };
  var STATUS = {
    valid: 'valid',
    'already-positive': 'already positive (no recourse needed)',
    invalid: 'no valid recourse found',
    'no-recourse': 'no recourse exists (proven)',
  };
  var fmt = function (v) {
    return v === null || v === undefined || Number.isNaN(v) ? '–' : Number(v).toFixed(3);
  };
  var modelLabel = function (s) {
    return (MODEL[s.model] || s.model) + (s.model === 'mlp' && (s.depth > 1 || s.width > 0) ? ' depth ' + s.depth + (s.width ? ' width ' + s.width : '') : '');
  };
  var modelKey = function (s) {
    return s.model + '/' + s.depth + '/' + s.width;
  };

  function fill(select, values, labels, keep) {
    var old = keep !== undefined ? keep : select.value;
    select.innerHTML = '';
    values.forEach(function (v, i) {
      var o = document.createElement('option');
      o.value = v;
      o.textContent = labels[i];
      select.appendChild(o);
    });
    select.value = values.indexOf(old) >= 0 ? old : values[0];
  }
  function uniq(a) {
    return a.filter(function (v, i) {
      return a.indexOf(v) === i;
    });
  }

  function current() {
    var f = { dataset: $('dataset').value, model: $('model').value, method: $('method').value, setup: $('setup').value };
    for (var i = 0; i < D.selections.length; i++) {
      var s = D.selections[i];
      if (s.dataset === f.dataset && modelKey(s) === f.model && s.method === f.method && s.setup === f.setup) return i;
    }
    return -1;
  }

  function refreshChoices() {
    var S = D.selections;
    fill(
      $('dataset'),
      uniq(
        S.map(function (s) {
          return s.dataset;
        }),
      ),
      uniq(
        S.map(function (s) {
          return s.dataset;
        }),
      ),
    );
    var a = S.filter(function (s) {
      return s.dataset === $('dataset').value;
    });
    var mk = uniq(a.map(modelKey));
    fill(
      $('model'),
      mk,
      mk.map(function (k) {
        return modelLabel(
          a.filter(function (s) {
            return modelKey(s) === k;
          })[0],
        );
      }),
    );
    var b = a.filter(function (s) {
      return modelKey(s) === $('model').value;
    });
    var me = uniq(
      b.map(function (s) {
        return s.method;
      }),
    );
    fill(
      $('method'),
      me,
      me.map(function (m) {
        return METHOD[m] || m;
      }),
    );
    var c = b.filter(function (s) {
      return s.method === $('method').value;
    });
    var se = uniq(
      c.map(function (s) {
        return s.setup;
      }),
    );
    fill($('setup'), se, se);
  }

  function onSelection() {
    refreshChoices();
    var s = D.selections[current()];
    var slider = $('eps');
    var oldEps = slider.dataset.eps !== undefined ? Number(slider.dataset.eps) : 0;
    slider.max = String(s.points.length - 1);
    var k = s.points.findIndex(function (p) {
      return p.eps === oldEps;
    });
    slider.value = String(k >= 0 ? k : 0);
    var rows = Object.keys(s.recourses)
      .map(Number)
      .sort(function (x, y) {
        return x - y;
      });
    var person = $('person');
    fill(
      person,
      rows.map(String),
      rows.map(function (r) {
        return 'test row ' + r;
      }),
    );
    person.disabled = rows.length === 0;
    $('person-note').textContent = rows.length
      ? 'The first ' + rows.length + ' factuals of seed ' + s.seed + ' (the same people under every ε).'
      : 'This results folder keeps no per-person recourses for this choice.';
    buildNearestForm(s);
    onEps();
    drawTable(s);
  }

  function onEps() {
    var s = D.selections[current()];
    var k = Number($('eps').value);
    var p = s.points[k];
    $('eps').dataset.eps = String(p.eps);
    $('eps-value').textContent = String(p.eps);
    $('eps').setAttribute('aria-valuetext', 'ε = ' + p.eps);
    var body = $('stats-body');
    body.innerHTML = '';
    Object.keys(METRIC).forEach(function (m) {
      var v = p.values[m];
      var tr = document.createElement('tr');
      tr.innerHTML = '<th scope="row"></th><td class="num"></td><td class="num"></td>';
      tr.children[0].textContent = METRIC[m];
      tr.children[1].textContent = fmt(v.mean);
      tr.children[1].dataset.metric = m;
      tr.children[1].dataset.value = String(v.mean);
      tr.children[2].textContent = Number.isNaN(v.std) || v.std === null ? '–' : '± ' + fmt(v.std);
      body.appendChild(tr);
    });
    var flags = [];
    if (p.degenerateSeeds) flags.push('degenerate: ' + p.degenerateSeeds + ' of ' + p.seeds + ' seeds predict one class for ≥ 99 % of the test set');
    if (p.belowMajoritySeeds) flags.push('below the majority-class rate: ' + p.belowMajoritySeeds + ' of ' + p.seeds + ' seeds');
    $('flags').textContent = flags.length
      ? flags.join('; ') + ' — this point says little about recourse.'
      : "Every seed's model predicts both classes and beats the majority-class rate.";
    $('flags').className = flags.length ? 'flag' : 'ok';
    $('flags').dataset.degenerate = String(p.degenerateSeeds > 0);
    drawFrontier(s, k);
    drawPerson(s);
  }

  function drawFrontier(s, k) {
    if (!window.Plotly) return;
    var i = current();
    ['cost', 'validity'].forEach(function (metric) {
      var f = D.frontiers[i][metric];
      var text = f.eps.map(function (e) {
        return 'ε = ' + e;
      });
      var traces = [
        {
          x: f.x,
          y: f.line,
          text: text,
          mode: 'lines+markers+text',
          textposition: 'top center',
          textfont: { size: 10, color: '#555' },
          name: 'one point per ε (in ε order)',
          connectgaps: false,
          hovertemplate: '%{text}<br>adv. acc. %{x:.3f}<br>' + metric + ' %{y:.3f}<extra></extra>',
        },
        {
          x: f.flagged.map(function (j) {
            return f.x[j];
          }),
          y: f.flagged.map(function (j) {
            return f.y[j];
          }),
          text: f.flagged.map(function (j) {
            return text[j] + ' (degenerate or below majority)';
          }),
          mode: 'markers',
          name: 'degenerate / below majority',
          marker: { symbol: 'x-open', size: 11, color: '#b2182b' },
          hovertemplate: '%{text}<extra></extra>',
        },
        {
          x: [f.x[k]],
          y: [f.y[k]],
          mode: 'markers',
          name: "the slider's ε",
          marker: { symbol: 'circle-open', size: 20, line: { width: 3 }, color: '#111' },
          hoverinfo: 'skip',
        },
      ];
      var layout = {
        title: { text: 'Robustness against ' + (metric === 'cost' ? 'recourse cost' : 'validity') },
        xaxis: { title: { text: 'adversarial accuracy' } },
        yaxis: { title: { text: metric === 'cost' ? 'mean cost (ℓ2, scaled)' : 'validity' }, range: metric === 'validity' ? [0, 1.05] : undefined },
        height: 380,
        margin: { t: 40, r: 10, b: 110 },
        legend: { orientation: 'h', y: -0.4 },
      };
      window.Plotly.react($('frontier-' + metric), traces, layout, { responsive: true, displaylogo: false });
    });
  }

  function drawPerson(s) {
    var table = $('person-table');
    var row = $('person').value;
    var rec = s.recourses[row];
    var people = s.data ? D.people[s.data] : null;
    table.innerHTML = '';
    if (!rec || !people) return;
    var factual = people.rows[row];
    var all = $('all-features').checked;
    var changed = {};
    rec.forEach(function (r) {
      if (r)
        Object.keys(r.changes).forEach(function (n) {
          changed[n] = true;
        });
    });
    var k = Number($('eps').value);
    var head =
      '<thead><tr><th scope="col">feature</th><th scope="col">now</th>' +
      s.points
        .map(function (p, i) {
          return '<th scope="col"' + (i === k ? ' class="here"' : '') + '>ε = ' + p.eps + '</th>';
        })
        .join('') +
      '</tr></thead>';
    var body = document.createElement('tbody');
    factual.forEach(function (f) {
      if (!all && !changed[f.name]) return;
      var tr = document.createElement('tr');
      var th = document.createElement('th');
      th.scope = 'row';
      th.textContent = f.name + (f.immutable ? ' (fixed)' : '');
      if (f.immutable) th.className = 'fixed';
      tr.appendChild(th);
      var now = document.createElement('td');
      now.textContent = f.value;
      tr.appendChild(now);
      rec.forEach(function (r, i) {
        var td = document.createElement('td');
        if (i === k) td.className = 'here';
        if (!r) td.textContent = '–';
        else if (r.status !== 'valid') td.textContent = '';
        else if (r.changes[f.name] !== undefined) {
          td.textContent = f.value + ' → ' + r.changes[f.name];
          td.dataset.feature = f.name;
          td.dataset.value = r.changes[f.name];
          td.className += ' changed';
        } else td.textContent = 'same';
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    ['status', 'cost'].forEach(function (what) {
      var tr = document.createElement('tr');
      tr.className = 'foot';
      tr.innerHTML = '<th scope="row">' + (what === 'cost' ? 'cost (ℓ2, scaled)' : 'recourse') + '</th><td></td>';
      rec.forEach(function (r, i) {
        var td = document.createElement('td');
        if (i === k) td.className = 'here';
        td.textContent = !r ? '–' : what === 'cost' ? fmt(r.cost) : STATUS[r.status];
        if (r && r.status !== 'valid' && what === 'status') td.className += ' flag';
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    table.innerHTML = head;
    table.appendChild(body);
  }

  function buildNearestForm(s) {
    var box = $('nearest-fields');
    box.innerHTML = '';
    var people = s.data ? D.people[s.data] : null;
    $('nearest').hidden = !people;
    if (!people) return;
    Object.keys(people.ranges).forEach(function (name, i) {
      var r = people.ranges[name];
      var label = document.createElement('label');
      label.htmlFor = 'near-' + i;
      label.textContent = name + ' (' + r[0] + '–' + r[1] + ')';
      var input = document.createElement('input');
      input.type = 'number';
      input.id = 'near-' + i;
      input.dataset.feature = name;
      input.step = 'any';
      box.appendChild(label);
      box.appendChild(input);
    });
  }

  /** The kept person nearest to the typed values: distance over the typed features in scaled units, (v − min) / (max − min). */
  function nearest(ev) {
    ev.preventDefault();
    var s = D.selections[current()];
    var people = D.people[s.data];
    var typed = Array.prototype.slice.call(document.querySelectorAll('#nearest-fields input')).filter(function (i) {
      return i.value !== '';
    });
    var best = null;
    var bestD = Infinity;
    Object.keys(s.recourses).forEach(function (row) {
      var f = people.rows[row];
      var d = 0;
      typed.forEach(function (input) {
        var r = people.ranges[input.dataset.feature];
        var span = r[1] - r[0] || 1;
        var feat = f.filter(function (x) {
          return x.name === input.dataset.feature;
        })[0];
        d += Math.pow((Number(input.value) - feat.raw) / span, 2);
      });
      if (d < bestD) {
        bestD = d;
        best = row;
      }
    });
    if (best !== null) {
      $('person').value = best;
      drawPerson(s);
      $('nearest-result').textContent = 'Nearest kept person: test row ' + best + '.';
    }
  }

  function drawTable(s) {
    var t = $('summary-table');
    var cols = Object.keys(METRIC);
    t.innerHTML =
      '<caption>Every ε of this choice (mean ± std over seeds; flagged rows: degenerate or below the majority-class rate)</caption><thead><tr><th scope="col">ε</th>' +
      cols
        .map(function (c) {
          return '<th scope="col">' + METRIC[c] + '</th>';
        })
        .join('') +
      '<th scope="col">flags</th></tr></thead>';
    var body = document.createElement('tbody');
    s.points.forEach(function (p) {
      var tr = document.createElement('tr');
      if (!p.usable) tr.className = 'flag';
      tr.innerHTML =
        '<th scope="row">' +
        p.eps +
        '</th>' +
        cols
          .map(function (c) {
            var v = p.values[c];
            return '<td class="num">' + fmt(v.mean) + (Number.isNaN(v.std) || v.std === null ? '' : ' ± ' + fmt(v.std)) + '</td>';
          })
          .join('') +
        '<td>' +
        [
          p.degenerateSeeds ? 'degenerate ' + p.degenerateSeeds + '/' + p.seeds : '',
          p.belowMajoritySeeds ? 'below majority ' + p.belowMajoritySeeds + '/' + p.seeds : '',
        ]
          .filter(Boolean)
          .join(', ') +
        '</td>';
      body.appendChild(tr);
    });
    t.appendChild(body);
  }

  ['dataset', 'model', 'method', 'setup'].forEach(function (id) {
    $(id).addEventListener('change', onSelection);
  });
  $('eps').addEventListener('input', onEps);
  $('person').addEventListener('change', function () {
    drawPerson(D.selections[current()]);
  });
  $('all-features').addEventListener('change', function () {
    drawPerson(D.selections[current()]);
  });
  $('nearest').addEventListener('submit', nearest);
  onSelection();
  document.body.dataset.ready = 'true';
})();
