import { LiveSourceError, type SourceOrigin } from '../../shared/fleet/types.js';

/** Nomad could not be read: not reachable, too slow, the token refused, or an answer that is not a node list. */
export class NomadLiveError extends LiveSourceError {
  override name = 'NomadLiveError';
}

export interface NomadLiveOptions {
  /** Nomad's HTTP address; `NOMAD_ADDR`, else `http://127.0.0.1:4646`. */
  address?: string;
  /** An ACL token, sent as `X-Nomad-Token`; `NOMAD_TOKEN` by default. Never printed. */
  token?: string;
  timeoutMs?: number;
  /** Nomad region to ask about; `NOMAD_REGION` by default, else the agent's own. */
  region?: string;
  /** The import's time (for tests); now by default. */
  now?: () => Date;
}

/** The address as an http(s) URL without a trailing slash, or a one-line error. */
function parseAddress(address: string): URL {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new NomadLiveError(
      `Nomad address ${JSON.stringify(address)} is not a URL: expected http://HOST:PORT (NOMAD_ADDR)`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new NomadLiveError(
      `Nomad address ${JSON.stringify(address)}: expected an http:// or https:// URL (NOMAD_ADDR)`,
    );
  url.search = '';
  url.hash = '';
  return url;
}

/** The address as it may be shown: no user or password, no trailing slash. */
function shown(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/** The system error code under fetch's `TypeError: fetch failed` (ECONNREFUSED, ENOTFOUND…). */
function causeCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: unknown; errors?: { code?: unknown }[] } } | null)?.cause;
  const code = cause?.code ?? cause?.errors?.find((e) => typeof e.code === 'string')?.code;
  return typeof code === 'string' ? code : undefined;
}

function firstLine(text: string): string {
  const line = text.trim().split(/\r?\n/, 1)[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/**
 * Reads `/v1/nodes?resources=true` from a running Nomad with Node's fetch, bounded by a timeout. Resolves
 * with the body, for `parseNomadNodes`, and where it came from; rejects with a one-line NomadLiveError
 * that says what to check, never the token.
 */
export async function readNomadLive({
  address = process.env['NOMAD_ADDR'] || 'http://127.0.0.1:4646',
  token = process.env['NOMAD_TOKEN'],
  timeoutMs = 15000,
  region = process.env['NOMAD_REGION'],
  now = () => new Date(),
}: NomadLiveOptions = {}): Promise<{ text: string; origin: SourceOrigin }> {
  const base = parseAddress(address);
  const where = shown(base);
  const url = new URL(`${base.href.replace(/\/+$/, '')}/v1/nodes`);
  url.searchParams.set('resources', 'true');
  // Without os=true the list carries no Attributes, and so no OS or architecture (Nomad 1.3+).
  url.searchParams.set('os', 'true');
  if (region) url.searchParams.set('region', region);
  // Credentials in the address would travel as Basic auth; Nomad takes tokens only in X-Nomad-Token.
  url.username = '';
  url.password = '';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers['X-Nomad-Token'] = token;
  const seconds = `${Math.round(timeoutMs / 100) / 10} s`;

  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    text = await response.text();
  } catch (err) {
    const name = (err as { name?: unknown } | null)?.name;
    if (name === 'TimeoutError' || name === 'AbortError')
      throw new NomadLiveError(`Nomad at ${where} did not answer within ${seconds} (NOMAD_ADDR)`);
    const code = causeCode(err);
    if (code === 'ECONNREFUSED')
      throw new NomadLiveError(`Nomad at ${where} refused the connection: is it running? (NOMAD_ADDR)`);
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
      throw new NomadLiveError(`Nomad at ${where}: host ${base.hostname} not found (NOMAD_ADDR)`);
    // fetch never connects to the ports browsers block (1, 22, 25, 6000…), whatever listens there.
    if ((err as { cause?: { message?: unknown } } | null)?.cause?.message === 'bad port')
      throw new NomadLiveError(
        `Nomad at ${where}: port ${base.port} is one fetch refuses to use; Nomad listens on 4646 (NOMAD_ADDR)`,
      );
    throw new NomadLiveError(`Nomad at ${where} could not be reached (${code ?? 'network error'}) (NOMAD_ADDR)`);
  }

  if (response.status === 403)
    throw new NomadLiveError(
      token
        ? `Nomad refused the token (403 ${firstLine(text) || 'Forbidden'}): check NOMAD_TOKEN`
        : `Nomad wants a token (403 ${firstLine(text) || 'Forbidden'}): set NOMAD_TOKEN`,
    );
  // Redirects are not followed: the token would go along to wherever they point.
  const location = response.headers.get('location');
  if (response.status >= 300 && response.status < 400 && location)
    throw new NomadLiveError(`Nomad at ${where} redirects to ${location.slice(0, 200)}: use that address (NOMAD_ADDR)`);
  if (!response.ok) {
    const body = firstLine(text);
    throw new NomadLiveError(
      `Nomad at ${where} answered ${response.status} ${response.statusText}`.trimEnd() + (body ? `: ${body}` : ''),
    );
  }
  try {
    JSON.parse(text);
  } catch {
    const type = response.headers.get('content-type') ?? 'no content type';
    throw new NomadLiveError(
      `Nomad at ${where} answered with something that is not JSON (${type}): is it Nomad's HTTP API?`,
    );
  }
  return { text, origin: { address: where.slice(0, 500), importedAt: now().toISOString() } };
}
