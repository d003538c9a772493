import type { ApiErrorBody } from '../../../common/errors';

/** An answer of the API that is not 2xx, with its stable code and field details. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: ApiErrorBody['error']['details'],
    public readonly requestId?: string,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
/** The session's CSRF token (from /api/auth/me or login), sent on every state-changing request. */
export const setCsrfToken = (t: string | null) => (csrfToken = t);

const listeners = new Set<(e: ApiError) => void>();
/** Called on 401: the app sends the user to the login page. */
export const onUnauthorized = (fn: (e: ApiError) => void) => {
  listeners.add(fn);
  return () => {
    listeners.delete(fn);
  };
};

async function toError(res: Response): Promise<ApiError> {
  let body: Partial<ApiErrorBody> = {};
  try {
    body = await res.json();
  } catch {
    /* not JSON: a proxy or network page */
  }
  const e = body.error;
  return new ApiError(res.status, e?.code ?? (res.status >= 500 ? 'internal' : 'network'), e?.message ?? res.statusText, e?.details, e?.requestId);
}

export type Query = Record<string, string | number | boolean | string[] | undefined | null>;

export function withQuery(url: string, query?: Query): string {
  if (!query) return url;
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) continue;
    p.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const s = p.toString();
  return s ? `${url}?${s}` : url;
}

async function request(method: string, url: string, init: RequestInit = {}): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      ...init,
      headers: { ...(method !== 'GET' && csrfToken ? { 'x-csrf-token': csrfToken } : {}), ...(init.headers ?? {}) },
    });
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  if (!res.ok) {
    const err = await toError(res);
    // A 401 on /me or /login only means "not logged in"; elsewhere the session has ended.
    if (res.status === 401 && !/\/api\/auth\/(me|login)$/.test(url)) listeners.forEach((l) => l(err));
    throw err;
  }
  return res;
}

async function json<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await request(method, url, body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return res.status === 204 ? (undefined as T) : ((await res.json()) as T);
}

export const api = {
  get: <T>(url: string, query?: Query) => json<T>('GET', withQuery(url, query)),
  post: <T>(url: string, body?: unknown) => json<T>('POST', url, body ?? {}),
  patch: <T>(url: string, body: unknown) => json<T>('PATCH', url, body),
  put: <T>(url: string, body: unknown) => json<T>('PUT', url, body),
  delete: <T>(url: string) => json<T>('DELETE', url),
  /** Uploads one file as multipart/form-data, with extra fields. */
  upload: async <T>(url: string, file: File | Blob, fields: Record<string, string> = {}) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', file, file instanceof File ? file.name : 'upload.xlsx');
    const res = await request('POST', url, { body: form });
    return (await res.json()) as T;
  },
  /** Downloads a file (Excel template, export) and hands it to the browser. */
  download: async (url: string, query?: Query, fallbackName = 'download.xlsx') => {
    const res = await request('GET', withQuery(url, query));
    const blob = await res.blob();
    const cd = res.headers.get('content-disposition') ?? '';
    const m = /filename\*=UTF-8''([^;]+)/i.exec(cd);
    const name = m ? decodeURIComponent(m[1]) : fallbackName;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  },
};

export type Page<T> = { data: T[]; total: number };
export type One<T, A = Record<string, boolean>> = { data: T; abilities: A };
