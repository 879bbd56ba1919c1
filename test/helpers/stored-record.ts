// Keuze's stored record straight in IndexedDB (database `database`, store `state`, key
// `consent`): written as an older version of the widget, a forger or a broken browser may
// have left it, and read back as it is. Each call closes its connection again, so the test
// can delete the database.

/** Opens `database` as idb-keyval lays it out, creating the store when it is new. */
function openState(database: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(database);
    request.onupgradeneeded = () => request.result.createObjectStore('state');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export async function idbPut(database: string, value: unknown): Promise<void> {
  const db = await openState(database);
  return new Promise((resolve, reject) => {
    const tx = db.transaction('state', 'readwrite');
    tx.objectStore('state').put(value, 'consent');
    tx.oncomplete = () => {
      db.close();
      resolve();
    };
    tx.onerror = () => {
      db.close();
      reject(tx.error);
    };
  });
}

/** The stored record as it is in IndexedDB. */
export async function idbGet(database: string): Promise<unknown> {
  const db = await openState(database);
  return new Promise((resolve, reject) => {
    const read = db.transaction('state').objectStore('state').get('consent');
    read.onsuccess = () => {
      db.close();
      resolve(read.result);
    };
    read.onerror = () => {
      db.close();
      reject(read.error);
    };
  });
}
