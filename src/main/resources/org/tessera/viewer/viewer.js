// Tessera viewer page: opens the image named in the URL fragment (#image=ID&protocol=P) in
// OpenSeadragon and records tile events in #tile-log (data-loaded, data-failed,
// data-fully-loaded, data-state) so people and tests can see whether every tile arrived.
(function () {
  'use strict';
  var body = document.body;
  var IIIF = body.getAttribute('data-iiif');
  var IIP = body.getAttribute('data-iip');
  var log = document.getElementById('tile-log');
  var select = document.getElementById('protocol');
  var viewer = null;
  var generation = 0;
  var state;

  function fragment() {
    var out = { image: '', protocol: 'iiif3' };
    location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
      var i = kv.indexOf('=');
      if (i > 0) out[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1));
    });
    return out;
  }

  function encodePath(id) {
    return id.split('/').map(encodeURIComponent).join('/');
  }

  function report() {
    log.setAttribute('data-state', state.state);
    log.setAttribute('data-loaded', String(state.loaded));
    log.setAttribute('data-failed', String(state.failed));
    log.setAttribute('data-fully-loaded', String(state.fullyLoaded));
    log.textContent = state.state + ': ' + state.loaded + ' tiles loaded, ' + state.failed + ' failed' +
      (state.fullyLoaded ? ', view complete' : '') +
      (state.messages.length ? '\n' + state.messages.join('\n') : '');
  }

  function fail(message) {
    state.state = 'error';
    state.messages.push(message);
    report();
  }

  // OpenSeadragon's Zoomify source takes the geometry as options; read it from ImageProperties.xml
  function zoomifySource(enc, done) {
    var xhr = new XMLHttpRequest();
    xhr.open('GET', IIP + '?Zoomify=' + enc + '/ImageProperties.xml');
    xhr.onload = function () {
      var m = /WIDTH="(\d+)"[^>]*HEIGHT="(\d+)"[^>]*TILESIZE="(\d+)"/i.exec(xhr.responseText);
      if (xhr.status !== 200 || !m) { fail('Zoomify descriptor: HTTP ' + xhr.status); return; }
      done({ type: 'zoomifytileservice', width: +m[1], height: +m[2], tileSize: +m[3],
             tilesUrl: IIP + '?Zoomify=' + enc + '/' });
    };
    xhr.onerror = function () { fail('Zoomify descriptor: network error'); };
    xhr.send();
  }

  function tileSource(id, protocol, done) {
    var enc = encodePath(id);
    switch (protocol) {
      case 'iiif2': done(IIIF + '2/' + enc + '/info.json'); break;
      case 'deepzoom': done(IIP + '?DeepZoom=' + enc + '.dzi'); break;
      case 'zoomify': zoomifySource(enc, done); break;
      default: done(IIIF + '/' + enc + '/info.json');
    }
  }

  function open() {
    var f = fragment();
    var mine = ++generation;
    select.value = f.protocol;
    document.querySelectorAll('#images a.image').forEach(function (a) {
      var id = a.getAttribute('data-image');
      a.href = '#image=' + encodeURIComponent(id) + '&protocol=' + encodeURIComponent(select.value);
      a.classList.toggle('current', id === f.image);
    });
    if (viewer) { viewer.destroy(); viewer = null; }
    document.getElementById('osd').innerHTML = '';
    state = { state: 'opening', loaded: 0, failed: 0, fullyLoaded: false, messages: [] };
    if (!f.image) { state.state = 'idle'; report(); log.textContent = 'Pick an image.'; return; }
    document.getElementById('current').textContent = f.image + ' (' + select.options[select.selectedIndex].text + ')';
    report();
    tileSource(f.image, f.protocol, function (source) {
      if (mine !== generation) return;
      viewer = OpenSeadragon({
        id: 'osd',
        prefixUrl: '/viewer/openseadragon/images/',
        tileSources: source,
        showNavigator: true,
        timeout: 60000
      });
      viewer.addHandler('open', function () {
        state.state = 'open'; report();
        viewer.world.getItemAt(0).addHandler('fully-loaded-change', function (e) {
          state.fullyLoaded = e.fullyLoaded; report();
        });
      });
      viewer.addHandler('open-failed', function (e) { fail('open failed: ' + (e.message || '') + ' ' + (e.source || '')); });
      viewer.addHandler('tile-loaded', function () { state.loaded++; report(); });
      viewer.addHandler('tile-load-failed', function (e) {
        state.failed++;
        state.messages.push('tile failed: ' + (e.tile && e.tile.url) + ' ' + (e.message || ''));
        report();
      });
    });
  }

  select.addEventListener('change', function () {
    var f = fragment();
    location.hash = 'image=' + encodeURIComponent(f.image) + '&protocol=' + encodeURIComponent(select.value);
  });
  window.addEventListener('hashchange', open);
  open();
}());
