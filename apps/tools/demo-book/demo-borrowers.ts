// Who the demo book's borrowers are: names, places, time zones and languages per country, and
// identifiers in each country's shape (PAN, SSN, DNI), all drawn from the seeded generator so the
// same seed gives the same people. Every value is one the application API would take.
import { addDays, addMonths, type IsoDate } from '../../../domain/calendar.js';
import type { SeededRandom } from '../../../domain/seeded-random.js';

export type Country = 'IN' | 'US' | 'ES';

interface Place {
  line1: string;
  city: string;
  region: string;
  postalCode: string;
  timeZone: string;
}

const FIRST: Record<Country, string[]> = {
  IN: ['Aarav', 'Ananya', 'Rohan', 'Priyanka', 'Vikram', 'Sneha', 'Arjun', 'Kavya', 'Rahul', 'Meera', 'Sanjay', 'Pooja', 'Imran', 'Fatima', 'Harpreet', 'Lakshmi'],
  US: ['James', 'Maria', 'Michael', 'Jennifer', 'David', 'Linda', 'Carlos', 'Ashley', 'Kevin', 'Jessica', 'Luis', 'Emily', 'Brian', 'Sarah'],
  ES: ['Lucía', 'Hugo', 'Martina', 'Pablo', 'Sofía', 'Álvaro', 'Carmen', 'Javier', 'Elena', 'Diego', 'Paula', 'Sergio'],
};
const LAST: Record<Country, string[]> = {
  IN: ['Sharma', 'Patel', 'Iyer', 'Reddy', 'Gupta', 'Khan', 'Singh', 'Nair', 'Das', 'Joshi', 'Mehta', 'Rao', 'Banerjee', 'Kulkarni'],
  US: ['Johnson', 'Williams', 'Brown', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', "O'Brien", 'Nguyen', 'Thompson', 'Lee'],
  ES: ['García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Ruiz'],
};
const PLACES: Record<Country, Place[]> = {
  IN: [
    { line1: '14 Carter Road', city: 'Mumbai', region: 'MH', postalCode: '400050', timeZone: 'Asia/Kolkata' },
    { line1: '22 FC Road', city: 'Pune', region: 'MH', postalCode: '411004', timeZone: 'Asia/Kolkata' },
    { line1: '7 Hazratganj', city: 'Lucknow', region: 'UP', postalCode: '226001', timeZone: 'Asia/Kolkata' },
    { line1: '41 MG Road', city: 'Bengaluru', region: 'KA', postalCode: '560001', timeZone: 'Asia/Kolkata' },
    { line1: '3 Park Street', city: 'Kolkata', region: 'WB', postalCode: '700016', timeZone: 'Asia/Kolkata' },
  ],
  US: [
    { line1: '350 Fifth Avenue', city: 'New York', region: 'NY', postalCode: '10118', timeZone: 'America/New_York' },
    { line1: '233 S Wacker Drive', city: 'Chicago', region: 'IL', postalCode: '60606', timeZone: 'America/Chicago' },
    { line1: '1437 Bannock Street', city: 'Denver', region: 'CO', postalCode: '80202', timeZone: 'America/Denver' },
    { line1: '200 N Spring Street', city: 'Los Angeles', region: 'CA', postalCode: '90012', timeZone: 'America/Los_Angeles' },
    { line1: '200 W Washington Street', city: 'Phoenix', region: 'AZ', postalCode: '85003', timeZone: 'America/Phoenix' },
  ],
  ES: [
    { line1: 'Calle Mayor 12', city: 'Madrid', region: 'MD', postalCode: '28013', timeZone: 'Europe/Madrid' },
    { line1: 'Carrer de Balmes 45', city: 'Barcelona', region: 'CT', postalCode: '08007', timeZone: 'Europe/Madrid' },
    { line1: 'Calle Sierpes 8', city: 'Sevilla', region: 'AN', postalCode: '41004', timeZone: 'Europe/Madrid' },
    { line1: 'Avenida del Puerto 20', city: 'Valencia', region: 'VC', postalCode: '46021', timeZone: 'Europe/Madrid' },
  ],
};
/** Farming districts, for the seasonal-income scenario. */
const VILLAGES: Place[] = [
  { line1: 'Gram Panchayat Road, Sinnar', city: 'Nashik', region: 'MH', postalCode: '422103', timeZone: 'Asia/Kolkata' },
  { line1: 'Village Rampura, Tehsil Phul', city: 'Bathinda', region: 'PB', postalCode: '151103', timeZone: 'Asia/Kolkata' },
  { line1: 'Mauza Bhagwanpur', city: 'Muzaffarpur', region: 'BR', postalCode: '842001', timeZone: 'Asia/Kolkata' },
];

export interface DemoBorrower {
  firstName: string;
  lastName: string;
  dateOfBirth: IsoDate;
  email: string;
  phone: string;
  nationalId: string;
  address: { line1: string; city: string; region: string; postalCode: string; country: Country };
  timeZone: string;
  language: 'en' | 'hi' | 'es';
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function demoBorrower(rng: SeededRandom, country: Country, n: number, today: IsoDate, options: { age?: number; rural?: boolean; language?: DemoBorrower['language'] } = {}): DemoBorrower {
  const firstName = rng.pick(FIRST[country]);
  const lastName = rng.pick(LAST[country]);
  const place = options.rural ? rng.pick(VILLAGES) : rng.pick(PLACES[country]);
  const age = options.age ?? rng.int(24, 62);
  const dateOfBirth = addDays(addMonths(today, -12 * age), -rng.int(1, 360));
  const digits = (count: number) => Array.from({ length: count }, () => String(rng.int(0, 9))).join('');
  const letters = (count: number) => Array.from({ length: count }, () => rng.pick([...LETTERS])).join('');
  const nationalId = country === 'IN' ? `${letters(3)}P${lastName[0]!.toUpperCase()}${digits(4)}${letters(1)}` : country === 'US' ? `${digits(3)}-${digits(2)}-${digits(4)}` : `${digits(8)}${letters(1)}`;
  const serial = String(n).padStart(4, '0');
  const phone = country === 'IN' ? `+9197${serial}${digits(4)}` : country === 'US' ? `+1${rng.pick(['212', '312', '303', '213', '602'])}555${serial}` : `+3461${serial}${digits(3)}`;
  const ascii = (s: string) => s.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
  const language = options.language ?? (country === 'ES' ? 'es' : country === 'US' ? (rng.chance(15) ? 'es' : 'en') : rng.chance(30) ? 'hi' : 'en');
  return {
    firstName,
    lastName,
    dateOfBirth,
    email: `${ascii(firstName)}.${ascii(lastName)}.${serial}@example.com`,
    phone,
    nationalId,
    address: { line1: place.line1, city: place.city, region: place.region, postalCode: place.postalCode, country },
    timeZone: place.timeZone,
    language,
  };
}
