'use strict';

// Shown by the main process when the server cannot be loaded; talks to it through the same
// preload bridge as the server's pages.
const desktop = window.receptivoDesktop;
const form = document.getElementById('settings-form');
const input = document.getElementById('server-url');
const startAtLogin = document.getElementById('start-at-login');
const button = document.getElementById('save');
const saveError = document.getElementById('save-error');
const loadError = document.getElementById('load-error');
const version = document.getElementById('version');

const query = new URLSearchParams(window.location.search);
if (query.has('url')) {
  const detail = query.get('error') ? ` (${query.get('error')})` : '';
  loadError.textContent = `Não foi possível conectar ao servidor ${query.get('url')}${detail}. Verifique o endereço ou a rede.`;
  loadError.hidden = false;
}

// Electron wraps errors thrown in the main process as "Error invoking remote method '…': Name: message".
function messageOf(error) {
  return String(error && error.message ? error.message : error).replace(/^Error invoking remote method '[^']*': (?:\w+: )?/, '');
}

function showSaveError(message) {
  saveError.textContent = message;
  saveError.hidden = false;
  input.setAttribute('aria-invalid', 'true');
}

desktop.getSettings().then((settings) => {
  if (!input.value) input.value = settings.serverUrl;
  startAtLogin.checked = settings.startAtLogin;
});
desktop.appVersion().then((appVersion) => {
  version.textContent = `Receptivo ${appVersion}`;
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  saveError.hidden = true;
  input.removeAttribute('aria-invalid');
  button.disabled = true;
  try {
    const saved = await desktop.saveSettings({ serverUrl: input.value, startAtLogin: startAtLogin.checked });
    window.location.assign(saved.serverUrl);
  } catch (error) {
    showSaveError(messageOf(error));
    button.disabled = false;
    input.focus();
  }
});
