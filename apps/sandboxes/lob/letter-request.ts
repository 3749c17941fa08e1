// A `POST /v1/letters` body checked as Lob documents it, minimally: the fields Lob requires
// (to, from, file, color, use_type), addresses it could print and post (a name or company and a
// first line; in the US a city, a two-letter state, a ZIP or ZIP+4, and the two address lines
// within 50 characters together; elsewhere a country code), a US return address, an inline HTML
// file under 10,000 characters, metadata as Lob limits it (20 keys of up to 40 characters, values
// of up to 500, neither with `"` or `\`). A fault is Lob's 422 body: { error: { message, status_code, code } }.
export interface LetterAddress {
  name: string | null;
  company: string | null;
  address_line1: string;
  address_line2: string | null;
  address_city: string | null;
  address_state: string | null;
  address_zip: string | null;
  /** ISO 3166-1 alpha-2 */
  address_country: string;
}

export interface LetterRequest {
  description: string | null;
  to: LetterAddress;
  from: LetterAddress;
  file: string;
  color: boolean;
  double_sided: boolean;
  address_placement: string;
  mail_type: string;
  use_type: 'marketing' | 'operational';
  metadata: Record<string, string>;
}

export interface LobFault {
  message: string;
  code: string;
}

const PLACEMENTS = ['top_first_page', 'insert_blank_page', 'bottom_first_page_center', 'bottom_first_page'];
const MAIL_TYPES = ['usps_first_class', 'usps_standard'];
const FILE_LIMIT = 10_000;

export function readLetterRequest(body: unknown): { request: LetterRequest } | { fault: LobFault } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return fault('the request body must be a JSON object');
  const b = body as Record<string, unknown>;
  for (const required of ['to', 'from', 'file', 'color', 'use_type']) if (b[required] === undefined || b[required] === null) return fault(`${required} is required`);
  if (typeof b.color !== 'boolean') return fault('color must be a boolean');
  if (b.double_sided !== undefined && typeof b.double_sided !== 'boolean') return fault('double_sided must be a boolean');
  if (b.use_type !== 'marketing' && b.use_type !== 'operational') return fault('use_type must be one of marketing, operational');
  if (typeof b.file !== 'string' || !/^\s*</.test(b.file)) return fault('file must be an HTML string (the sandbox prints inline HTML only)');
  if (b.file.length >= FILE_LIMIT) return fault(`file: an HTML string must be under ${FILE_LIMIT} characters`, 'file_size_exceeds_limit');
  const placement = b.address_placement ?? 'top_first_page';
  if (typeof placement !== 'string' || !PLACEMENTS.includes(placement)) return fault(`address_placement must be one of ${PLACEMENTS.join(', ')}`);
  const mailType = b.mail_type ?? 'usps_first_class';
  if (typeof mailType !== 'string' || !MAIL_TYPES.includes(mailType)) return fault(`mail_type must be one of ${MAIL_TYPES.join(', ')}`);
  if (b.description !== undefined && b.description !== null && (typeof b.description !== 'string' || b.description.length > 255)) return fault('description must be a string of at most 255 characters');
  const metadata = readMetadata(b.metadata);
  if ('fault' in metadata) return metadata;
  const to = readAddress(b.to, 'to');
  if ('fault' in to) return to;
  const from = readAddress(b.from, 'from');
  if ('fault' in from) return from;
  if (from.address.address_country !== 'US') return fault("the 'from' address must be a US address", 'foreign_return_address');
  return {
    request: {
      description: typeof b.description === 'string' ? b.description : null,
      to: to.address,
      from: from.address,
      file: b.file,
      color: b.color,
      double_sided: b.double_sided === undefined ? true : b.double_sided,
      address_placement: placement,
      mail_type: mailType,
      use_type: b.use_type,
      metadata: metadata.metadata,
    },
  };
}

function readAddress(value: unknown, field: string): { address: LetterAddress } | { fault: LobFault } {
  if (typeof value === 'string') return fault(`${field}: the sandbox takes inline addresses only, not saved address IDs`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fault(`${field} must be an address object`);
  const a = value as Record<string, unknown>;
  const str = (k: string, max: number): string | null | LobFault => {
    const v = a[k];
    if (v === undefined || v === null || v === '') return null;
    if (typeof v !== 'string') return { message: `${field}.${k} must be a string`, code: 'invalid' };
    if (v.length > max) return { message: `${field}.${k} must be at most ${max} characters`, code: 'invalid' };
    return v;
  };
  const fields = { name: str('name', 40), company: str('company', 40), address_line1: str('address_line1', 64), address_line2: str('address_line2', 64), address_city: str('address_city', 200), address_state: str('address_state', 200), address_zip: str('address_zip', 40), address_country: str('address_country', 2) };
  for (const v of Object.values(fields)) if (v !== null && typeof v === 'object') return { fault: v };
  const f = fields as Record<keyof typeof fields, string | null>;
  if (!f.name && !f.company) return fault(`${field}: name or company is required`);
  if (!f.address_line1) return fault(`${field}.address_line1 is required`);
  const country = (f.address_country ?? 'US').toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) return fault(`${field}.address_country must be an ISO 3166-1 alpha-2 code`);
  if (country === 'US') {
    if (!f.address_city) return fault(`${field}.address_city is required`);
    if (!f.address_state || !/^[A-Za-z]{2}$/.test(f.address_state)) return fault(`${field}.address_state must be a 2 letter state short-name code`);
    if (!f.address_zip || !/^\d{5}(-\d{4})?$/.test(f.address_zip)) return fault(`${field}.address_zip must be in a valid zip or zip+4 format`);
    if (f.address_line1.length + (f.address_line2?.length ?? 0) > 50) return fault(`The sum of ${field}.address_line1 and ${field}.address_line2 cannot surpass 50 characters.`, 'address_length_exceeds_limit');
  }
  return { address: { ...f, address_line1: f.address_line1, address_country: country } };
}

function readMetadata(value: unknown): { metadata: Record<string, string> } | { fault: LobFault } {
  if (value === undefined || value === null) return { metadata: {} };
  if (typeof value !== 'object' || Array.isArray(value)) return fault('metadata must be an object');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 20) return fault('metadata must have at most 20 keys');
  for (const [k, v] of entries) {
    if (k.length > 40 || /["\\]/.test(k)) return fault(`metadata keys must be at most 40 characters without " or \\`);
    if (typeof v !== 'string' || v.length > 500 || /["\\]/.test(v)) return fault(`metadata.${k} must be a string of at most 500 characters without " or \\`);
  }
  return { metadata: Object.fromEntries(entries) as Record<string, string> };
}

function fault(message: string, code = 'invalid'): { fault: LobFault } {
  return { fault: { message, code } };
}
