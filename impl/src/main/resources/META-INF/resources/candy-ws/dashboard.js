// The candy-ws dashboard page: connects with candy-ws.js to the dashboard's route and draws each
// snapshot it receives. It keeps the last minute of samples for the plots; it holds nothing else.
(function () {
  'use strict';

  var HISTORY = 60;
  var SVG = 'http://www.w3.org/2000/svg';
  var series = {};
  var live = false;

  function $(id) { return document.getElementById(id); }

  function status(state, text) {
    var line = $('status');
    line.dataset.state = state;
    line.textContent = text;
  }

  /** Appends a value to a named series, keeping the last HISTORY values. */
  function record(key, value) {
    var values = series[key] || (series[key] = []);
    values.push(value);
    if (values.length > HISTORY) values.shift();
    return values;
  }

  /** A small SVG line plot of the values, scaled to their largest (at least 1). */
  function sparkline(values) {
    var width = 120, height = 28;
    var max = Math.max(1, Math.max.apply(null, values));
    var step = width / (HISTORY - 1);
    var start = width - (values.length - 1) * step;
    var points = values.map(function (v, i) {
      return (start + i * step).toFixed(1) + ',' + (height - 2 - (v / max) * (height - 4)).toFixed(1);
    });
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'spark');
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    svg.dataset.points = String(values.length);
    if (values.length > 1) {
      var area = document.createElementNS(SVG, 'polygon');
      area.setAttribute('points', start.toFixed(1) + ',' + height + ' ' + points.join(' ') + ' ' + width + ',' + height);
      svg.appendChild(area);
    }
    var line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('points', points.join(' '));
    svg.appendChild(line);
    return svg;
  }

  function cell(row, text, className) {
    var td = document.createElement('td');
    if (className) td.className = className;
    if (text !== undefined) td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function plotted(row, value, key) {
    var td = cell(row, undefined, 'num');
    var number = document.createElement('span');
    number.className = 'value';
    number.textContent = String(value);
    td.appendChild(number);
    td.appendChild(sparkline(record(key, value)));
    return td;
  }

  function counts(map, format) {
    var parts = Object.keys(map)
      .filter(function (key) { return map[key] > 0; })
      .map(function (key) { return format(key, map[key]); });
    return parts.length ? parts.join(', ') : '–';
  }

  function bytes(n) {
    if (n < 1024) return n + ' B';
    if (n < 1024 * 1024) return (n / 1024).toFixed(1) + ' KiB';
    return (n / 1024 / 1024).toFixed(1) + ' MiB';
  }

  function fill(id, rows, make) {
    var body = $(id).tBodies[0];
    body.replaceChildren();
    rows.forEach(function (item) {
      var row = document.createElement('tr');
      make(row, item);
      body.appendChild(row);
    });
    if (!rows.length) {
      var empty = document.createElement('tr');
      cell(empty, 'none', 'none').colSpan = $(id).tHead.rows[0].cells.length;
      body.appendChild(empty);
    }
  }

  function round(n) { return Math.round(n * 10) / 10; }

  function draw(s) {
    var open = 0, inRate = 0, outRate = 0;
    s.routes.forEach(function (r) { open += r.open; inRate += r.inPerSecond; outRate += r.outPerSecond; });
    [['total-open', open], ['total-in', round(inRate)], ['total-out', round(outRate)]].forEach(function (t) {
      $(t[0]).textContent = String(t[1]);
      $(t[0] + '-plot').replaceChildren(sparkline(record(t[0], t[1])));
    });
    $('room-count').textContent = String(s.roomCount);
    var relay = s.relay;
    $('relay').textContent = 'Relay: ' + relay.published + ' out (' + relay.publishedPerSecond + '/s), ' +
      relay.received + ' in (' + relay.receivedPerSecond + '/s), ' + relay.dropped + ' dropped';
    fill('routes', s.routes, function (row, r) {
      row.dataset.route = r.route;
      var name = document.createElement('code');
      name.textContent = r.route;
      cell(row).appendChild(name);
      plotted(row, r.open, 'open ' + r.route).classList.add('open');
      plotted(row, r.inPerSecond, 'in ' + r.route).classList.add('in');
      plotted(row, r.outPerSecond, 'out ' + r.route).classList.add('out');
      cell(row, counts(r.refused, function (k, v) { return k + ' ' + v; }), 'refused');
      cell(row, counts(r.closed, function (k, v) { return k + ' × ' + v; }), 'closed');
    });
    fill('rooms', s.rooms, function (row, room) {
      cell(row, room.name);
      cell(row, String(room.members), 'num');
    });
    fill('slow', s.slowReaders, function (row, reader) {
      cell(row, reader.id.slice(0, 8)).title = reader.id;
      cell(row, reader.route);
      cell(row, bytes(reader.backlogBytes), 'num');
    });
    status('live', 'Live · ' + new Date(s.time).toLocaleTimeString() + ' · ' + s.watchers +
      (s.watchers === 1 ? ' watcher' : ' watchers'));
  }

  var ws = Candy.ws('/candy-ws/dashboard', {token: false});
  ws.on('open', function () {
    live = true;
    status('connecting', 'Connected, waiting for the first snapshot…');
  });
  ws.on('message', function (data) {
    if (data && data.type === 'snapshot') draw(data);
  });
  ws.on('close', function (info) {
    if (info.code === 4001) {
      status('refused', 'Sign in first: the dashboard needs a signed-in user with its role (4001).');
    } else if (info.code === 4003) {
      status('refused', 'Not allowed: your user does not have the dashboard\'s role (4003).');
    } else if (info.code === 1013) {
      status('down', 'Too many dashboards are open (1013)' + (info.reconnecting ? '; trying again…' : '.'));
    } else if (!live) {
      status('down', 'Cannot reach the dashboard: it is off (candy.ws.dashboard.enabled) or the server ' +
        'is down' + (info.reconnecting ? '; trying again…' : '.'));
    } else {
      status('down', 'Disconnected (' + info.code + ')' + (info.reconnecting ? '; reconnecting…' : '.'));
    }
    live = false;
  });
})();
