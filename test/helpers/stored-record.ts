// Keuze's stored record written straight into IndexedDB (database `database`, store
// `state`, key `consent`), as an older version of the widget, a forger or a broken
// browser may have left it.
export function idbPut(database: string, value: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(database);
    request.onupgradeneeded = () => request.result.createObjectStore('state');
    request.onsuccess = () => {
      const db = request.result;
      const tx = db.transaction('state', 'readwrite');
      tx.objectStore('state').put(value, 'consent');
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
    request.onerror = () => reject(request.error);
  });
}

/** The stored record as it is in IndexedDB; the connection is closed again, so the test can delete the database. */
export function idbGet(database: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(database);
    request.onupgradeneeded = () => request.result.createObjectStore('state');
    request.onsuccess = () => {
      const db = request.result;
      const read = db.transaction('state').objectStore('state').get('consent');
      read.onsuccess = () => {
        db.close();
        resolve(read.result);
      };
      read.onerror = () => reject(read.error);
    };
    request.onerror = () => reject(request.error);
  });
}
