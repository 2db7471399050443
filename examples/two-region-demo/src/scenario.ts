/**
 * What the demo sends: five customers in five cities paying an order through checkout. Their card
 * numbers, phone numbers and e-mail addresses travel in request bodies and query strings; none of
 * them may reach the collector in clear. One card is the issuer's "always declined" test card.
 */

export interface Customer {
  /** Where the customer is (for the printout only). */
  readonly city: string;
  readonly orderId: string;
  readonly card: string;
  readonly phone: string;
  readonly email: string;
  readonly amount: number;
  readonly currency: string;
  /** Where the card number travels: the JSON body, or (a badly written client) the query string. */
  readonly cardIn: 'body' | 'query';
  /** What checkout must answer. */
  readonly expect: 'paid' | 'declined';
}

/** Payments declines this card (a well-known issuer test number: valid prefix and Luhn, always refused). */
export const DECLINED_CARD = '4000 0000 0000 0002';

export const CUSTOMERS: readonly Customer[] = [
  {
    city: 'Hong Kong',
    orderId: 'HK-1001',
    card: '4111 1111 1111 1111',
    phone: '+852 9432 1876',
    email: 'mei.chan@example.hk',
    amount: 388,
    currency: 'HKD',
    cardIn: 'body',
    expect: 'paid',
  },
  {
    city: 'Frankfurt',
    orderId: 'DE-2002',
    card: '5555-5555-5555-4444',
    phone: '+49 1512 3456789',
    email: 'jonas.weber@example.de',
    amount: 59.9,
    currency: 'EUR',
    cardIn: 'body',
    expect: 'paid',
  },
  {
    city: 'Singapore',
    orderId: 'SG-3003',
    card: DECLINED_CARD,
    phone: '+65 8765 4321',
    email: 'weiling.tan@example.sg',
    amount: 120,
    currency: 'SGD',
    cardIn: 'body',
    expect: 'declined',
  },
  {
    city: 'Tokyo',
    orderId: 'JP-4004',
    card: '3530 1113 3330 0000',
    phone: '+81 90-1234-5678',
    email: 'yuki.sato@example.jp',
    amount: 12800,
    currency: 'JPY',
    cardIn: 'body',
    expect: 'paid',
  },
  {
    city: 'London',
    orderId: 'GB-5005',
    card: '4242424242424242',
    phone: '+44 7911 123456',
    email: 'oliver.smith@example.co.uk',
    amount: 42.5,
    currency: 'GBP',
    cardIn: 'query',
    expect: 'paid',
  },
];

export interface PlantedValue {
  readonly kind: 'card' | 'phone' | 'email';
  /** As the customer typed it. */
  readonly value: string;
  /**
   * Forms searched for in what the collector received (both sides go through `normalise()`):
   * digits for cards and phones (the phone also without its country code), the e-mail address.
   */
  readonly needles: readonly string[];
}

/** Every personal value the demo plants, with the forms a leak would take. */
export function plantedValues(customers: readonly Customer[] = CUSTOMERS): PlantedValue[] {
  const out: PlantedValue[] = [];
  for (const c of customers) {
    out.push({ kind: 'card', value: c.card, needles: [digits(c.card)] });
    // '+852 9432 1876' → '85251234567' and the national part '51234567'
    const national = c.phone.replace(/^\+\d+\s*/, '');
    out.push({ kind: 'phone', value: c.phone, needles: [digits(c.phone), digits(national)] });
    out.push({ kind: 'email', value: c.email, needles: [normalise(c.email)] });
  }
  return out;
}

function digits(s: string): string {
  return s.replace(/\D/g, '');
}

/** Separators people and URLs put into card and phone numbers (and the dots of e-mail addresses). */
const SEPARATORS = /[\s\-.()/+]/g;

/** The form text and needles are compared in: lower case, separators removed. */
export function normalise(text: string): string {
  return text.toLowerCase().replace(SEPARATORS, '');
}
