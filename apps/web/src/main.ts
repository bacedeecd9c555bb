const health = document.querySelector('#health');
fetch('/readyz')
  .then((response) => response.json() as Promise<{ engine?: string }>)
  .then((body) => {
    if (health) health.textContent = `Server ready (${body.engine ?? 'unknown'} database).`;
  })
  .catch(() => {
    if (health) health.textContent = 'The server is not answering.';
  });
